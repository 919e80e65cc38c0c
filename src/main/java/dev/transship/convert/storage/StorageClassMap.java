package dev.transship.convert.storage;

import dev.transship.archive.RawItem;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.transship.archive.ItemKey;
import dev.transship.kube.KubeObject;
import dev.transship.kube.PodTemplate;
import dev.transship.kube.PodTemplates;
import dev.transship.rules.ActionContext;
import dev.transship.rules.ConverterConfig;
import dev.transship.rules.ConverterDescriptor;
import dev.transship.rules.ConverterSpec;
import dev.transship.rules.ObjectAction;
import dev.transship.rules.ParameterDoc;
import dev.transship.rules.SeenValues;
import dev.transship.rules.UnmatchedValues;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Moves storage from AWS to GKE (cloud-mapping.md §4, velero.md §2.5). Storage class names are
 * mapped on PVCs, StatefulSet claim templates, ephemeral volumes and PVs; AWS StorageClasses are
 * dropped (the target has its own). AWS disks cannot be attached in Google Cloud, so PVs with AWS
 * volume handles are dropped and their PVCs re-provision dynamically; their data arrives only by
 * file-system backup or the CSI data mover, and a PV whose data does neither is an error.
 */
public final class StorageClassMap implements ObjectAction {
  /** Each change this converter makes comes with a finding of its own. */
  @Override
  public boolean reportsItsChanges() {
    return true;
  }

  static final String LEGACY_CLASS_ANNOTATION = "volume.beta.kubernetes.io/storage-class";
  /** PVC annotations naming the old binding and provisioner; stale ones break provisioning (§4.2). */
  static final List<String> BINDING_ANNOTATION_PREFIXES = List.of("pv.kubernetes.io/", "volume.kubernetes.io/", "volume.beta.kubernetes.io/");

  private final Map<String, String> classes;
  private final VolumeDataIndex index;
  /** From the index pass: class names the backup uses or defines, and the mapped ones among them. */
  private final SeenValues seenClasses = new SeenValues();
  private final Set<String> matchedClasses = new HashSet<>();

  StorageClassMap(Map<String, String> classes, boolean defaultVolumesToFsBackup) {
    this.classes = classes;
    this.index = new VolumeDataIndex(defaultVolumesToFsBackup);
  }

  @Override
  public boolean needsIndex() {
    return true;
  }

  @Override
  public boolean indexes(RawItem item) {
    return VolumeDataIndex.INDEXED.contains(item.path().key().groupResource());
  }

  /** Claims, volumes and classes are judged by the volumes' backups; templates only by the class map. */
  @Override
  public boolean readsIndex(RawItem item) {
    String resource = item.path().key().groupResource();
    return resource.equals("persistentvolumeclaims") || resource.equals("persistentvolumes") || resource.equals("storageclasses.storage.k8s.io");
  }

  @Override
  public void index(ItemKey key, KubeObject object) {
    index.add(object);
  }

  /**
   * A class occurs where this converter maps or drops one: the storageClassName of a PVC (or its
   * legacy annotation), a PV, a StatefulSet claim template or a generic ephemeral volume, and the
   * name of a StorageClass.
   */
  @Override
  public void observe(ItemKey key, KubeObject object) {
    JsonNode node = object.node();
    switch (object.group() + "/" + object.kind()) {
      case "/PersistentVolumeClaim" -> {
        sawClass(node.path("spec").path("storageClassName").asText(""));
        sawClass(object.annotations().getOrDefault(LEGACY_CLASS_ANNOTATION, ""));
      }
      case "/PersistentVolume" -> sawClass(node.path("spec").path("storageClassName").asText(""));
      case "storage.k8s.io/StorageClass" -> sawClass(object.name());
      case "apps/StatefulSet" -> node.path("spec").path("volumeClaimTemplates")
          .forEach(t -> sawClass(t.path("spec").path("storageClassName").asText("")));
      default -> { }
    }
    for (PodTemplate template : PodTemplates.in(object)) {
      for (ObjectNode volume : template.volumes()) {
        sawClass(volume.path("ephemeral").path("volumeClaimTemplate").path("spec").path("storageClassName").asText(""));
      }
    }
  }

  private void sawClass(String name) {
    if (!name.isEmpty()) {
      seenClasses.add(name);
      if (classes.containsKey(name)) {
        matchedClasses.add(name);
      }
    }
  }

  @Override
  public List<UnmatchedValues> unmatched() {
    UnmatchedValues unmatched = seenClasses.unmatched("classes", true, classes.keySet(), matchedClasses, "storage classes");
    return unmatched == null ? List.of() : List.of(unmatched);
  }

