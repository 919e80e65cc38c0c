package dev.transship.cli;

/** The exit codes every command uses. */
public final class ExitCodes {
  public static final int OK = 0;
  /** Lint or convert found something at or above {@code --fail-on}. */
  public static final int FINDINGS = 1;
  /** Bad usage or bad input: the message says what and where. */
  public static final int BAD_INPUT = 2;
  /** restore: a stage failed or partially failed (or its Restore outlived --timeout); --resume continues. */
  public static final int STAGE_FAILED = 3;
  /** restore: the run waits at a gate; --approve GATE --resume continues. */
  public static final int AT_GATE = 4;
  /** restore: a cluster call or the state store failed after the run began writing; --resume continues. */
  public static final int INTERRUPTED = 5;
  /** transship itself failed: out of memory, or a bug (the stack trace is for the bug report). */
  public static final int INTERNAL = 70;

  private ExitCodes() {}
}
