package dev.transship.store;

import dev.transship.TransshipException;
import dev.transship.kube.KubeNames;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a backup is, as the user typed it: a local {@code .tar.gz}, or a backup folder {@code
 * <root>/backups/<name>} in a local folder, {@code s3://bucket[/prefix]} or {@code
 * gs://bucket[/prefix]}, or a Backup in a cluster's Velero, {@code velero://CONTEXT/BACKUP[?namespace=NS]}.
 */
public sealed interface BackupAddress {
  /** The backup name: the folder name, or the tarball's file name without {@code .tar.gz}. */
  String name();

  /** A standalone tarball file with no side files. */
  record TarballFile(Path file) implements BackupAddress {
    @Override
    public String name() {
      String f = file.getFileName().toString();
      return f.substring(0, f.length() - ".tar.gz".length());
    }
  }

  /** A backup folder inside a storage location. */
  record InLocation(LocationAddress location, String name) implements BackupAddress {}

  /** A Backup read through a cluster's Velero API: a kubeconfig context and Velero's namespace there. */
  record InCluster(String context, String name, String namespace) implements BackupAddress {
    public static final String DEFAULT_NAMESPACE = "velero";

    @Override
    public String toString() {
      return "velero://" + context + "/" + name + (DEFAULT_NAMESPACE.equals(namespace) ? "" : "?namespace=" + namespace);
    }
  }

  /** The local file or backup folder this backup is read from (none in a bucket): what no output may replace or write into. */
  default List<Path> localFiles() {
    if (this instanceof TarballFile tarball) {
      return List.of(tarball.file());
    }
    if (this instanceof InLocation in && in.location() instanceof LocationAddress.LocalFolder local) {
      // The whole folder: no output may land beside the tarball, where Velero would take it for part of the backup.
      return List.of(local.root().resolve("backups").resolve(in.name()));
    }
    return List.of();
  }

  Pattern BUCKET_BACKUP = Pattern.compile("^(s3|gs)://([^/]+)/(?:(.*?)/)?backups/([^/]+)/?$");

  /** The context may hold slashes (EKS names contexts by cluster ARN, {@code arn:...:cluster/NAME}); a backup name cannot. */
  Pattern CLUSTER_BACKUP = Pattern.compile("^velero://([^?]+)/([^/?]+)/?(?:\\?namespace=([^&=/]+))?$");

  static BackupAddress parse(String text) throws TransshipException {
    if (text.startsWith("s3://") || text.startsWith("gs://")) {
      Matcher m = BUCKET_BACKUP.matcher(text);
      if (!m.matches()) {
        throw new TransshipException(text + ": expected " + text.substring(0, 5) + "bucket[/prefix]/backups/<name>");
      }
      String prefix = m.group(3) == null ? "" : m.group(3);
      var location = "s3".equals(m.group(1))
          ? new LocationAddress.S3(m.group(2), prefix)
          : new LocationAddress.Gcs(m.group(2), prefix);
      return new InLocation(location, m.group(4));
    }
    if (text.startsWith("velero://")) {
      Matcher m = CLUSTER_BACKUP.matcher(text);
      if (!m.matches()) {
        throw new TransshipException(text + ": expected velero://CONTEXT/BACKUP[?namespace=NS]");
      }
      String namespace = m.group(3) == null ? InCluster.DEFAULT_NAMESPACE : m.group(3);
      if (!KubeNames.isDnsSubdomain(m.group(2)) || !KubeNames.isDnsLabel(namespace)) {
        throw new TransshipException(text + ": the backup name and namespace must be valid Kubernetes names");
      }
      return new InCluster(m.group(1), m.group(2), namespace);
    }
    if (text.contains("://")) {
      throw new TransshipException(text + ": unsupported scheme (use a local path, s3://, gs:// or velero://)");
    }
    Path path = Path.of(text);
    if (text.endsWith(".tar.gz")) {
      return new TarballFile(path);
    }
    Path parent = path.toAbsolutePath().normalize().getParent();
    if (parent == null || parent.getFileName() == null || !"backups".equals(parent.getFileName().toString())) {
      if (Files.isRegularFile(path)) {
        throw new TransshipException(text + ": expected a .tar.gz file or a backup folder <root>/backups/<name>");
      }
      Path tarball = path.resolve(path.toAbsolutePath().normalize().getFileName() + ".tar.gz");
      if (Files.isRegularFile(tarball)) {
        // A backup folder copied out of its bucket: the side files are only trusted in a location's layout.
        throw new TransshipException(text + ": a backup folder must sit in a folder named 'backups', as in a Velero bucket "
            + "(<root>/backups/<name>); or give its tarball, " + tarball);
      }
      throw new TransshipException(text + ": expected a .tar.gz file or a backup folder <root>/backups/<name>"
          + (Files.exists(path) ? "" : " (it does not exist)"));
    }
    Path name = path.toAbsolutePath().normalize().getFileName();
    return new InLocation(new LocationAddress.LocalFolder(parent.getParent()), name.toString());
  }

  /** Checks a new backup name the way Kubernetes checks object names (Velero's Backup CR). */
  static void checkName(String name) throws TransshipException {
    if (!KubeNames.isDnsSubdomain(name)) {
      throw new TransshipException("backup name '" + name
          + "' is not a valid Kubernetes name (lower-case letters, digits, '-' and '.', at most 253 characters)");
    }
  }
}