  @Override
  public void apply(ActionContext ctx) {
    KubeObject object = ctx.object();
    switch (object.group() + "/" + object.kind()) {
      case "/PersistentVolumeClaim":
        prepareForProvisioning(ctx); // reads the class names as the backup has them
        mapClass(ctx, KubeObject.objectAt(object.node(), "spec"), "spec.storageClassName");
        mapLegacyAnnotation(ctx);
        break;
      case "/PersistentVolume":
        Optional<AwsVolume> volume = AwsVolume.of(object);
        if (volume.isPresent()) {
          dropAwsVolume(ctx, volume.get());
        } else {
          mapClass(ctx, KubeObject.objectAt(object.node(), "spec"), "spec.storageClassName");
        }
        break;
      case "storage.k8s.io/StorageClass":
        dropAwsClass(ctx);
        break;
      case "apps/StatefulSet":
        mapClaimTemplates(ctx);
        mapEphemeralVolumes(ctx);
        break;
      default:
        mapEphemeralVolumes(ctx);
        break;
    }
  }

  private void mapClaimTemplates(ActionContext ctx) {
    JsonNode templates = ctx.object().node().path("spec").path("volumeClaimTemplates");
    for (int i = 0; i < templates.size(); i++) {
      if (templates.get(i).path("spec") instanceof ObjectNode spec) {
        mapClass(ctx, spec, "volumeClaimTemplates[" + templates.get(i).path("metadata").path("name").asText(String.valueOf(i)) + "]");
      }
    }
  }

  /** Generic ephemeral volumes carry a claim template of their own. */
  private void mapEphemeralVolumes(ActionContext ctx) {
    for (PodTemplate template : PodTemplates.in(ctx.object())) {
      for (ObjectNode volume : template.volumes()) {
        if (volume.path("ephemeral").path("volumeClaimTemplate").path("spec") instanceof ObjectNode spec) {
          mapClass(ctx, spec, template.path() + ".volumes[" + volume.path("name").asText() + "]");
        }
      }
    }
  }

  private void mapClass(ActionContext ctx, ObjectNode spec, String where) {
    String old = spec.path("storageClassName").asText("");
    String mapped = mapped(ctx, old, where);
    if (mapped != null) {
      spec.put("storageClassName", mapped);
    }
  }

  private void mapLegacyAnnotation(ActionContext ctx) {
    String old = ctx.object().annotation(LEGACY_CLASS_ANNOTATION);
    String mapped = old == null ? null : mapped(ctx, old, "annotation " + LEGACY_CLASS_ANNOTATION);
    if (mapped != null) {
      ctx.object().setAnnotation(LEGACY_CLASS_ANNOTATION, mapped);
    }
  }

  /** The new class for {@code old}, reporting the change; null when nothing changes. */
  private String mapped(ActionContext ctx, String old, String where) {
    if (old.isEmpty()) {
      return null; // no class: the default class, or "" for static binding
    }
    String mapped = classes.get(old);
    if (mapped == null) {
      ctx.warn("storage-class-unmapped", where + ": storage class " + old + " has no mapping; the target has no such class unless you create it",
          "add '" + old + ": <GKE class>' to classes (GKE ships standard-rwo and premium-rwo)");
      return null;
    }
    if (mapped.equals(old)) {
      return null;
    }
    ctx.info("storage-class-mapped", where + ": storage class " + old + " -> " + mapped);
    return mapped;
  }

  /**
   * A claim on an AWS volume gets a new volume on GKE: without its old PV name and binding
   * annotations it provisions dynamically through its storage class (velero.md §2.5).
   */
  private void prepareForProvisioning(ActionContext ctx) {
    KubeObject claim = ctx.object();
    ObjectNode spec = KubeObject.objectAt(claim.node(), "spec");
    String volumeName = spec.path("volumeName").asText("");
    String provisioner = claim.annotations().getOrDefault("volume.kubernetes.io/storage-provisioner",
        claim.annotations().getOrDefault("volume.beta.kubernetes.io/storage-provisioner", ""));
    Optional<AwsVolume> volume = index.awsVolume(volumeName);
    boolean aws = volume.isPresent() || AwsVolume.awsProvisioner(provisioner)
        || index.awsClass(claim.annotations().getOrDefault(LEGACY_CLASS_ANNOTATION, ""))
        || index.awsClass(spec.path("storageClassName").asText(""));
    if (!aws) {
      return;
    }
    List<String> removed = new ArrayList<>();
    if (!volumeName.isEmpty()) {
      spec.remove("volumeName");
      removed.add("spec.volumeName " + volumeName + volume.map(v -> " (" + v + ")").orElse(""));
    }
    for (String key : claim.annotations().keySet()) {
      if (!key.equals(LEGACY_CLASS_ANNOTATION) && BINDING_ANNOTATION_PREFIXES.stream().anyMatch(key::startsWith)) {
        claim.removeAnnotation(key);
        removed.add(key);
      }
    }
    if (removed.isEmpty()) {
      return;
    }
    String data = index.travel(claim.namespace(), claim.name()).map(how -> "its data comes back through " + how)
        .orElse("no file-system backup or data mover holds its data: the new volume starts empty");
    ctx.info("storage-pvc-reprovision", "prepared to provision a new volume on the target: removed " + String.join(", ", removed) + "; " + data);
  }

