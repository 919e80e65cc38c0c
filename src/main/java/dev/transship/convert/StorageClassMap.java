package dev.transship.convert;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.transship.archive.ItemKey;
import dev.transship.kube.KubeObject;
import dev.transship.rules.ActionContext;
import dev.transship.rules.ConverterDescriptor;
import dev.transship.rules.ConverterSpec;
import dev.transship.rules.ObjectAction;
import dev.transship.rules.ParameterDoc;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Storage for a cross-cloud restore (cloud-mapping.md §4, velero.md §2.5). Storage class names are
 * mapped on PVCs, PVs and StatefulSet claim templates; AWS StorageClasses are dropped. PVs with
 * AWS volume handles cannot be used on GKE: they are dropped and their PVCs prepared to
 * re-provision dynamically. Data only travels by file-system backup or the CSI data mover, so a
 * dropped PV whose data has neither is an error: its PVC comes back empty.
 */
public final class StorageClassMap implements ObjectAction {
  private static final Set<String> AWS_PROVISIONERS = Set.of("kubernetes.io/aws-ebs", "ebs.csi.aws.com", "efs.csi.aws.com");
  public static final Set<String> AWS_CLASSES = Set.of("gp2", "gp3", "io1", "io2", "st1", "sc1", "efs-sc");

  private final Map<String, String> classes;
  private final boolean defaultVolumesToFsBackup;
  /** "ns/claim" of PVCs whose data travels by pod volume backup or data mover. */
  private final Set<String> dataBackedUp = new HashSet<>();
  /** PV name to "ns/claim". */
  private final Map<String, String> claimOfVolume = new HashMap<>();
  /** Names of PVs with AWS volume handles. */
  private final Set<String> awsVolumes = new HashSet<>();

  StorageClassMap(Map<String, String> classes, boolean defaultVolumesToFsBackup) {
    this.classes = classes;
    this.defaultVolumesToFsBackup = defaultVolumesToFsBackup;
  }

  @Override
  public boolean needsIndex() {
    return true;
  }

  @Override
  public void index(ItemKey key, KubeObject object) {
    switch (object.kind()) {
      case "Pod":
        indexPodVolumes(object);
        break;
      case "DataUpload":
        JsonNode spec = object.node().path("spec");
        dataBackedUp.add(spec.path("sourceNamespace").asText() + "/" + spec.path("sourcePVC").asText());
        break;
      case "PersistentVolume":
        JsonNode claim = object.node().path("spec").path("claimRef");
        if (claim.has("name")) {
          claimOfVolume.put(object.name(), claim.path("namespace").asText() + "/" + claim.path("name").asText());
        }
        if (awsHandle(object) != null) {
          awsVolumes.add(object.name());
        }
        break;
      default:
        break;
    }
  }

  /** Pods list the volumes Velero backs up by file system in an annotation (or all, by default). */
  private void indexPodVolumes(KubeObject pod) {
    Set<String> listed = new HashSet<>(split(pod.annotation("backup.velero.io/backup-volumes")));
    Set<String> excluded = new HashSet<>(split(pod.annotation("backup.velero.io/backup-volumes-excludes")));
    for (JsonNode volume : pod.node().path("spec").path("volumes")) {
      String name = volume.path("name").asText();
      JsonNode claim = volume.path("persistentVolumeClaim").path("claimName");
      boolean backedUp = listed.contains(name) || (defaultVolumesToFsBackup && !excluded.contains(name));
      if (claim.isTextual() && backedUp) {
        dataBackedUp.add(pod.namespace() + "/" + claim.asText());
      }
    }
  }

  private static List<String> split(String csv) {
    List<String> out = new ArrayList<>();
    if (csv != null) {
      for (String s : csv.split(",")) {
        if (!s.isBlank()) {
          out.add(s.trim());
        }
      }
    }
    return out;
  }

