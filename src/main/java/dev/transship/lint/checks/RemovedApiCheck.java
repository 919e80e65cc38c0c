package dev.transship.lint.checks;

import dev.transship.archive.ItemKey;
import dev.transship.finding.ObjectRef;
import dev.transship.finding.Severity;
import dev.transship.kube.KubeObject;
import dev.transship.kube.KubeVersion;
import dev.transship.kube.RemovedApis;
import dev.transship.lint.Check;
import dev.transship.lint.CheckInfo;
import dev.transship.lint.LintContext;

/**
 * APIs the target Kubernetes version no longer serves, in the backup's objects and in the
 * manifests of Helm releases (the next {@code helm upgrade} fails on them). Velero does not
 * convert versions (#7330, #2310): the restore of such an object fails.
 */
public final class RemovedApiCheck implements Check {
  static final CheckInfo INFO = new CheckInfo("removed-api", Severity.ERROR, "API removed in the target Kubernetes version",
      "Velero restores each object at the version it was backed up with and does no conversion; the target API server rejects "
          + "versions it no longer serves. Helm releases that render them fail on the next upgrade.",
      "Convert with the bundled packs (their targetVersion) or a rule calling `convert: removedApiVersions`, which rewrites the "
          + "object to the replacement field by field and files it under the new API group; update the chart.");

  @Override
  public CheckInfo info() {
    return INFO;
  }

  @Override
  public void inspect(ItemKey key, KubeObject object, LintContext ctx) {
    KubeVersion target = ctx.options().targetVersion();
    if (target == null) {
      return;
    }
    RemovedApis.RemovedApi removed = RemovedApis.removedBy(object.apiVersion(), object.kind(), target);
    if (removed != null) {
      ctx.report(INFO, ObjectRef.of(object, key), message(removed, object.kind() + " at " + object.apiVersion()),
          "use " + removed.replacement() + (removed.note().isEmpty() ? "" : " (" + removed.note() + ")"));
    }
    if (HelmReleases.isRelease(object)) {
      for (HelmReleases.RenderedObject rendered : HelmReleases.objects(object)) {
        RemovedApis.RemovedApi inChart = RemovedApis.removedBy(rendered.apiVersion(), rendered.kind(), target);
        if (inChart != null) {
          ctx.report(INFO, ObjectRef.of(object, key), "Helm release " + object.label("name") + " revision " + object.label("version")
              + " renders " + message(inChart, rendered.kind() + " " + rendered.name() + " at " + rendered.apiVersion()),
              "use " + inChart.replacement() + " in the chart before upgrading the release");
        }
      }
    }
  }

  private static String message(RemovedApis.RemovedApi removed, String what) {
    return what + ", removed in Kubernetes " + removed.removedIn() + " (replacement: " + removed.replacement() + ")";
  }

  /** The newest release whose removals the table lists. */
  public static KubeVersion newestListed() {
    return RemovedApis.newest();
  }

  /** See {@link RemovedApis#checkTargetVersion}. */
  public static void checkTargetVersion(KubeVersion version) {
    RemovedApis.checkTargetVersion(version);
  }
}