  private void dropAwsVolume(ActionContext ctx, AwsVolume volume) {
    JsonNode claimRef = ctx.object().node().path("spec").path("claimRef");
    String namespace = claimRef.path("namespace").asText("");
    String claim = claimRef.path("name").asText("");
    Optional<String> travel = claim.isEmpty() ? Optional.empty() : index.travel(namespace, claim);
    String claimName = claim.isEmpty() ? "no claim" : "claim " + namespace + "/" + claim;
    if (travel.isPresent()) {
      ctx.drop("storage-pv-dropped", volume + " cannot be attached in Google Cloud; " + claimName
          + " provisions a new volume and its data comes back through " + travel.get());
      return;
    }
    String hint = index.failedUpload(namespace, claim).map(u -> u + " did not complete; ").orElse("")
        + "back the volume up with file-system backup (backup.velero.io/backup-volumes or --default-volumes-to-fs-backup) or the CSI data mover (--snapshot-move-data) and convert the new backup";
    ctx.error("storage-pv-data-not-moved", "data of PV " + ctx.object().name() + " (" + volume + ") does not travel to GKE: "
        + "no file-system backup or data mover; restoring it points at " + volume.what(), hint);
    ctx.drop("storage-pv-dropped", volume + " cannot be attached in Google Cloud; " + claimName + " provisions a new, empty volume");
  }

  private void dropAwsClass(ActionContext ctx) {
    String provisioner = ctx.object().node().path("provisioner").asText("");
    if (!AwsVolume.awsProvisioner(provisioner)) {
      return;
    }
    String name = ctx.object().name();
    String instead = classes.containsKey(name) ? "claims of class " + name + " use " + classes.get(name) + " instead"
        : "no mapping in classes for " + name;
    ctx.drop("storage-class-dropped", "provisioner " + provisioner + " is AWS-only and the target has its own classes; " + instead);
  }

  /** The EBS or EFS volume behind a PV ("EBS vol-..."), or null for other PVs. */
  public static String awsVolume(KubeObject pv) {
    return AwsVolume.of(pv).map(AwsVolume::toString).orElse(null);
  }

  /** Whether a StorageClass provisioner is an AWS one (EBS, EFS, FSx, in-tree or CSI). */
  public static boolean awsProvisioner(String provisioner) {
    return AwsVolume.awsProvisioner(provisioner);
  }

  public static final ConverterSpec SPEC = new ConverterDescriptor(
      "storageClassMap",
      "Map storage class names (PVCs, StatefulSet volumeClaimTemplates, ephemeral volumes, PVs) and drop AWS "
          + "StorageClasses. PVs with EBS or EFS handles are dropped and their PVCs prepared to provision a new volume "
          + "(spec.volumeName and binding annotations removed); a PV whose data has no file-system backup or data mover "
          + "upload in the backup is an error, since its data does not travel.",
      List.of(
          ParameterDoc.required("classes", "map", "old storage class -> new one, e.g. gp2: standard-rwo, io2: premium-rwo"),
          ParameterDoc.optional("defaultVolumesToFsBackup", "bool",
              "the backup ran with --default-volumes-to-fs-backup: every pod volume has a file-system backup unless excluded (default false)")),
      """
          - name: storage
            match: {resources: [persistentvolumeclaims, persistentvolumes, statefulsets.apps, storageclasses.storage.k8s.io]}
            actions:
              - convert: storageClassMap
                with:
                  classes: {gp2: standard-rwo, gp3: standard-rwo, io2: premium-rwo}
          """,
      StorageClassMap::create);

  private static ObjectAction create(ConverterConfig config) {
    JsonNode classes = config.node("classes");
    if (classes == null || !classes.isObject()) {
      throw new IllegalArgumentException("classes must be a map of old storage class -> new storage class");
    }
    Map<String, String> map = config.map("classes");
    map.forEach((old, mapped) -> {
      if (mapped.isBlank() || !classes.get(old).isTextual()) {
        throw new IllegalArgumentException("classes: '" + old + "' must map to the name of a storage class");
      }
    });
    return new StorageClassMap(map, config.bool("defaultVolumesToFsBackup", false));
  }
}
