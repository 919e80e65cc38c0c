package dev.transship.lint.checks;

import com.fasterxml.jackson.databind.JsonNode;
import dev.transship.archive.ItemKey;
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

  private record StatefulSet(ObjectRef ref, String namespace, String name, int replicas, List<String> claims, String templateVolumes) {}

  private final VolumeData volumes = new VolumeData();
  private final List<StatefulSet> sets = new ArrayList<>();

  @Override
  public CheckInfo info() {
    return INFO;
  }

  @Override
  public void inspect(ItemKey key, KubeObject object, LintContext ctx) {
    volumes.observe(object);
    if (!"StatefulSet".equals(object.kind())) {
      return;
    }
    List<String> claims = new ArrayList<>();
    for (JsonNode t : object.node().path("spec").path("volumeClaimTemplates")) {
      claims.add(t.path("metadata").path("name").asText());
    }
    if (!claims.isEmpty()) {
      String annotated = object.node().path("spec").path("template").path("metadata").path("annotations").path("backup.velero.io/backup-volumes").asText("");
      sets.add(new StatefulSet(ObjectRef.of(object, key), object.namespace(), object.name(),
          object.node().path("spec").path("replicas").asInt(1), claims, annotated));
    }
  }

  @Override
  public void finish(LintContext ctx) {
    for (StatefulSet s : sets) {
      List<String> unprotected = new ArrayList<>();
      for (String claim : s.claims()) {
        boolean annotated = List.of(s.templateVolumes().split(",")).stream().map(String::trim).anyMatch(claim::equals);
        boolean anyPodBackedUp = volumes.backedUp(s.namespace(), claim + "-" + s.name() + "-0");
        if (!annotated && !anyPodBackedUp) {
          unprotected.add(claim);
        }
      }
      if (!unprotected.isEmpty()) {
        ctx.report(INFO, s.ref(), "volume claim templates " + unprotected + " have no file-system backup or data mover");
      }
    }
  }
}
