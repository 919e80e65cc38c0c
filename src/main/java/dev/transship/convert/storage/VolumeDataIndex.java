package dev.transship.convert.storage;

import com.fasterxml.jackson.databind.JsonNode;
import dev.transship.kube.KubeObject;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What the first pass learns about volume data, keeping only names: which claims have their data
 * in the backup by file-system backup (pod volume backups, chosen by pod annotation or by {@code
 * defaultVolumesToFsBackup}) or by the CSI data mover (DataUpload items), which PVs hold AWS
 * volumes and which storage classes AWS provisioners serve (velero.md §2.5). Lint asks it too.
 */
public final class VolumeDataIndex {
  static final String BACKUP_VOLUMES = "backup.velero.io/backup-volumes";
  static final String BACKUP_VOLUMES_EXCLUDES = "backup.velero.io/backup-volumes-excludes";

  private final boolean defaultVolumesToFsBackup;
  /** "ns/claim" -> how its data travels, for messages. */
  private final Map<String, String> travels = new HashMap<>();
  /** "ns/claim" -> a data mover upload that did not complete. */
  private final Map<String, String> failedUploads = new HashMap<>();
  private final Map<String, AwsVolume> awsVolumes = new HashMap<>();
  private final Map<String, AwsStorageClass> awsClasses = new HashMap<>();
  /** VolumeAttributesClasses of the EBS driver: dropped, so claims naming them must not. */
  private final Set<String> awsAttributesClasses = new HashSet<>();

  public VolumeDataIndex(boolean defaultVolumesToFsBackup) {
    this.defaultVolumesToFsBackup = defaultVolumesToFsBackup;
  }

  /** The resources {@link #add} learns from, as Velero names their folders. */
  public static final java.util.Set<String> INDEXED =
      java.util.Set.of("pods", "datauploads.velero.io", "persistentvolumes", "storageclasses.storage.k8s.io",
          "volumeattributesclasses.storage.k8s.io");

  public void add(KubeObject object) {
    String kind = object.group() + "/" + object.kind();
    switch (kind) {
      case "/Pod":
        addPod(object);
        break;
      case "velero.io/DataUpload":
        addDataUpload(object);
        break;
      case "/PersistentVolume":
        AwsVolume.of(object).ifPresent(v -> awsVolumes.put(object.name(), v));
        break;
      case "storage.k8s.io/StorageClass":
        AwsStorageClass.of(object).ifPresent(c -> awsClasses.put(object.name(), c));
        break;
      case "storage.k8s.io/VolumeAttributesClass":
        if (AwsVolume.EBS_DRIVERS.contains(object.node().path("driverName").asText(""))) {
          awsAttributesClasses.add(object.name());
        }
        break;
      default:
        break;
    }
  }

  /**
   * Whether Velero backs up pod volume {@code volume} by file system, given the pod's (or pod
   * template's) annotations: when they opt it in, or by default unless they exclude it.
   */
  public boolean fileSystemBackup(String volume, JsonNode podAnnotations) {
    return names(podAnnotations.path(BACKUP_VOLUMES).asText(null)).contains(volume)
        || (defaultVolumesToFsBackup && !names(podAnnotations.path(BACKUP_VOLUMES_EXCLUDES).asText(null)).contains(volume));
  }

  private void addPod(KubeObject pod) {
    JsonNode annotations = pod.node().path("metadata").path("annotations");
    for (JsonNode volume : pod.node().path("spec").path("volumes")) {
      String name = volume.path("name").asText();
      String claim = volume.path("persistentVolumeClaim").path("claimName").asText("");
      if (!claim.isEmpty() && fileSystemBackup(name, annotations)) {
        travels.putIfAbsent(pod.namespace() + "/" + claim,
            "the file-system backup of pod " + pod.namespace() + "/" + pod.name() + " (volume " + name + ")");
      }
    }
  }

  private void addDataUpload(KubeObject upload) {
    JsonNode spec = upload.node().path("spec");
    String claim = spec.path("sourceNamespace").asText() + "/" + spec.path("sourcePVC").asText();
    String phase = upload.node().path("status").path("phase").asText("");
    String name = "DataUpload " + upload.namespace() + "/" + upload.name();
    if (phase.equals("Completed")) {
      travels.put(claim, "the data mover (" + name + ")");
    } else {
      failedUploads.put(claim, name + " (phase " + (phase.isEmpty() ? "unknown" : phase) + ")");
    }
  }

  private static Set<String> names(String list) {
    return list == null ? Set.of() : Arrays.stream(list.split(",")).map(String::trim).filter(s -> !s.isEmpty()).collect(Collectors.toSet());
  }

  /** How the data of claim {@code namespace/name} travels, if it does. */
  public Optional<String> travel(String namespace, String name) {
    return Optional.ofNullable(travels.get(namespace + "/" + name));
  }

  public Optional<String> failedUpload(String namespace, String name) {
    return Optional.ofNullable(failedUploads.get(namespace + "/" + name));
  }

  Optional<AwsVolume> awsVolume(String pvName) {
    return Optional.ofNullable(awsVolumes.get(pvName));
  }

  public boolean awsClass(String storageClass) {
    return awsClasses.containsKey(storageClass);
  }

  /** Whether the backup's StorageClass of this name provisions EBS disks. */
  public boolean ebsClass(String storageClass) {
    return awsStorageClass(storageClass).filter(c -> !c.efs()).isPresent();
  }

  /** What the backup's AWS StorageClass of this name provisions. */
  Optional<AwsStorageClass> awsStorageClass(String storageClass) {
    return Optional.ofNullable(awsClasses.get(storageClass));
  }

  boolean awsAttributesClass(String name) {
    return awsAttributesClasses.contains(name);
  }
}
