package dev.transship.archive;

import dev.transship.TransshipException;
import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.function.Consumer;
import java.util.zip.ZipException;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.apache.commons.io.input.ReadAheadInputStream;

/**
 * Streams the items of a Velero backup tarball one at a time, as Velero's extractor and parser
 * would see them ({@code pkg/archive/extractor.go}, {@code parser.go}). Holds one item in memory
 * at a time plus 8 bytes per entry name to detect duplicates.
 */
public final class ArchiveReader implements RawItemSource {
  private final String source;
  private final ArchiveLimits limits;
  private final Consumer<String> warnings;
  private final CountingInputStream compressed;
  private final CountingInputStream uncompressed;
  private static final int READ_AHEAD_BYTES = 1 << 18;
  private final TarInput tar;
  private final ItemParser parser;
  private final LongSet seen = new LongSet();
  /** Resource folder to its {@code <ver>-preferredversion} folder: one per resource, a few hundred at most. */
  private final java.util.Map<String, String> preferredVersionDirs = new java.util.HashMap<>();
  private String formatVersion;
  private long entries;
  private long files;
  /** The last legacy item: Velero writes its preferred-version copy next, with the same bytes. */
  private ArchiveItem lastLegacy;
  private RawItem lastLegacyRaw;
  /** The first entry skipped as not an item path: in an itemless tarball, the clue to what went wrong. */
  private String firstSkipped;

  /**
   * @param gzipped the {@code .tar.gz} stream; closed with this reader
   * @param source names the backup in error messages
   * @param warnings receives one line per entry skipped the way Velero skips it
   */
  public ArchiveReader(InputStream gzipped, String source, ArchiveLimits limits, Consumer<String> warnings)
      throws TransshipException {
    this.source = source;
    this.limits = limits;
    this.warnings = warnings;
    this.compressed = new CountingInputStream(new BufferedInputStream(gzipped, 1 << 16));
    try {
      // Every member of a multi-member stream (transship writes one per chunk, pigz does too), as
      // Go's reader in Velero reads them; the JDK's GZIPInputStream may stop after any member.
      InputStream inflated = GzipCompressorInputStream.builder().setInputStream(compressed).setDecompressConcatenated(true).get();
      // Inflating on a thread of its own, a buffer ahead of the tar reader, takes it off the reading
      // thread, which holds a conversion's critical path (1 GiB eks-to-gke: 1.5 s of its CPU).
      this.uncompressed = new CountingInputStream(ReadAheadInputStream.builder()
          .setInputStream(new TruncationKept(inflated)).setBufferSize(READ_AHEAD_BYTES).get());
    } catch (IOException e) {
      throw new TransshipException(source + (e instanceof EOFException || compressed.count() == 0
          ? ": empty or truncated gzip file" : ": not a gzip file (" + e.getMessage() + ")"));
    }
    // tar reads headers and padding 512 bytes at a time: buffered, not one inflate call each
    this.tar = new TarInput(new BufferedInputStream(uncompressed, 1 << 16));
    this.parser = new ItemParser(source);
  }

  /** Receives the items of a tarball. */
  public interface ItemVisitor {
    void visit(ArchiveItem item) throws TransshipException;
  }

  /** Receives the items of a tarball unparsed. */
  public interface RawItemVisitor {
    void visit(RawItem item) throws TransshipException;
  }

  /**
   * Streams every item of a backup's tarball to {@code visitor}, legacy and version copies alike.
   *
   * @return the content of {@code metadata/version}, or null
   */
  public static String readAll(BackupSource source, ArchiveLimits limits, Consumer<String> warnings, ItemVisitor visitor)
      throws TransshipException {
    return read(source, limits, warnings, ArchiveReader::next, visitor::visit);
  }

  /**
   * {@link #readAll} with the parsing on {@code threads} pool threads ahead of the reader; the
   * visitor still sees every item in tarball order, on the calling thread. Version copies whose
   * bytes equal their legacy item's share its object, as in {@link #next}.
   */
  public static String readAllParallel(BackupSource source, ArchiveLimits limits, Consumer<String> warnings, int threads,
      Progress progress, ItemVisitor visitor) throws TransshipException {
    ArchiveReader reader = new ArchiveReader(source.openTarball(), source.address(), limits, warnings);
    ItemParser parser = reader.parser;
    try (var items = new PreparedItems<>(reader, raw -> raw.path().isLegacy() ? parser.parse(raw) : raw, threads)) {
      long count = 0;
      ArchiveItem lastLegacy = null;
      for (Object next = items.next(); next != null; next = items.next()) {
        ArchiveItem item;
        if (next instanceof ArchiveItem legacy) {
          item = lastLegacy = legacy;
        } else {
          RawItem copy = (RawItem) next;
          item = lastLegacy != null && isCopyOf(lastLegacy.path(), lastLegacy.raw(), copy)
              ? new ArchiveItem(copy.path(), copy.raw(), lastLegacy.object())
              : parser.parse(copy);
        }
        try {
          visitor.visit(item);
        } catch (TransshipException e) {
          throw e.in(source.address());
        }
        if (++count % 512 == 0) {
          progress.update(count, reader.compressedBytesRead());
        }
      }
      reader.requireItems(count);
      progress.update(count, reader.compressedBytesRead());
      return reader.formatVersion();
    } catch (IOException e) {
      throw new TransshipException(source.address() + ": cannot read (" + e.getMessage() + ")");
    }
  }

