package dev.transship.lint;

import dev.transship.archive.ItemKey;
import dev.transship.kube.KubeObject;

/**
 * One lint check: a stable id, what it finds, why it matters and how to fix it, and the logic.
 * Checks see objects one at a time while the backup streams; those that need to relate objects
 * (a StatefulSet and its pod volume backups) keep small facts and report in {@link #finish}.
 */
public interface Check {
  CheckInfo info();

  /** Looks at one object; reports through {@code ctx}. */
  void inspect(ItemKey key, KubeObject object, LintContext ctx);

  /** Called once after the last object, for checks that relate objects. */
  default void finish(LintContext ctx) {}
}
