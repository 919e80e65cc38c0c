package dev.transship.archive;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.transship.TransshipException;
import dev.transship.kube.Json;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Writes a whole backup folder ({@code <name>.tar.gz}, side files, {@code velero-backup.json} under
 * its staged name) into a staging folder, and says in which order to publish the files: {@code
 * velero-backup.json} last.
 */
public final class BackupFolderWriter implements AutoCloseable {
  private final Path staging;
  private final String name;
  private final ArchiveWriter archive;
  /** The tarball file when its bytes are copied from the source rather than written by {@link #archive}. */
  private final OutputStream tarballCopy;
  private boolean finished;

  public BackupFolderWriter(Path staging, String name, Instant modTime) throws TransshipException {
    this(staging, name, modTime, ArchiveWriter.Compression.DEFAULT);
  }

  public BackupFolderWriter(Path staging, String name, Instant modTime, ArchiveWriter.Compression compression)
      throws TransshipException {
    this(staging, name, modTime, compression, false);
  }

  /**
   * @param copyTarball whether the tarball's bytes are copied through {@link #tarballCopy()}; the
   *     archive then only checks and lists the items, for the resource list
   */
  public BackupFolderWriter(Path staging, String name, Instant modTime, ArchiveWriter.Compression compression, boolean copyTarball)
      throws TransshipException {
    this.staging = staging;
    this.name = name;
    try {
      OutputStream tarball = Files.newOutputStream(staging.resolve(VeleroLayout.tarballFile(name)));
      this.tarballCopy = copyTarball ? new BufferedOutputStream(tarball, 1 << 16) : null;
      this.archive = copyTarball ? ArchiveWriter.listingOnly(compression) : new ArchiveWriter(tarball, modTime, compression);
    } catch (IOException e) {
      throw new TransshipException(staging + ": cannot write (" + e.getMessage() + ")");
    }
  }

  /** Where the copied tarball bytes go (only when copying). */
  public OutputStream tarballCopy() {
    if (tarballCopy == null) {
      throw new IllegalStateException("this folder writes its own tarball");
    }
    return tarballCopy;
  }

  public ArchiveWriter archive() {
    return archive;
  }

  /**
   * Closes the tarball and writes the generated side files, the given ones and {@code
   * velero-backup.json}.
   *
   * @param sideFiles suffix ({@code -podvolumebackups.json.gz}) to content, written as given
   * @param log the text of {@code <name>-logs.gz}, what {@code velero backup logs} shows
   * @return the files to publish, in order
   */
  public List<String> finish(ObjectNode backupResource, Map<String, byte[]> sideFiles, String log) throws TransshipException {
    finished = true;
    try {
      archive.finish();
      if (tarballCopy != null) {
        tarballCopy.close();
      }
      List<String> files = new ArrayList<>();
      files.add(write(VeleroLayout.RESOURCE_LIST_SUFFIX, Gzip.compress(archive.resourceList().toJson())));
      ObjectNode results = Json.object();
      results.putObject("errors");
      results.putObject("warnings");
      files.add(write(VeleroLayout.RESULTS_SUFFIX, Gzip.compress(Json.bytes(results))));
      files.add(write(VeleroLayout.LOGS_SUFFIX, Gzip.compress(log.getBytes(StandardCharsets.UTF_8))));
      for (Map.Entry<String, byte[]> side : sideFiles.entrySet()) {
        files.add(write(side.getKey(), side.getValue()));
      }
      for (Map.Entry<String, String> empty : new TreeMap<>(VeleroLayout.EMPTY_SIDE_FILES).entrySet()) {
        if (!sideFiles.containsKey(empty.getKey())) {
          files.add(write(empty.getKey(), Gzip.compress(empty.getValue().getBytes(StandardCharsets.UTF_8))));
        }
      }
      files.add(VeleroLayout.tarballFile(name));
      Files.write(staging.resolve(VeleroLayout.STAGED_METADATA_FILE), Json.PRETTY.writeValueAsBytes(backupResource));
      files.add(VeleroLayout.BACKUP_METADATA_FILE);
      return files;
    } catch (IOException e) {
      throw new TransshipException(staging + ": cannot write (" + e.getMessage() + ")");
    }
  }

  /** The side files of {@code source} a copy named {@code name} carries: PVBs renamed, the rest as they are. */
  public static Map<String, byte[]> copiedSideFiles(BackupSource source, String name) throws TransshipException {
    Map<String, byte[]> out = new LinkedHashMap<>();
    Optional<byte[]> pvbs = source.sideFile(VeleroLayout.PODVOLUMEBACKUPS_SUFFIX);
    if (pvbs.isPresent()) {
      String where = source.address() + "/" + source.name() + VeleroLayout.PODVOLUMEBACKUPS_SUFFIX;
      out.put(VeleroLayout.PODVOLUMEBACKUPS_SUFFIX, PodVolumeBackups.renameForCopy(pvbs.get(), where, source.name(), name));
    }
    for (String suffix : VeleroLayout.COPIED_SIDE_FILE_SUFFIXES) {
      Optional<byte[]> content = source.sideFile(suffix);
      if (content.isPresent()) {
        out.put(suffix, content.get());
      }
    }
    return out;
  }

  private String write(String suffix, byte[] content) throws IOException {
    String file = name + suffix;
    Files.write(staging.resolve(file), content);
    return file;
  }

  @Override
  public void close() {
    if (!finished) {
      archive.abandon(); // the staging folder is discarded
      try {
        if (tarballCopy != null) {
          tarballCopy.close();
        }
      } catch (IOException ignored) {
        // discarded with the folder
      }
    }
  }
}
