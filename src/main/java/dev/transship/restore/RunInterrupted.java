package dev.transship.restore;

import dev.transship.TransshipException;

/**
 * A run stopped after it had begun writing (a stage's state, a Restore, a CronJob patch), because a
 * cluster call or the state store failed. Unlike bad input, something may have changed: the run
 * state says what, and {@code --resume} continues from it.
 */
public final class RunInterrupted extends TransshipException {
  public RunInterrupted(String stage, TransshipException cause) {
    super("stage " + stage + " interrupted: " + cause.getMessage() + "; the run state keeps what was done, continue with --resume");
  }
}
