package dev.transship.archive;


/**
 * The one place that knows Velero's tarball layout ({@code pkg/archive/filesystem.go}, {@code
 * pkg/apis/velero/v1/constants.go}). Nothing else builds or parses item paths.
 */
public final class VeleroLayout {
  public static final String RESOURCES_DIR = "resources";
  public static final String METADATA_DIR = "metadata";
  public static final String VERSION_FILE = METADATA_DIR + "/version";
  public static final String CLUSTER_SCOPED_DIR = "cluster";
  public static final String NAMESPACE_SCOPED_DIR = "namespaces";
  public static final String PREFERRED_VERSION_SUFFIX = "-preferredversion";
  public static final String ITEM_SUFFIX = ".json";
  /** BackupFormatVersion in {@code pkg/backup/backup.go}. */
  public static final String FORMAT_VERSION = "1.1.0";

  /** The characters Kubernetes allows in object names, namespaces and resource names. */

  private VeleroLayout() {}

  /** {@code resources/<gr>/[<versionDir>/]<cluster|namespaces/<ns>>/<name>.json}. */
  static String itemEntryName(ItemPath path) {
    ItemKey key = path.key();
    StringBuilder sb = new StringBuilder(RESOURCES_DIR).append('/').append(key.groupResource()).append('/');
    if (!path.versionDir().isEmpty()) {
      sb.append(path.versionDir()).append('/');
    }
    if (key.clusterScoped()) {
      sb.append(CLUSTER_SCOPED_DIR);
    } else {
      sb.append(NAMESPACE_SCOPED_DIR).append('/').append(key.namespace());
    }
    return sb.append('/').append(key.name()).append(ITEM_SUFFIX).toString();
  }

  /**
   * Parses an entry name below {@code resources/}. Returns null for names that are not items
   * (Velero's parser skips those with a warning).
   */
  static ItemPath parseItemEntry(String entryName) {
    String[] parts = entryName.split("/", -1);
    if (parts.length < 4 || !RESOURCES_DIR.equals(parts[0]) || !parts[parts.length - 1].endsWith(ITEM_SUFFIX)) {
      return null;
    }
    String groupResource = parts[1];
    int scopeAt = 2;
    String versionDir = "";
    if (!CLUSTER_SCOPED_DIR.equals(parts[2]) && !NAMESPACE_SCOPED_DIR.equals(parts[2])) {
      versionDir = parts[2];
      scopeAt = 3;
    }
    String file = parts[parts.length - 1];
    String name = file.substring(0, file.length() - ITEM_SUFFIX.length());
    String namespace;
    if (CLUSTER_SCOPED_DIR.equals(parts[scopeAt]) && parts.length == scopeAt + 2) {
      namespace = null;
    } else if (NAMESPACE_SCOPED_DIR.equals(parts[scopeAt]) && parts.length == scopeAt + 3) {
      namespace = parts[scopeAt + 1];
    } else {
      return null;
    }
    if (!valid(groupResource) || !valid(name) || (namespace != null && !valid(namespace))
        || (!versionDir.isEmpty() && !valid(versionDir))) {
      return null;
    }
    return new ItemPath(new ItemKey(groupResource, namespace, name), versionDir);
  }

  /**
   * A resource folder is {@code <plural>.<group>}: at most 63 + 1 + 253 characters, longer than any
   * object name or namespace (253 and 63). Anything longer is not from a Kubernetes cluster.
   */
  private static final int MAX_SEGMENT = 317;

  private static boolean valid(String segment) {
    // [A-Za-z0-9][A-Za-z0-9._:-]*, by hand: checked for every entry of the tarball
    if (segment.isEmpty() || segment.length() > MAX_SEGMENT || !alphanumeric(segment.charAt(0))) {
      return false;
    }
    for (int i = 1; i < segment.length(); i++) {
      char c = segment.charAt(i);
      if (!alphanumeric(c) && c != '.' && c != '_' && c != ':' && c != '-') {
        return false;
      }
    }
    return true;
  }

  private static boolean alphanumeric(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
  }

  /** Where a storage location keeps its backups, one folder each. */
  public static final String BACKUPS_DIR = "backups/";

  /** Keys of a backup folder in a storage location: {@code backups/<name>/<name><suffix>}. */
  public static String backupFolder(String name) {
    return BACKUPS_DIR + name + "/";
  }

  public static String tarballFile(String name) {
    return name + ".tar.gz";
  }

  public static final String BACKUP_METADATA_FILE = "velero-backup.json";
  /**
   * {@code velero-backup.json} while its folder is staged or being published: Velero's backup sync
   * imports any folder under {@code backups/} that holds the real name (taking the Backup's name from
   * the file, not the folder), so it appears only once the tarball beside it is complete and in place.
   */
  public static final String STAGED_METADATA_FILE = "velero-backup.json.staged";
  public static final String PODVOLUMEBACKUPS_SUFFIX = "-podvolumebackups.json.gz";
  public static final String RESOURCE_LIST_SUFFIX = "-resource-list.json.gz";
  public static final String RESULTS_SUFFIX = "-results.gz";
  public static final String LOGS_SUFFIX = "-logs.gz";
  public static final String VOLUMEINFO_SUFFIX = "-volumeinfo.json.gz";
  public static final String VOLUMESNAPSHOTS_SUFFIX = "-volumesnapshots.json.gz";
  public static final String ITEMOPERATIONS_SUFFIX = "-itemoperations.json.gz";
  /** Side files copied as they are when present: their content does not name the backup. */
  public static final String[] COPIED_SIDE_FILE_SUFFIXES = {
    VOLUMESNAPSHOTS_SUFFIX, ITEMOPERATIONS_SUFFIX, VOLUMEINFO_SUFFIX,
    "-csi-volumesnapshots.json.gz", "-csi-volumesnapshotcontents.json.gz", "-csi-volumesnapshotclasses.json.gz"
  };

  /**
   * What Velero v1.18 writes into each side file of a backup that has no such entries: it always
   * writes them, through json.NewEncoder, which turns a nil slice into {@code null}.
   */
  public static final java.util.Map<String, String> EMPTY_SIDE_FILES = java.util.Map.of(
      VOLUMEINFO_SUFFIX, "[]",
      ITEMOPERATIONS_SUFFIX, "[]\n",
      VOLUMESNAPSHOTS_SUFFIX, "null\n",
      PODVOLUMEBACKUPS_SUFFIX, "null\n");

  /** The only top-level prefixes Velero accepts under a location root ({@code IsValid()}). */
  public static final java.util.Set<String> VALID_TOP_LEVEL_DIRS =
      java.util.Set.of("backups", "restores", "restic", "kopia", "metadata", "plugins");
}
