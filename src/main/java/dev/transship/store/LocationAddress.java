package dev.transship.store;

import dev.transship.TransshipException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The root of a storage location: what a Velero BackupStorageLocation's bucket and prefix point
 * at. Backups live below it in {@code backups/<name>/}.
 */
public sealed interface LocationAddress {
  record LocalFolder(Path root) implements LocationAddress {}

  record S3(String bucket, String prefix) implements LocationAddress {}

  record Gcs(String bucket, String prefix) implements LocationAddress {}

  /** The same location however it was typed: local folders compare as absolute normalised paths. */
  default boolean sameAs(LocationAddress other) {
    if (this instanceof LocalFolder a && other instanceof LocalFolder b) {
      return a.root().toAbsolutePath().normalize().equals(b.root().toAbsolutePath().normalize());
    }
    return equals(other);
  }

  Pattern BUCKET = Pattern.compile("^(s3|gs)://([^/]+)(?:/(.*?))?/?$");

  /** Parses {@code s3://bucket[/prefix]}, {@code gs://bucket[/prefix]} or a local folder. */
  static LocationAddress parse(String text) throws TransshipException {
    if (text.startsWith("s3://") || text.startsWith("gs://")) {
      Matcher m = BUCKET.matcher(text);
      if (!m.matches()) {
        throw new TransshipException(text + ": expected " + text.substring(0, 5) + "bucket[/prefix]");
      }
      String prefix = m.group(3) == null ? "" : m.group(3).replaceAll("^/+|/+$", "");
      if (Arrays.asList(prefix.split("/")).contains("backups")) {
        throw new TransshipException(text + ": give the location root (bucket and prefix), not a path inside backups/");
      }
      return "s3".equals(m.group(1)) ? new S3(m.group(2), prefix) : new Gcs(m.group(2), prefix);
    }
    if (text.contains("://")) {
      throw new TransshipException(text + ": unsupported scheme (use a local path, s3:// or gs://)");
    }
    Path folder = Path.of(text);
    if (Files.isRegularFile(folder.resolve("velero-backup.json")) || holdsBackups(folder)) {
      throw new TransshipException(text + ": give the location root (the folder that holds backups/), not a backup folder or backups/ itself");
    }
    return new LocalFolder(folder);
  }

  /** A folder named backups with a backup folder in it: a location's backups/, not its root. */
  private static boolean holdsBackups(Path folder) {
    Path name = folder.toAbsolutePath().normalize().getFileName();
    if (name == null || !"backups".equals(name.toString()) || !Files.isDirectory(folder)) {
      return false;
    }
    try (var children = Files.list(folder)) {
      return children.anyMatch(child -> Files.isRegularFile(child.resolve("velero-backup.json")));
    } catch (java.io.IOException e) {
      return false;
    }
  }
}
