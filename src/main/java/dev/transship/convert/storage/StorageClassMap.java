package dev.transship.convert.storage;

import dev.transship.archive.RawItem;
import dev.transship.archive.RawText;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.transship.archive.ItemKey;
import dev.transship.kube.ClaimClass;
import dev.transship.kube.ClaimTemplates;
import dev.transship.kube.ClaimTemplates.ClaimTemplate;
import dev.transship.kube.KubeObject;
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
  private static final RawText.Needles EPHEMERAL = RawText.needles("\"ephemeral\"");

  /** Each change this converter makes comes with a finding of its own. */
  @Override
  public boolean reportsItsChanges() {
    return true;
  }

  /** PVC annotations naming the old binding and provisioner; stale ones break provisioning (§4.2). */
  static final List<String> BINDING_ANNOTATION_PREFIXES = List.of("pv.kubernetes.io/", "volume.kubernetes.io/", "volume.beta.kubernetes.io/");

  /** GKE's built-in Persistent Disk classes (cloud-mapping.md §4.1): block devices, one node writes. */
  static final Set<String> GKE_DISK_CLASSES = Set.of("standard-rwo", "premium-rwo", "standard", "premium");
  /** What an EBS volume type becomes when the rule gives no ebsTypes. */
  static final Map<String, String> DEFAULT_EBS_TYPES = Map.of("gp2", "standard-rwo", "gp3", "standard-rwo", "io1", "premium-rwo",
      "io2", "premium-rwo", "st1", "standard", "sc1", "standard", "standard", "standard");
  static final String DEFAULT_EFS_CLASS = "standard-rwx";
  static final String GKE_SNAPSHOT_DRIVER = "pd.csi.storage.gke.io";

  private final Map<String, String> classes;
  private final Map<String, String> ebsTypes;
  private final String efsClass;
  private final VolumeDataIndex index;
  /** From the index pass: class names the backup uses or defines, and the mapped ones among them. */
  private final SeenValues seenClasses = new SeenValues();
  private final Set<String> matchedClasses = new HashSet<>();
  /** EBS volume types of the backup's StorageClasses, and those ebsTypes maps. */
  private final SeenValues seenTypes = new SeenValues();
  private final Set<String> matchedTypes = new HashSet<>();

  StorageClassMap(Map<String, String> classes, Map<String, String> ebsTypes, String efsClass, boolean defaultVolumesToFsBackup) {
    this.classes = classes;
    this.ebsTypes = ebsTypes;
    this.efsClass = efsClass;
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

  /**
   * Claims, volumes and classes are judged by the volumes' backups and the backup's StorageClasses;
   * so are claim templates and ephemeral volumes, whose class may be a custom AWS one.
   */
  @Override
  public boolean readsIndex(RawItem item) {
    String resource = item.path().key().groupResource();
    return resource.equals("persistentvolumeclaims") || resource.equals("persistentvolumes") || resource.equals("storageclasses.storage.k8s.io")
        || resource.equals("statefulsets.apps") || EPHEMERAL.mayBeIn(item);
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
        sawClass(object.annotations().getOrDefault(ClaimClass.LEGACY_ANNOTATION, ""));
      }
      case "/PersistentVolume" -> sawClass(node.path("spec").path("storageClassName").asText(""));
      case "storage.k8s.io/StorageClass" -> {
        sawClass(object.name());
        AwsStorageClass.of(object).filter(c -> !c.efs()).ifPresent(c -> {
          seenTypes.add(c.type());
          if (ebsTypes.containsKey(c.type())) {
            matchedTypes.add(c.type());
          }
        });
      }
      default -> { }
    }
    for (ClaimTemplate template : ClaimTemplates.in(object)) {
      sawClass(template.storageClassName());
      String legacy = template.annotation(ClaimClass.LEGACY_ANNOTATION);
      sawClass(legacy == null ? "" : legacy);
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
    List<UnmatchedValues> out = new ArrayList<>();
    UnmatchedValues unmatched = seenClasses.unmatched("classes", true, classes.keySet(), matchedClasses, "storage classes");
    if (unmatched != null) {
      out.add(unmatched);
    }
    UnmatchedValues types = seenTypes.unmatched("ebsTypes", true, ebsTypes.keySet(), matchedTypes, "EBS volume types of StorageClasses");
    if (types != null) {
      out.add(types);
    }
    return out;
  }

  @Override
  public void apply(ActionContext ctx) {
    KubeObject object = ctx.object();
    switch (object.group() + "/" + object.kind()) {
      case "/PersistentVolumeClaim":
        prepareForProvisioning(ctx); // reads the class names as the backup has them
        ObjectNode claimSpec = KubeObject.objectAt(object.node(), "spec");
        mapClass(ctx, claimSpec, "spec.storageClassName");
        mapLegacyAnnotation(ctx);
        checkClaim(ctx, object.node(), claimSpec, "");
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
      case "snapshot.storage.k8s.io/VolumeSnapshotClass":
        mapSnapshotClass(ctx);
        break;
      case "storage.k8s.io/VolumeAttributesClass":
        dropAttributesClass(ctx);
        break;
      default:
        mapClaimTemplates(ctx); // a StatefulSet's, and the ephemeral volumes of any pod spec
        break;
    }
  }

  /** StatefulSet claim templates, and generic ephemeral volumes, which carry a claim template of their own. */
  private void mapClaimTemplates(ActionContext ctx) {
    for (ClaimTemplate template : ClaimTemplates.in(ctx.object())) {
      if (template.spec() != null) {
        mapClass(ctx, template.spec(), template.where());
      }
      String legacy = template.annotation(ClaimClass.LEGACY_ANNOTATION);
      String mapped = legacy == null ? null : mapped(ctx, legacy, template.where() + " annotation " + ClaimClass.LEGACY_ANNOTATION);
      if (mapped != null && template.template().path("metadata").path("annotations") instanceof ObjectNode annotations) {
        annotations.put(ClaimClass.LEGACY_ANNOTATION, mapped);
      }
      if (template.spec() != null) {
        checkClaim(ctx, template.template(), template.spec(), template.where() + ": ");
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

  /**
   * Judges a claim (or claim template, named by {@code where} for messages) once its classes are
   * mapped, by the class Kubernetes will give it.
   */
  private void checkClaim(ActionContext ctx, JsonNode claim, ObjectNode spec, String where) {
    String now = ClaimClass.of(claim);
    if (diskClass(now) && refusesManyWriters(now, spec)) {
      ctx.error("storage-rwx-on-disk", where + "ReadWriteMany on " + now + ", a Persistent Disk class: the claim never binds on GKE",
          "use a Filestore class (standard-rwx, enterprise-rwx) for shared files, or ReadWriteOnce if one node writes");
    }
    String attributes = spec.path("volumeAttributesClassName").asText("");
    if (!attributes.isEmpty() && index.awsAttributesClass(attributes)) {
      spec.remove("volumeAttributesClassName");
      ctx.info("storage-attributes-class-removed", where + "removed spec.volumeAttributesClassName " + attributes
          + ", an EBS VolumeAttributesClass that is not restored (a claim naming a missing one waits for it)");
    }
  }

  /** Whether a class this converter maps to provisions disks: GKE's own, or one an EBS type maps to. */
  private boolean diskClass(String name) {
    return gkeDiskClass(name) || (ebsTypes.containsValue(name) && !name.endsWith("-rwx"));
  }

  /** Whether a GKE class provisions Persistent Disks or Hyperdisks, which one node mounts read-write. */
  public static boolean gkeDiskClass(String name) {
    return GKE_DISK_CLASSES.contains(name) || name.startsWith("hyperdisk-") || name.startsWith("pd-");
  }

  /**
   * Whether a claim asking for ReadWriteMany can never bind on disk class {@code diskClass}: only a
   * raw block volume on a Hyperdisk (multi-writer mode) may be written from several nodes.
   */
  public static boolean refusesManyWriters(String diskClass, JsonNode claimSpec) {
    boolean manyWriters = false;
    for (JsonNode mode : claimSpec.path("accessModes")) {
      manyWriters |= mode.asText("").equals("ReadWriteMany");
    }
    return manyWriters && !("Block".equals(claimSpec.path("volumeMode").asText("")) && diskClass.startsWith("hyperdisk-"));
  }

  private void mapLegacyAnnotation(ActionContext ctx) {
    String old = ctx.object().annotation(ClaimClass.LEGACY_ANNOTATION);
    String mapped = old == null ? null : mapped(ctx, old, "annotation " + ClaimClass.LEGACY_ANNOTATION);
    if (mapped != null) {
      ctx.object().setAnnotation(ClaimClass.LEGACY_ANNOTATION, mapped);
    }
  }

  /** The new class for {@code old}, reporting the change; null when nothing changes. */
  private String mapped(ActionContext ctx, String old, String where) {
    if (old.isEmpty()) {
      return null; // no class: the default class, or "" for static binding
    }
    String mapped = classes.get(old);
    Optional<AwsStorageClass> aws = index.awsStorageClass(old);
    if (mapped == null && aws.isPresent()) {
      mapped = aws.get().efs() ? efsClass : ebsTypes.get(aws.get().type());
      if (mapped == null) {
        ctx.warn("storage-class-unmapped", where + ": storage class " + old + " (" + aws.get().describe() + ") has no mapping for its EBS type",
            "add '" + aws.get().type() + ": <GKE class>' to ebsTypes, or '" + old + ": <GKE class>' to classes");
        return null;
      }
      ctx.info("storage-class-mapped", where + ": storage class " + old + " (" + aws.get().describe() + ") -> " + mapped
          + (aws.get().efs() ? "; Filestore instances have a minimum size (1 TiB for most tiers) whatever the claim asks, where EFS ignored it" : ""));
      return mapped;
    }
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
        || index.awsClass(ClaimClass.of(claim.node()));
    if (!aws) {
      return;
    }
    List<String> removed = new ArrayList<>();
    if (!volumeName.isEmpty()) {
      spec.remove("volumeName");
      removed.add("spec.volumeName " + volumeName + volume.map(v -> " (" + v + ")").orElse(""));
    }
    for (String key : claim.annotations().keySet()) {
      if (!key.equals(ClaimClass.LEGACY_ANNOTATION) && BINDING_ANNOTATION_PREFIXES.stream().anyMatch(key::startsWith)) {
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

  /**
   * AWS StorageClasses are dropped, not rewritten: GKE ships its own classes, and the claims of this
   * one follow it to the class its provisioner and parameters map to (or the classes entry).
   */
  private void dropAwsClass(ActionContext ctx) {
    String provisioner = ctx.object().node().path("provisioner").asText("");
    Optional<AwsStorageClass> aws = AwsStorageClass.of(ctx.object());
    if (aws.isEmpty()) {
      return;
    }
    String name = ctx.object().name();
    String target = classes.containsKey(name) ? classes.get(name) : aws.get().efs() ? efsClass : ebsTypes.get(aws.get().type());
    String instead = target != null ? "claims of class " + name + " use " + target + " instead"
        : "no mapping for " + name + " in classes or for type " + aws.get().type() + " in ebsTypes";
    List<String> lost = aws.get().lostParameters();
    if (target != null && !lost.isEmpty()) {
      ctx.warn("storage-class-parameters-lost", (lost.size() == 1 ? "parameter " : "parameters ") + String.join(", ", lost) + " of " + name + " (" + aws.get().describe()
              + ") are not honoured by " + target,
          "for provisioned IOPS or throughput create a hyperdisk-balanced class (provisioned-iops-on-create, provisioned-throughput-on-create) "
              + "and map '" + aws.get().type() + "' to it in ebsTypes; for a customer-managed key set disk-encryption-kms-key");
    }
    ctx.drop("storage-class-dropped", "provisioner " + provisioner + " (" + aws.get().describe() + ") is AWS-only and the target has its own classes; " + instead);
  }

  /**
   * An EBS snapshot class becomes one of the GKE disk driver under the same name, so the
   * VolumeSnapshots and Velero's class label that name it keep working; EBS parameters go.
   */
  private void mapSnapshotClass(ActionContext ctx) {
    ObjectNode node = ctx.object().node();
    String driver = node.path("driver").asText("");
    if (AwsVolume.EFS_DRIVERS.contains(driver)) {
      ctx.drop("storage-snapshot-class-dropped", "driver " + driver + " is AWS-only and Filestore has no CSI snapshots");
      return;
    }
    if (!AwsVolume.EBS_DRIVERS.contains(driver)) {
      return;
    }
    node.put("driver", GKE_SNAPSHOT_DRIVER);
    List<String> removed = new ArrayList<>();
    node.path("parameters").fieldNames().forEachRemaining(removed::add);
    node.remove("parameters");
    ctx.info("storage-snapshot-class-mapped", "driver " + driver + " -> " + GKE_SNAPSHOT_DRIVER
        + (removed.isEmpty() ? "" : "; removed EBS parameters " + String.join(", ", removed))
        + (ctx.object().labels().containsKey("velero.io/csi-volumesnapshot-class")
            ? "; it keeps the label velero.io/csi-volumesnapshot-class, so remove that label from any other " + GKE_SNAPSHOT_DRIVER + " class on the target" : ""));
  }

  /** EBS attributes (type, iops, throughput) have no counterpart on the built-in GKE classes. */
  private void dropAttributesClass(ActionContext ctx) {
    String driver = ctx.object().node().path("driverName").asText("");
    if (!AwsVolume.EBS_DRIVERS.contains(driver)) {
      return;
    }
    ctx.warn("storage-attributes-lost", "EBS VolumeAttributesClass " + ctx.object().name() + " is not restored; claims naming it lose it",
        "Hyperdisk classes take a VolumeAttributesClass of " + GKE_SNAPSHOT_DRIVER + " with iops and throughput: create one on the target if the claims need it");
    ctx.drop("storage-attributes-class-dropped", "driver " + driver + " is AWS-only");
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
          + "StorageClasses; a claim of an AWS class in the backup follows the class's EBS type or EFS, whatever its name. "
          + "ReadWriteMany on a Persistent Disk class is an error. EBS VolumeSnapshotClasses move to the GKE disk driver; EBS "
          + "VolumeAttributesClasses are dropped. PVs with EBS or EFS handles are dropped and their PVCs prepared to provision a new volume "
          + "(spec.volumeName and binding annotations removed); a PV whose data has no file-system backup or data mover "
          + "upload in the backup is an error, since its data does not travel.",
      List.of(
          ParameterDoc.required("classes", "map", "old storage class -> new one, e.g. gp2: standard-rwo, io2: premium-rwo; wins over ebsTypes"),
          ParameterDoc.optional("ebsTypes", "map", "EBS volume type of a StorageClass in the backup -> GKE class for its claims, whatever the class's "
              + "name (default gp2, gp3: standard-rwo; io1, io2: premium-rwo; st1, sc1, standard: standard)"),
          ParameterDoc.optional("efsClass", "string", "GKE class for claims of an EFS StorageClass in the backup (default standard-rwx, Filestore)"),
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
    JsonNode types = config.node("ebsTypes");
    if (types != null && !types.isNull() && !types.isObject()) {
      throw new IllegalArgumentException("ebsTypes must be a map of EBS volume type -> GKE storage class");
    }
    Map<String, String> ebsTypes = types == null || types.isNull() ? DEFAULT_EBS_TYPES : config.map("ebsTypes");
    ebsTypes.forEach((type, mapped) -> {
      if (mapped.isBlank() || !(types == null || types.isNull() || types.get(type).isTextual())) {
        throw new IllegalArgumentException("ebsTypes: '" + type + "' must map to the name of a storage class");
      }
    });
    String efsClass = config.string("efsClass", DEFAULT_EFS_CLASS);
    if (efsClass.isBlank()) {
      throw new IllegalArgumentException("efsClass must name a storage class");
    }
    return new StorageClassMap(map, ebsTypes, efsClass, config.bool("defaultVolumesToFsBackup", false));
  }
}
