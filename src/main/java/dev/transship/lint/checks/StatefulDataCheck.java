package dev.transship.lint.checks;

import com.fasterxml.jackson.databind.JsonNode;
import dev.transship.archive.ItemKey;
import dev.transship.cloud.Target;
import dev.transship.convert.storage.VolumeDataIndex;
import dev.transship.finding.ObjectRef;
import dev.transship.finding.Severity;
import dev.transship.kube.KubeObject;
import dev.transship.lint.Check;
import dev.transship.lint.CheckInfo;
import dev.transship.lint.LintContext;
import java.util.ArrayList;
import java.util.List;

/**
 * StatefulSets whose volumes neither travel with the backup nor tolerate running twice: restoring
 * them either loses the data or runs a second writer against it. Reported after the whole backup
 * is seen, since the pods that carry the backup annotation may come later.
 */
public final class StatefulDataCheck implements Check {
  static final CheckInfo INFO = new CheckInfo("stateful-without-data-backup", Severity.WARNING,
      "Stateful workload tolerates neither duplication nor loss",
      "A StatefulSet's claims have no file-system backup or data mover in this backup: restored elsewhere it starts with empty volumes, "
          + "and it cannot run in both clusters at once either.",
      "Back its volumes up with file-system backup (pod annotation backup.velero.io/backup-volumes) or the CSI data mover, or move "
          + "the data outside the cluster and give it its own cutover.");

  private record StatefulSet(ObjectRef ref, String namespace, String name, List<String> claims, JsonNode templateAnnotations) {}

  private VolumeDataIndex volumes;
  private final List<StatefulSet> sets = new ArrayList<>();

  @Override
  public CheckInfo info() {
    return INFO;
  }

  @Override
  public void inspect(ItemKey key, KubeObject object, LintContext ctx) {
    if (volumes == null) {
      volumes = new VolumeDataIndex(ctx.options().defaultVolumesToFsBackup());
    }
    volumes.add(object);
    if (!"StatefulSet".equals(object.kind())) {
      return;
    }
    List<String> claims = new ArrayList<>();
    for (JsonNode t : object.node().path("spec").path("volumeClaimTemplates")) {
      claims.add(t.path("metadata").path("name").asText());
    }
    if (!claims.isEmpty()) {
      sets.add(new StatefulSet(ObjectRef.of(object, key), object.namespace(), object.name(), claims,
          object.node().path("spec").path("template").path("metadata").path("annotations").deepCopy()));
    }
  }

  @Override
  public void finish(LintContext ctx) {
    for (StatefulSet s : sets) {
      List<String> unprotected = new ArrayList<>();
      for (String claim : s.claims()) {
        // The pods' template decides for pods not in the backup; a pod that is there decides for itself.
        boolean byTemplate = volumes.fileSystemBackup(claim, s.templateAnnotations());
        boolean firstPod = volumes.travel(s.namespace(), claim + "-" + s.name() + "-0").isPresent();
        if (!byTemplate && !firstPod) {
          unprotected.add(claim);
        }
      }
      if (!unprotected.isEmpty()) {
        String consequence = ctx.options().target() == Target.GKE
            ? "it starts with empty volumes on GKE"
            : "restored from native snapshots it misses every write after the backup";
        ctx.report(INFO, s.ref(), "volume claim templates " + unprotected + " have no file-system backup or data mover: " + consequence
            + ", and it cannot run in both clusters at once");
      }
    }
  }
}
