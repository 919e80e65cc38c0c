package dev.transship.archive;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.transship.TransshipException;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;

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
    long[] counts = new long[3]; // legacy items, preferred-version copies, other version copies
    String tarFormat = ArchiveReader.readAllChecked(source, limits, warnings::add, item -> {
      ItemPath path = item.path();
      if (path.isPreferredVersion()) {
        counts[1]++;
      } else if (!path.isLegacy()) {
        counts[2]++;
      } else {
        counts[0]++;
        byResource.merge(path.key().groupResource(), 1L, Long::sum);
        byNamespace.merge(path.key().clusterScoped() ? CLUSTER_SCOPE : path.key().namespace(), 1L, Long::sum);
      }
    });
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
        counts[0],
        counts[1],
        counts[2],
        byResource,
        byNamespace,
        List.copyOf(warnings));
  }

  private static String firstText(ObjectNode backup, String statusField, String metadataField) {
    String status = backup.path("status").path(statusField).asText(null);
    return status != null ? status : backup.path("metadata").path(metadataField).asText(null);
  }
}