  /** {@link #readAll} unparsed and unchecked: the caller parses or checks what it uses ({@link ItemParser}). */
  public static String readAllRaw(BackupSource source, ArchiveLimits limits, Consumer<String> warnings, RawItemVisitor visitor)
      throws TransshipException {
    return read(source, limits, warnings, ArchiveReader::nextRaw, visitor::visit);
  }

  /**
   * {@link #readAll} for what the tar paths answer: each item gets the checks of {@link
   * ItemParser#check}, on the token stream, and no tree is built.
   */
  public static String readAllChecked(BackupSource source, ArchiveLimits limits, Consumer<String> warnings, RawItemVisitor visitor)
      throws TransshipException {
    return read(source, limits, warnings, ArchiveReader::nextChecked, visitor::visit);
  }

  private RawItem nextChecked() throws TransshipException {
    RawItem item = nextRaw();
    if (item == null) {
      return null;
    }
    if (lastLegacyRaw == null || !isCopyOf(lastLegacyRaw.path(), lastLegacyRaw.raw(), item)) {
      parser.check(item);
    }
    if (item.path().isLegacy()) {
      lastLegacyRaw = item;
    }
    return item;
  }

  /**
   * Whether {@code item} is a version copy of the legacy item at {@code legacy} with the same bytes:
   * Velero writes the copy right after the legacy item, from the same object, so it needs no second
   * parse or check.
   */
  private static boolean isCopyOf(ItemPath legacy, byte[] legacyRaw, RawItem item) {
    return !item.path().isLegacy() && legacy.key().equals(item.path().key()) && Arrays.equals(legacyRaw, item.raw());
  }

  private interface Next<T> {
    T next(ArchiveReader reader) throws TransshipException;
  }

  private interface Visitor<T> {
    void visit(T item) throws TransshipException;
  }

  private static <T> String read(BackupSource source, ArchiveLimits limits, Consumer<String> warnings, Next<T> next, Visitor<T> visitor)
      throws TransshipException {
    try (ArchiveReader reader = new ArchiveReader(source.openTarball(), source.address(), limits, warnings)) {
      long items = 0;
      try {
        for (T item = next.next(reader); item != null; item = next.next(reader)) {
          visitor.visit(item);
          items++;
        }
      } catch (TransshipException e) {
        throw e.in(source.address());
      }
      reader.requireItems(items);
      return reader.formatVersion();
    } catch (IOException e) {
      throw new TransshipException(source.address() + ": cannot read (" + e.getMessage() + ")");
    }
  }

  /** An itemless tarball whose entries are not item paths is most likely not a Velero backup. */
  public void requireItems(long items) throws TransshipException {
    if (items == 0 && firstSkipped != null) {
      throw new TransshipException(source + ": no item Velero would restore; entries such as " + ItemParser.quote(firstSkipped)
          + " are not at resources/<resource>/...; is this a Velero backup tarball?");
    }
  }

  /** The content of {@code metadata/version}, once read (Velero writes it first); null if absent. */
  public String formatVersion() {
    return formatVersion;
  }

  public long compressedBytesRead() {
    return compressed.count();
  }

  /** The next item, parsed and checked, legacy and version copies alike, or null at the end of the tarball. */
  public ArchiveItem next() throws TransshipException {
    RawItem raw = nextRaw();
    if (raw == null) {
      return null;
    }
    ItemPath path = raw.path();
    if (lastLegacy != null && isCopyOf(lastLegacy.path(), lastLegacy.raw(), raw)) {
      // The same bytes parse to the same object: share it instead of parsing every item twice.
      return new ArchiveItem(path, raw.raw(), lastLegacy.object());
    }
    ArchiveItem item = parser.parse(raw);
    if (path.isLegacy()) {
      lastLegacy = item;
    }
    return item;
  }

