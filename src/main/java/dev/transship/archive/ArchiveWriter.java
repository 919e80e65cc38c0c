package dev.transship.archive;

import dev.transship.kube.KubeObject;
import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * Writes a tarball the way Velero's backup writer does ({@code pkg/backup/backup.go}): gzip over
 * tar, {@code metadata/version} first, regular-file entries with mode 0755 (Velero's extractor
 * gives parent directories the file's mode, so 0644 breaks a non-root restore), PAX headers for
 * long names, and every item twice: the legacy copy restore reads and the preferred-version copy.
 */
public final class ArchiveWriter implements Closeable {
  /** Velero's tar header mode for every entry. */
  static final int ENTRY_MODE = 0755;

  private final TarArchiveOutputStream tar;
  private final Date modTime;
  private final ResourceList resourceList = new ResourceList();
  private long items;

  /** @param modTime the entries' modification time, whole seconds as Go's USTAR writer stores it */
  public ArchiveWriter(OutputStream out, Instant modTime) throws IOException {
    this.modTime = Date.from(modTime.truncatedTo(ChronoUnit.SECONDS));
    tar = new TarArchiveOutputStream(new GZIPOutputStream(new BufferedOutputStream(out, 1 << 16), 1 << 16));
    tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
    tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
    tar.setAddPaxHeadersForNonAsciiNames(true);
    writeEntry(VeleroLayout.VERSION_FILE, (VeleroLayout.FORMAT_VERSION + "\n").getBytes(StandardCharsets.US_ASCII));
  }

  /** Writes the legacy copy and the {@code <version>-preferredversion} copy of one object. */
  public void writeItem(ItemKey key, KubeObject object, byte[] json) throws IOException {
    writeEntry(ItemPath.legacy(key).entryName(), json);
    writeEntry(ItemPath.preferred(key, object.version()).entryName(), json);
    resourceList.add(object);
    items++;
  }

  /** Writes a non-preferred version copy, as Velero does under {@code EnableAPIGroupVersions}. */
  public void writeVersionCopy(ItemPath path, byte[] json) throws IOException {
    if (path.isLegacy() || path.isPreferredVersion()) {
      throw new IllegalArgumentException("not a non-preferred version path: " + path);
    }
    writeEntry(path.entryName(), json);
  }

  private void writeEntry(String name, byte[] content) throws IOException {
    TarArchiveEntry entry = new TarArchiveEntry(name, TarArchiveEntry.LF_NORMAL, true);
    entry.setMode(ENTRY_MODE);
    entry.setSize(content.length);
    entry.setModTime(modTime);
    tar.putArchiveEntry(entry);
    tar.write(content);
    tar.closeArchiveEntry();
  }

  public ResourceList resourceList() {
    return resourceList;
  }

  public long itemCount() {
    return items;
  }

  @Override
  public void close() throws IOException {
    tar.close();
  }
}
