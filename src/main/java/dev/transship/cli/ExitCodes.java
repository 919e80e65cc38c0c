package dev.transship.cli;

/** The exit codes every command uses. */
public final class ExitCodes {
  public static final int OK = 0;
  /** Lint found something at or above {@code --fail-on}. */
  public static final int FINDINGS = 1;
  /** Bad usage or bad input: the message says what and where. */
  public static final int BAD_INPUT = 2;
  /** A restore stage failed or partially failed. */
  public static final int STAGE_FAILED = 3;
  /** The restore is waiting at a gate; run it again to resume. */
  public static final int WAITING_AT_GATE = 4;

  private ExitCodes() {}
}
