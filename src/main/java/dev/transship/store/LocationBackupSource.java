package dev.transship.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.transship.TransshipException;
import dev.transship.archive.BackupSource;
import dev.transship.archive.VeleroLayout;
import dev.transship.kube.Json;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.util.Optional;
import java.util.OptionalLong;

/** A backup folder {@code backups/<name>/} in a storage location (local folder or bucket). */
public final class LocationBackupSource implements BackupSource {
  private static final long MAX_SIDE_FILE_BYTES = 256L << 20;

  private final ObjectStore store;
  private final String name;
  private final ObjectNode backupResource;

  LocationBackupSource(ObjectStore store, String name) throws TransshipException {
    this.store = store;
    this.name = name;
    String metadataKey = VeleroLayout.backupFolder(name) + VeleroLayout.BACKUP_METADATA_FILE;
    if (store instanceof LocalFolderStore local && !Files.isDirectory(local.resolve(VeleroLayout.backupFolder(name)))) {
      throw new TransshipException(local.resolve(VeleroLayout.backupFolder(name)) + ": no such backup folder");
    }
    this.backupResource = readBackupResource(store, name).orElseThrow(() -> new TransshipException(
        store.address(metadataKey) + ": missing, so this is not a Velero backup folder (Velero's sync skips it too)"));
    if (store.size(tarballKey()).isEmpty()) {
      throw new TransshipException(store.address(tarballKey()) + ": missing (the backup has no contents to restore)");
    }
  }

  /** The Backup resource of {@code backups/<name>/}, or empty when the folder has no velero-backup.json (Velero's sync skips it). */
  static Optional<ObjectNode> readBackupResource(ObjectStore store, String name) throws TransshipException {
    String key = VeleroLayout.backupFolder(name) + VeleroLayout.BACKUP_METADATA_FILE;
    Optional<byte[]> bytes = read(store, key);
    return bytes.isEmpty() ? Optional.empty() : Optional.of(parseBackupResource(store.address(key), bytes.get(), name));
  }

  private static ObjectNode parseBackupResource(String where, byte[] bytes, String folderName) throws TransshipException {
    JsonNode node;
    try {
      node = Json.parse(bytes);
    } catch (IOException e) {
      throw new TransshipException(where + ": not valid JSON (" + e.getMessage().lines().findFirst().orElse("") + ")");
    }
    if (!(node instanceof ObjectNode obj) || !"velero.io/v1".equals(obj.path("apiVersion").asText())
        || !"Backup".equals(obj.path("kind").asText())) {
      throw new TransshipException(where + ": not a velero.io/v1 Backup");
    }
    String declared = obj.path("metadata").path("name").asText();
    if (!declared.equals(folderName)) {
      throw new TransshipException(where + ": names backup '" + declared + "' but its folder is '" + folderName
          + "' (Velero cannot restore such a backup)");
    }
    return obj;
  }

  private String tarballKey() {
    return VeleroLayout.backupFolder(name) + VeleroLayout.tarballFile(name);
  }

  /** The location the backup is in; its volume data lives beside it. */
  ObjectStore store() {
    return store;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public String address() {
    return store.address(VeleroLayout.backupFolder(name)).replaceAll("/$", "");
  }

  @Override
  public Optional<ObjectNode> backupResource() {
    return Optional.of(backupResource);
  }

  @Override
  public InputStream openTarball() throws TransshipException {
    return store.open(tarballKey())
        .orElseThrow(() -> new TransshipException(store.address(tarballKey()) + ": missing"));
  }

  @Override
  public OptionalLong tarballSize() throws TransshipException {
    return store.size(tarballKey()).map(OptionalLong::of).orElse(OptionalLong.empty());
  }

  @Override
  public Optional<byte[]> sideFile(String suffix) throws TransshipException {
    return read(store, VeleroLayout.backupFolder(name) + name + suffix);
  }

  private static Optional<byte[]> read(ObjectStore store, String key) throws TransshipException {
    Optional<InputStream> in = store.open(key);
    if (in.isEmpty()) {
      return Optional.empty();
    }
    try (InputStream stream = in.get()) {
      byte[] bytes = stream.readNBytes((int) MAX_SIDE_FILE_BYTES + 1);
      if (bytes.length > MAX_SIDE_FILE_BYTES) {
        throw new TransshipException(store.address(key) + ": larger than " + MAX_SIDE_FILE_BYTES + " bytes");
      }
      return Optional.of(bytes);
    } catch (IOException e) {
      throw new TransshipException(store.address(key) + ": cannot read (" + e.getMessage() + ")");
    }
  }
}