  /**
   * The next item as stored, legacy and version copies alike, or null at the end of the tarball:
   * the entry checks without parsing; {@link ItemParser} makes the object checks.
   */
  public RawItem nextRaw() throws TransshipException {
    while (true) {
      TarInput.Entry entry = nextEntry();
      if (entry == null) {
        if (files == 0) {
          // Velero writes metadata/version even into a backup that selected nothing.
          throw new TransshipException(source + ": no files at all: an empty tarball, or gzip data that is not a tar archive");
        }
        return null;
      }
      entries++;
      String name = entry.name();
      while (name.startsWith("./")) {
        // Velero joins entry names onto its extraction folder, which drops a leading "./" ('tar -C dir .').
        name = name.substring(2);
      }
      if (name.startsWith("/") || name.equals("..") || name.startsWith("../") || name.contains("/../")
          || name.endsWith("/..")) {
        throw new TransshipException(source + ": entry " + ItemParser.quote(name) + " escapes the archive root (Velero aborts such a restore)");
      }
      if (entry.isDirectory()) {
        continue;
      }
      if (entry.isLink()) {
        warnings.accept(source + ": skipped link entry " + ItemParser.quote(name) + " (Velero ignores links)");
        continue;
      }
      if (!entry.isRegularFile()) {
        warnings.accept(source + ": skipped special entry " + ItemParser.quote(name) + " (Velero ignores it)");
        continue;
      }
      files++;
      if (!seen.add(LongSet.hash(name))) {
        throw new TransshipException(source + ": entry " + ItemParser.quote(name) + " appears twice in the tarball");
      }
      if (entry.size() > limits.maxItemBytes()) {
        throw new TransshipException(source + ": entry " + ItemParser.quote(name) + " is " + entry.size()
            + " bytes, over the " + limits.maxItemBytes() + "-byte limit for one item");
      }
      if (name.equals(VeleroLayout.VERSION_FILE)) {
        formatVersion = new String(readEntry(name, entry), StandardCharsets.UTF_8).trim();
        continue;
      }
      ItemPath path = VeleroLayout.parseItemEntry(name);
      if (path == null) {
        if (!name.startsWith(VeleroLayout.METADATA_DIR + "/")) {
          warnings.accept(source + ": skipped " + ItemParser.quote(name) + ": not an item path Velero restores");
          if (firstSkipped == null) {
            firstSkipped = name;
          }
        }
        continue;
      }
      checkOnePreferredVersion(name, path);
      return new RawItem(path, name, readEntry(name, entry));
    }
  }

  private TarInput.Entry nextEntry() throws TransshipException {
    try {
      TarInput.Entry entry = tar.next();
      checkBomb(entry == null ? "the end of the tarball" : ItemParser.quote(entry.name()));
      return entry;
    } catch (IOException e) {
      if (truncated(e)) {
        throw new TransshipException(source + ": truncated tarball after " + entries + " entries");
      }
      throw new TransshipException(source + (gzipProblem(e) ? ": corrupt gzip data" : ": not a valid tar archive")
          + " after " + entries + " entries (" + e.getMessage() + ")");
    }
  }

  private byte[] readEntry(String name, TarInput.Entry entry) throws TransshipException {
    try {
      byte[] bytes = new byte[(int) entry.size()];
      tar.readFully(bytes);
      checkBomb(ItemParser.quote(name));
      return bytes;
    } catch (IOException e) {
      if (truncated(e)) {
        throw new TransshipException(source + ": entry " + ItemParser.quote(name) + " is truncated");
      }
      throw new TransshipException(source + ": entry " + ItemParser.quote(name) + ": "
          + (gzipProblem(e) ? "corrupt gzip data" : "cannot read") + " (" + e.getMessage() + ")");
    }
  }

  private static boolean truncated(IOException e) {
    return e instanceof EOFException || e instanceof TruncationKept.Truncated;
  }

  /**
   * Keeps a truncated gzip stream an error across the read-ahead, which takes an EOFException
   * from the stream it reads for a plain end of data.
   */
  private static final class TruncationKept extends java.io.FilterInputStream {
    static final class Truncated extends IOException {
      Truncated(EOFException e) {
        super(e.getMessage(), e);
      }
    }

    TruncationKept(InputStream in) {
      super(in);
    }

    @Override
    public int read() throws IOException {
      try {
        return super.read();
      } catch (EOFException e) {
        throw new Truncated(e);
      }
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      try {
        return super.read(b, off, len);
      } catch (EOFException e) {
        throw new Truncated(e);
      }
    }
  }

  /** The gzip reader's complaints (bad member header, CRC, size, deflate data) as opposed to tar's. */
  private static boolean gzipProblem(IOException e) {
    String message = String.valueOf(e.getMessage());
    return e instanceof ZipException || message.contains(".gz ") || message.contains("Gzip-compressed") || message.contains(".gz format");
  }

  private void checkBomb(String where) throws TransshipException {
    long out = uncompressed.count();
    if (out > limits.maxTotalBytes()) {
      throw new TransshipException(source + ": more than " + limits.maxTotalBytes() + " bytes uncompressed at " + where);
    }
    long in = Math.max(1, compressed.count());
    if (out > limits.bombCheckAfterBytes() && out / in > limits.maxExpansionRatio()) {
      throw new TransshipException(source + ": expands " + out / in + "x at " + where
          + ", which looks like a decompression bomb, not a Velero backup");
    }
  }

  /** Two preferred versions of one resource leave no answer to which copy Velero restores. */
  private void checkOnePreferredVersion(String name, ItemPath path) throws TransshipException {
    if (!path.isPreferredVersion()) {
      return;
    }
    String first = preferredVersionDirs.putIfAbsent(path.key().groupResource(), path.versionDir());
    if (first != null && !first.equals(path.versionDir())) {
      throw new TransshipException(source + ": entry " + ItemParser.quote(name) + ": " + path.key().groupResource() + " has two preferred versions ("
          + first + " and " + path.versionDir() + ")");
    }
  }

  @Override
  public void close() throws IOException {
    tar.close();
  }
}
