package dev.transship.restore;

/** How a run ended; the CLI maps each to its exit code. */
public enum RunResult {
  /** Every stage done. */
  DONE,
  /** A stage failed or partially failed, or a Restore is still running after the timeout; {@code --resume} continues. */
  STAGE_FAILED,
  /** Stopped at a gate; {@code --approve GATE --resume} continues. */
  AT_GATE
}
