package dev.transship.archive;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.transship.TransshipException;
import dev.transship.store.BackupSource;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * What {@code inspect} reports about a backup: identity, format, size and item counts per
 * resource and per namespace. Counted in one streaming pass over the tarball.
 */
public record BackupSummary(
    String name,
    String address,
    String phase,
    String formatVersion,
    String created,
    String expires,
    OptionalLong tarballBytes,
    long items,
    long preferredVersionCopies,
    long otherVersionCopies,
    Map<String, Long> itemsByResource,
    Map<String, Long> itemsByNamespace,
    List<String> warnings) {

  /** The key {@link #itemsByNamespace} uses for cluster-scoped items. */
  public static final String CLUSTER_SCOPE = "(cluster)";

  public static BackupSummary of(BackupSource source, ArchiveLimits limits, List<String> warnings) throws TransshipException {
    Map<String, Long> byResource = new TreeMap<>();
    Map<String, Long> byNamespace = new TreeMap<>();
    long items = 0;
    long preferred = 0;
    long other = 0;
    String tarFormat;
    Consumer<String> warn = warnings::add;
    try (ArchiveReader reader = new ArchiveReader(source.openTarball(), source.address(), limits, warn)) {
      for (ArchiveItem item = reader.next(); item != null; item = reader.next()) {
        ItemPath path = item.path();
        if (path.isPreferredVersion()) {
          preferred++;
        } else if (!path.isLegacy()) {
          other++;
        } else {
          items++;
          byResource.merge(path.key().groupResource(), 1L, Long::sum);
          byNamespace.merge(path.key().clusterScoped() ? CLUSTER_SCOPE : path.key().namespace(), 1L, Long::sum);
        }
      }
      tarFormat = reader.formatVersion();
    } catch (IOException e) {
      throw new TransshipException(source.address() + ": cannot read (" + e.getMessage() + ")");
    }
    ObjectNode backup = source.backupResource().orElse(null);
    String formatVersion = backup != null && backup.path("status").hasNonNull("formatVersion")
        ? backup.path("status").path("formatVersion").asText()
        : tarFormat;
    return new BackupSummary(
        source.name(),
        source.address(),
        backup == null ? null : backup.path("status").path("phase").asText(null),
        formatVersion,
        backup == null ? null : firstText(backup, "startTimestamp", "creationTimestamp"),
        backup == null ? null : backup.path("status").path("expiration").asText(null),
        source.tarballSize(),
        items,
        preferred,
        other,
        byResource,
        byNamespace,
        List.copyOf(warnings));
  }

  private static String firstText(ObjectNode backup, String statusField, String metadataField) {
    String status = backup.path("status").path(statusField).asText(null);
    return status != null ? status : backup.path("metadata").path(metadataField).asText(null);
  }
}
