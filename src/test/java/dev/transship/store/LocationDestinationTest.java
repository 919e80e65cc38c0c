package dev.transship.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.transship.TransshipException;
import dev.transship.archive.VeleroLayout;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Publishing to a bucket: metadata last, and no partial backup left when an upload fails. */
class LocationDestinationTest {
  @TempDir Path tmp;

  /** A bucket that records uploads and deletes, and can fail on one key. */
  static final class RecordingStore implements ObjectStore {
    final List<String> log = new ArrayList<>();
    final List<String> present = new ArrayList<>();
    String failOn;

    @Override
    public String address(String key) {
      return "mem://bucket/" + key;
    }

    @Override
    public Optional<InputStream> open(String key) {
      return Optional.empty();
    }

    @Override
    public Optional<Long> size(String key) {
      return Optional.empty();
    }

    @Override
    public boolean anyUnder(String prefix) {
      return present.stream().anyMatch(k -> k.startsWith(prefix));
    }

    @Override
    public void upload(String key, Path file) throws TransshipException {
      if (key.endsWith(failOn == null ? "\0" : failOn)) {
        throw new TransshipException(address(key) + ": cannot write: connection reset");
      }
      log.add("put " + key);
      present.add(key);
    }

    @Override
    public java.util.List<String> list(String prefix) {
      throw new UnsupportedOperationException("publishing a backup lists nothing");
    }

    @Override
    public void upload(String key, InputStream in, long size) {
      throw new UnsupportedOperationException("publishing a backup uploads files");
    }

    @Override
    public void delete(String key) {
      log.add("delete " + key);
      present.remove(key);
    }
  }

  private Path staged(LocationDestination destination) throws Exception {
    Path dir = destination.stage("b");
    for (String f : List.of("b-logs.gz", "b.tar.gz", VeleroLayout.STAGED_METADATA_FILE)) {
      Files.writeString(dir.resolve(f), f);
    }
    return dir;
  }

  @Test
  void uploadsVeleroBackupJsonLast() throws Exception {
    RecordingStore store = new RecordingStore();
    LocationDestination destination = new LocationDestination(store);
    Path dir = staged(destination);
    destination.publish("b", dir, List.of("b-logs.gz", "b.tar.gz", "velero-backup.json"));
    assertEquals(List.of("put backups/b/b-logs.gz", "put backups/b/b.tar.gz", "put backups/b/velero-backup.json"), store.log);
    assertEquals(false, Files.exists(dir), "staging folder removed");
  }

  @Test
  void deletesUploadedFilesWhenALaterUploadFails() throws Exception {
    RecordingStore store = new RecordingStore();
    store.failOn = "velero-backup.json";
    LocationDestination destination = new LocationDestination(store);
    Path dir = staged(destination);
    var e = assertThrows(TransshipException.class,
        () -> destination.publish("b", dir, List.of("b-logs.gz", "b.tar.gz", "velero-backup.json")));
    assertEquals("mem://bucket/backups/b/velero-backup.json: cannot write: connection reset", e.getMessage());
    assertEquals(List.of(), store.present, "nothing of the backup stays in the bucket");
    assertEquals(List.of("put backups/b/b-logs.gz", "put backups/b/b.tar.gz", "delete backups/b/b-logs.gz", "delete backups/b/b.tar.gz"), store.log);
  }
}
