package dev.transship.lint.checks;

import dev.transship.archive.ItemKey;
import dev.transship.cloud.Target;
import dev.transship.convert.finalizers.RemoveControllerFinalizers;
import dev.transship.finding.ObjectRef;
import dev.transship.finding.Severity;
import dev.transship.kube.KubeObject;
import dev.transship.lint.Check;
import dev.transship.lint.CheckInfo;
import dev.transship.lint.LintContext;

/** Finalizers whose controller is absent in the target: Velero restores them, and deletion then hangs. */
public final class ControllerFinalizerCheck implements Check {
  static final CheckInfo INFO = new CheckInfo("controller-finalizer", Severity.ERROR, "Finalizer of a controller the target does not run",
      "Velero restores finalizers (since v1.11). Without the controller that owns one, deleting the object hangs forever.",
      "Remove it with the removeControllerFinalizers converter, or run the controller in the target.");

  @Override
  public CheckInfo info() {
    return INFO;
  }

  @Override
  public void inspect(ItemKey key, KubeObject object, LintContext ctx) {
    Target target = ctx.options().target();
    if (target == Target.SAME) {
      return;
    }
    for (String finalizer : object.finalizers()) {
      String controller = RemoveControllerFinalizers.absentController(finalizer, target);
      if (controller != null) {
        ctx.report(INFO, ObjectRef.of(object, key), "finalizer " + finalizer + " belongs to " + controller + ", which does not run on " + target.label());
      }
    }
  }
}