  @Override
  public void apply(ActionContext ctx) {
    KubeObject object = ctx.object();
    switch (object.kind()) {
      case "StorageClass":
        if (AWS_PROVISIONERS.contains(object.node().path("provisioner").asText())) {
          ctx.drop("storageclass-dropped", "StorageClass with AWS provisioner " + object.node().path("provisioner").asText()
              + "; the target has its own classes");
        }
        break;
      case "PersistentVolumeClaim":
        mapClass(ctx, (ObjectNode) object.node().path("spec"), "spec.storageClassName");
        prepareForReprovisioning(ctx, object);
        break;
      case "PersistentVolume":
        String handle = awsHandle(object);
        if (handle == null) {
          mapClass(ctx, (ObjectNode) object.node().path("spec"), "spec.storageClassName");
          break;
        }
        String claim = claimOfVolume.get(object.name());
        if (claim != null && dataBackedUp.contains(claim)) {
          ctx.drop("pv-dropped", "AWS volume " + handle + "; the PVC " + claim + " re-provisions on the target and its data "
              + "is restored from the file-system backup or data mover");
        } else {
          ctx.error("pv-data-not-moved", "the data of " + handle + (claim == null ? "" : " (PVC " + claim + ")")
              + " does not travel to the target: it has no file-system backup or data mover, and the disk stays in AWS",
              "back it up with file-system backup (annotation backup.velero.io/backup-volumes on the pod) or the CSI "
                  + "data mover, or move the data outside Velero; the PVC comes back empty");
          ctx.drop("pv-dropped", "AWS volume " + handle + " cannot be attached outside AWS");
        }
        break;
      case "StatefulSet":
        for (JsonNode template : object.node().path("spec").path("volumeClaimTemplates")) {
          if (template.path("spec") instanceof ObjectNode spec) {
            mapClass(ctx, spec, "volumeClaimTemplate " + template.path("metadata").path("name").asText());
          }
        }
        break;
      default:
        break;
    }
  }

  private void mapClass(ActionContext ctx, ObjectNode spec, String where) {
    String current = spec.path("storageClassName").asText(null);
    if (current == null) {
      return;
    }
    String mapped = classes.get(current);
    if (mapped != null && !mapped.equals(current)) {
      spec.put("storageClassName", mapped);
      ctx.info("storage-class-mapped", where + ": storage class " + current + " -> " + mapped);
    } else if (mapped == null && AWS_CLASSES.contains(current)) {
      ctx.warn("storage-class-unmapped", where + ": storage class " + current + " is an AWS class with no mapping",
          "add it to the classes parameter (e.g. " + current + ": standard-rwo)");
    }
  }

  private void prepareForReprovisioning(ActionContext ctx, KubeObject pvc) {
    ObjectNode spec = (ObjectNode) pvc.node().path("spec");
    String volume = spec.path("volumeName").asText(null);
    if (volume == null || !awsVolumes.contains(volume)) {
      return;
    }
    spec.remove("volumeName");
    for (String annotation : new ArrayList<>(pvc.annotations().keySet())) {
      if (annotation.startsWith("pv.kubernetes.io/") || annotation.startsWith("volume.kubernetes.io/")
          || annotation.startsWith("volume.beta.kubernetes.io/")) {
        pvc.removeAnnotation(annotation);
      }
    }
    pvc.node().remove("status");
    ctx.info("pvc-reprovisioned", "unbound from AWS volume " + volume + " so the target provisions a new one");
  }

  /** The AWS volume id or EFS handle of a PV, or null. */
  public static String awsHandle(KubeObject pv) {
    JsonNode spec = pv.node().path("spec");
    String driver = spec.path("csi").path("driver").asText("");
    if (driver.equals("ebs.csi.aws.com") || driver.equals("efs.csi.aws.com")) {
      return spec.path("csi").path("volumeHandle").asText();
    }
    if (spec.has("awsElasticBlockStore")) {
      return spec.path("awsElasticBlockStore").path("volumeID").asText();
    }
    return null;
  }

  public static final ConverterSpec SPEC = new ConverterDescriptor(
      "storageClassMap",
      "Map storage class names on PVCs, PVs and StatefulSet claim templates; drop AWS StorageClasses; drop PVs with AWS "
          + "volume handles and unbind their PVCs so they re-provision (an error finding when the data has no file-system "
          + "backup or data mover).",
      List.of(ParameterDoc.required("classes", "map", "source storage class -> target storage class"),
          ParameterDoc.optional("defaultVolumesToFsBackup", "bool", "the backup used defaultVolumesToFsBackup (all pod volumes backed up by file system)")),
      "- convert: storageClassMap\n  with:\n    classes: {gp2: standard-rwo, gp3: standard-rwo}",
      config -> new StorageClassMap(config.map("classes"), config.bool("defaultVolumesToFsBackup", false)));
}
