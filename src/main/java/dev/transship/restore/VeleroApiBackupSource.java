package dev.transship.restore;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.transship.TransshipException;
import dev.transship.archive.Gzip;
import dev.transship.archive.VeleroLayout;
import dev.transship.kube.Json;
import dev.transship.store.BackupAddress;
import dev.transship.archive.BackupSource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A Backup read through its cluster's Velero API ({@code velero://CONTEXT/BACKUP}), for users who
 * can reach the cluster but not the bucket: the Backup resource from the API, the tarball and side
 * files through DownloadRequests (as {@code velero backup download} and {@code describe --details}
 * fetch them), the PodVolumeBackups listed by the backup-name label.
 */
public final class VeleroApiBackupSource implements BackupSource {

  private static final String ROLE = "backup's";
  private static final long MAX_SIDE_FILE_BYTES = 256L << 20;
  /** The side files Velero serves through a DownloadRequest, and the kind that asks for each (velero.md §2.3). */
  static final Map<String, String> SIDE_FILE_KINDS = Map.of(
      VeleroLayout.RESOURCE_LIST_SUFFIX, "BackupResourceList",
      VeleroLayout.RESULTS_SUFFIX, "BackupResults",
      VeleroLayout.VOLUMEINFO_SUFFIX, "BackupVolumeInfos",
      VeleroLayout.VOLUMESNAPSHOTS_SUFFIX, "BackupVolumeSnapshots",
      VeleroLayout.ITEMOPERATIONS_SUFFIX, "BackupItemOperations",
      VeleroLayout.LOGS_SUFFIX, "BackupLog");

  private final BackupAddress.InCluster address;
  private final ObjectNode backupResource;
  private final Map<String, Optional<byte[]>> sideFiles = new HashMap<>();
  private final ClusterTimeouts timeouts;

  private VeleroApiBackupSource(BackupAddress.InCluster address, ObjectNode backupResource, ClusterTimeouts timeouts) {
    this.address = address;
    this.backupResource = backupResource;
    this.timeouts = timeouts;
  }

  /** Checks the cluster serves Velero's API and has the Backup; one line saying what is wrong otherwise. */
  public static BackupSource open(BackupAddress.InCluster address, ClusterTimeouts timeouts) throws TransshipException {
    try (KubernetesClient client = KubeContexts.open(null, address.context(), ROLE, timeouts)) {
      VeleroTarget cluster = new VeleroTarget(new VeleroNamespace(client, address.namespace()), address.context(), ROLE,
          "velero://CONTEXT/BACKUP?namespace=NS");
      cluster.check();
      JsonNode backup = cluster.backup(address.name()).orElseThrow(() -> new TransshipException("Backup " + address.name()
          + " not found in namespace " + address.namespace() + " of context " + address.context()));
      return new VeleroApiBackupSource(address, (ObjectNode) backup, timeouts);
    }
  }

  @Override
  public String name() {
    return address.name();
  }

  @Override
  public String address() {
    return address.toString();
  }

  @Override
  public Optional<ObjectNode> backupResource() {
    return Optional.of(backupResource);
  }

  /** Streams the tarball from the object store; each call is a new DownloadRequest (a signed URL lasts ten minutes). */
  @Override
  public InputStream openTarball() throws TransshipException {
    try (KubernetesClient client = KubeContexts.open(null, address.context(), ROLE, timeouts)) {
      return downloads(client).open("BackupContents", name(), timeouts.downloadProcessing()).orElseThrow(() -> new TransshipException(
          address + ": the backup's location has no " + VeleroLayout.tarballFile(name())));
    }
  }

  @Override
  public OptionalLong tarballSize() {
    return OptionalLong.empty();
  }

  @Override
  public Optional<byte[]> sideFile(String suffix) throws TransshipException {
    if (!sideFiles.containsKey(suffix)) {
      sideFiles.put(suffix, fetchSideFile(suffix));
    }
    return sideFiles.get(suffix);
  }

  private Optional<byte[]> fetchSideFile(String suffix) throws TransshipException {
    boolean podVolumeBackups = VeleroLayout.PODVOLUMEBACKUPS_SUFFIX.equals(suffix);
    String kind = SIDE_FILE_KINDS.get(suffix);
    if (!podVolumeBackups && kind == null) {
      return Optional.empty(); // the CSI files: no DownloadRequest kind serves them, and Velero v1.17+ writes none
    }
    try (KubernetesClient client = KubeContexts.open(null, address.context(), ROLE, timeouts)) {
      if (podVolumeBackups) {
        return podVolumeBackups(new VeleroNamespace(client, address.namespace()));
      }
      Optional<InputStream> in = downloads(client).open(kind, name(), timeouts.downloadProcessing());
      return in.isEmpty() ? Optional.empty() : read(in.get(), name() + suffix);
    }
  }

  private DownloadRequests downloads(KubernetesClient client) {
    return new DownloadRequests(new VeleroNamespace(client, address.namespace()));
  }

  /** {@code <name>-podvolumebackups.json.gz} as Velero writes it: the backup's PodVolumeBackups, gzipped JSON. */
  private Optional<byte[]> podVolumeBackups(VeleroNamespace velero) throws TransshipException {
    List<GenericKubernetesResource> items;
    try {
      items = velero.of(VeleroApi.POD_VOLUME_BACKUPS).withLabel(VeleroApi.BACKUP_NAME_LABEL, name()).list().getItems();
    } catch (KubernetesClientException e) {
      if (e.getCode() == 404) {
        return Optional.empty(); // no PodVolumeBackup CRD: no file-system backups
      }
      throw new TransshipException("cannot list the PodVolumeBackups of " + address + ": " + KubeErrors.describe(e));
    }
    if (items.isEmpty()) {
      return Optional.empty();
    }
    ArrayNode array = Json.MAPPER.createArrayNode();
    items.forEach(item -> array.add(VeleroApi.json(item)));
    return Optional.of(Gzip.compress(Json.bytes(array)));
  }

  /** The file's bytes, gzipped as in the bucket even when the store served it decoded; empty when empty. */
  private Optional<byte[]> read(InputStream in, String file) throws TransshipException {
    try (in) {
      byte[] bytes = in.readNBytes((int) MAX_SIDE_FILE_BYTES + 1);
      if (bytes.length > MAX_SIDE_FILE_BYTES) {
        throw new TransshipException(address + ": " + file + " is larger than " + MAX_SIDE_FILE_BYTES + " bytes");
      }
      if (bytes.length == 0) {
        return Optional.empty();
      }
      boolean gzipped = bytes.length >= 2 && (bytes[0] & 0xff) == 0x1f && (bytes[1] & 0xff) == 0x8b;
      return Optional.of(gzipped ? bytes : Gzip.compress(bytes));
    } catch (IOException e) {
      throw new TransshipException(address + ": cannot download " + file + " (" + e.getMessage() + ")");
    }
  }
}
