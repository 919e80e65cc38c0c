package dev.transship.archive;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.transship.TransshipException;
import java.io.InputStream;
import java.util.Optional;
import java.util.OptionalLong;

/** A backup to read: its tarball, its {@code velero-backup.json} and its side files. */
public interface BackupSource {
  String name();

  /** Where the backup is, for messages. */
  String address();

  /** The Backup resource from {@code velero-backup.json}; empty for a bare tarball. */
  Optional<ObjectNode> backupResource();

  /** Opens the tarball; may be called more than once (a first pass, then the real one). */
  InputStream openTarball() throws TransshipException;

  OptionalLong tarballSize() throws TransshipException;

  /** The raw bytes of {@code <name><suffix>}, e.g. {@code -podvolumebackups.json.gz}, if present. */
  Optional<byte[]> sideFile(String suffix) throws TransshipException;
}
