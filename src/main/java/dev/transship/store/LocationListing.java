package dev.transship.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.transship.TransshipException;
import dev.transship.archive.VeleroLayout;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The backups in a storage location, as Velero's backup sync sees them: every folder under
 * {@code backups/} that holds a {@code velero-backup.json}, with what that file says and the
 * tarball's size. A folder without one (a convert still running, or killed) is listed apart.
 */
public final class LocationListing {
  /** One backup: phase, start, items backed up and tarball size as the location records them. */
  public record Entry(String name, String phase, Optional<Instant> started, long items, Optional<Long> size) {}

  /** What was found: importable backups, and folders Velero's sync would skip. */
  public record Listing(List<Entry> backups, List<String> incomplete) {}

  private LocationListing() {}

  public static Listing of(ObjectStore store) throws TransshipException {
    TreeSet<String> folders = new TreeSet<>();
    for (String key : store.list(VeleroLayout.BACKUPS_DIR)) {
      String rest = key.substring(VeleroLayout.BACKUPS_DIR.length());
      int slash = rest.indexOf('/');
      if (slash > 0) {
        folders.add(rest.substring(0, slash));
      }
    }
    List<Entry> backups = new ArrayList<>();
    List<String> incomplete = new ArrayList<>();
    for (String name : folders) {
      Optional<ObjectNode> backup = LocationBackupSource.readBackupResource(store, name);
      if (backup.isEmpty()) {
        incomplete.add(name);
        continue;
      }
      JsonNode status = backup.get().path("status");
      backups.add(new Entry(name, status.path("phase").asText("?"), instant(status.path("startTimestamp").asText("")),
          status.path("progress").path("itemsBackedUp").asLong(0), store.size(VeleroLayout.backupFolder(name) + VeleroLayout.tarballFile(name))));
    }
    return new Listing(backups, incomplete);
  }

  private static Optional<Instant> instant(String text) {
    try {
      return text.isEmpty() ? Optional.empty() : Optional.of(Instant.parse(text));
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }
}
