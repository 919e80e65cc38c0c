package dev.transship.archive;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.transship.TransshipException;
import dev.transship.kube.Json;
import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.function.Consumer;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * Streams the items of a Velero backup tarball one at a time, as Velero's extractor and parser
 * would see them ({@code pkg/archive/extractor.go}, {@code parser.go}). Holds one item in memory
 * at a time plus 8 bytes per entry name to detect duplicates.
 */
public final class ArchiveReader implements Closeable {
  private final String source;
  private final ArchiveLimits limits;
  private final Consumer<String> warnings;
  private final CountingInputStream compressed;
  private final CountingInputStream uncompressed;
  private final TarArchiveInputStream tar;
  private final LongSet seen = new LongSet();
  /** Resource folder to its {@code <ver>-preferredversion} folder: one per resource, a few hundred at most. */
  private final java.util.Map<String, String> preferredVersionDirs = new java.util.HashMap<>();
  private String formatVersion;
  private long entries;
  private long files;
  /** The last legacy item: Velero writes its preferred-version copy next, with the same bytes. */
  private ArchiveItem lastLegacy;
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
      this.uncompressed = new CountingInputStream(new GZIPInputStream(compressed, 1 << 16));
    } catch (ZipException e) {
      throw new TransshipException(source + ": not a gzip file (" + e.getMessage() + ")");
    } catch (EOFException e) {
      throw new TransshipException(source + ": empty or truncated gzip file");
    } catch (IOException e) {
      throw new TransshipException(source + ": cannot read: " + e.getMessage(), e);
    }
    this.tar = new TarArchiveInputStream(uncompressed);
  }

  /** Receives the items of a tarball. */
  public interface ItemVisitor {
    void visit(ArchiveItem item) throws TransshipException;
  }

  /**
   * Streams every item of a backup's tarball to {@code visitor}, legacy and version copies alike.
   *
   * @return the content of {@code metadata/version}, or null
   */
  public static String readAll(dev.transship.archive.BackupSource source, ArchiveLimits limits, Consumer<String> warnings,
      ItemVisitor visitor) throws TransshipException {
    try (ArchiveReader reader = new ArchiveReader(source.openTarball(), source.address(), limits, warnings)) {
      long items = 0;
      for (ArchiveItem item = reader.next(); item != null; item = reader.next()) {
        try {
          visitor.visit(item);
        } catch (TransshipException e) {
          throw e.in(source.address());
        }
        items++;
      }
      if (items == 0 && reader.firstSkipped != null) {
        throw new TransshipException(source.address() + ": no item Velero would restore; entries such as " + quote(reader.firstSkipped)
            + " are not at resources/<resource>/...; is this a Velero backup tarball?");
      }
      return reader.formatVersion();
    } catch (IOException e) {
      throw new TransshipException(source.address() + ": cannot read (" + e.getMessage() + ")");
    }
  }

  /** The content of {@code metadata/version}, once read (Velero writes it first); null if absent. */
  public String formatVersion() {
    return formatVersion;
  }

  public long entriesRead() {
    return entries;
  }

  public long compressedBytesRead() {
    return compressed.count();
  }

  /** The next item, legacy and version copies alike, or null at the end of the tarball. */
  public ArchiveItem next() throws TransshipException {
    while (true) {
      TarArchiveEntry entry = nextEntry();
      if (entry == null) {
        if (files == 0) {
          // Velero writes metadata/version even into a backup that selected nothing.
          throw new TransshipException(source + ": no files at all: an empty tarball, or gzip data that is not a tar archive");
        }
        return null;
      }
      entries++;
      String name = entry.getName();
      while (name.startsWith("./")) {
        // Velero joins entry names onto its extraction folder, which drops a leading "./" ('tar -C dir .').
        name = name.substring(2);
      }
      if (name.startsWith("/") || name.equals("..") || name.startsWith("../") || name.contains("/../")
          || name.endsWith("/..")) {
        throw new TransshipException(source + ": entry " + quote(name) + " escapes the archive root (Velero aborts such a restore)");
      }
      if (entry.isDirectory()) {
        continue;
      }
      if (entry.isSymbolicLink() || entry.isLink()) {
        warnings.accept(source + ": skipped link entry " + quote(name) + " (Velero ignores links)");
        continue;
      }
      if (!isRegularFile(entry)) {
        warnings.accept(source + ": skipped special entry " + quote(name) + " (Velero ignores it)");
        continue;
      }
      files++;
      if (!seen.add(LongSet.hash(name))) {
        throw new TransshipException(source + ": entry " + quote(name) + " appears twice in the tarball");
      }
      if (entry.getSize() > limits.maxItemBytes()) {
        throw new TransshipException(source + ": entry " + quote(name) + " is " + entry.getSize()
            + " bytes, over the " + limits.maxItemBytes() + "-byte limit for one item");
      }
      if (name.equals(VeleroLayout.VERSION_FILE)) {
        formatVersion = new String(readEntry(name, entry), StandardCharsets.UTF_8).trim();
        continue;
      }
      ItemPath path = VeleroLayout.parseItemEntry(name);
      if (path == null) {
        if (!name.startsWith(VeleroLayout.METADATA_DIR + "/")) {
          warnings.accept(source + ": skipped " + quote(name) + ": not an item path Velero restores");
          if (firstSkipped == null) {
            firstSkipped = name;
          }
        }
        continue;
      }
      checkOnePreferredVersion(name, path);
      byte[] raw = readEntry(name, entry);
      if (!path.isLegacy() && lastLegacy != null && lastLegacy.path().key().equals(path.key()) && Arrays.equals(lastLegacy.raw(), raw)) {
        // The same bytes parse to the same object: share it instead of parsing every item twice.
        return new ArchiveItem(path, raw, lastLegacy.object());
      }
      ObjectNode object = parseItem(name, raw, "secrets".equals(path.key().groupResource()));
      checkIdentity(name, path.key(), object);
      ArchiveItem item = new ArchiveItem(path, raw, object);
      if (path.isLegacy()) {
        lastLegacy = item;
      }
      return item;
    }
  }

  /**
   * Velero's extractor writes out tar.TypeReg entries only (Go reads the old NUL flag as TypeReg);
   * commons-compress's isFile() also says yes to devices and FIFOs, which Velero skips.
   */
  private static boolean isRegularFile(TarArchiveEntry entry) {
    return entry.getLinkFlag() == TarArchiveEntry.LF_NORMAL || entry.getLinkFlag() == TarArchiveEntry.LF_OLDNORM;
  }

  private TarArchiveEntry nextEntry() throws TransshipException {
    try {
      TarArchiveEntry entry = tar.getNextEntry();
      checkBomb(entry == null ? "the end of the tarball" : quote(entry.getName()));
      return entry;
    } catch (EOFException e) {
      throw new TransshipException(source + ": truncated tarball after " + entries + " entries");
    } catch (ZipException e) {
      throw new TransshipException(source + ": corrupt gzip data after " + entries + " entries (" + e.getMessage() + ")");
    } catch (IOException e) {
      throw new TransshipException(source + ": not a valid tar archive after " + entries + " entries (" + e.getMessage() + ")");
    }
  }

  private byte[] readEntry(String name, TarArchiveEntry entry) throws TransshipException {
    try {
      byte[] bytes = tar.readNBytes((int) entry.getSize());
      if (bytes.length != entry.getSize()) {
        throw new TransshipException(source + ": entry " + quote(name) + " is truncated");
      }
      checkBomb(quote(name));
      return bytes;
    } catch (EOFException e) {
      throw new TransshipException(source + ": entry " + quote(name) + " is truncated");
    } catch (IOException e) {
      throw new TransshipException(source + ": entry " + quote(name) + ": cannot read (" + e.getMessage() + ")");
    }
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

  /** @param secret a Secret's parse error names the place only: the parser quotes the text it choked on, a value */
  private ObjectNode parseItem(String name, byte[] raw, boolean secret) throws TransshipException {
    JsonNode node;
    try {
      node = Json.parse(raw);
    } catch (JsonProcessingException e) {
      String why = secret && e.getLocation() != null
          ? "at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + "; details withheld for a Secret"
          : secret ? "details withheld for a Secret" : e.getOriginalMessage();
      throw new TransshipException(source + ": entry " + quote(name) + " is not valid JSON (" + why + ")");
    } catch (IOException e) {
      throw new TransshipException(source + ": entry " + quote(name) + ": cannot read (" + e.getMessage() + ")");
    }
    if (!(node instanceof ObjectNode object)) {
      throw new TransshipException(source + ": entry " + quote(name) + " is not a JSON object");
    }
    if (!object.path("kind").isTextual() || object.path("kind").asText().isEmpty()) {
      throw new TransshipException(source + ": entry " + quote(name) + " has no kind (Velero fails it with \"Object 'Kind' is missing\")");
    }
    if (!object.path("apiVersion").isTextual() || object.path("apiVersion").asText().isEmpty()) {
      throw new TransshipException(source + ": entry " + quote(name) + " has no apiVersion");
    }
    return object;
  }

  /** Quotes an entry name for a message; a hostile 100k-character name is cut to keep the line readable. */
  /** Two preferred versions of one resource leave no answer to which copy Velero restores. */
  private void checkOnePreferredVersion(String name, ItemPath path) throws TransshipException {
    if (!path.isPreferredVersion()) {
      return;
    }
    String first = preferredVersionDirs.putIfAbsent(path.key().groupResource(), path.versionDir());
    if (first != null && !first.equals(path.versionDir())) {
      throw new TransshipException(source + ": entry " + quote(name) + ": " + path.key().groupResource() + " has two preferred versions ("
          + first + " and " + path.versionDir() + ")");
    }
  }

  /**
   * The folder and file name say which object an entry is, and so does its metadata; Velero
   * writes both from the same object, so a disagreement means a forged or broken backup, and
   * lint, convert and Velero's restore would each act on a different object.
   */
  private void checkIdentity(String name, ItemKey key, ObjectNode object) throws TransshipException {
    String where = source + ": entry " + quote(name) + ": ";
    JsonNode metadata = object.get("metadata");
    if (!(metadata instanceof ObjectNode)) {
      throw new TransshipException(where + "metadata is missing or not an object");
    }
    JsonNode objectName = metadata.get("name");
    if (objectName == null || !objectName.isTextual() || !objectName.asText().equals(key.name())) {
      throw new TransshipException(where + "metadata.name " + describe(objectName) + " does not match the file name");
    }
    JsonNode namespace = metadata.get("namespace");
    boolean namespaceAbsent = namespace == null || namespace.isNull() || (namespace.isTextual() && namespace.asText().isEmpty());
    if (key.clusterScoped() ? !namespaceAbsent
        : !namespaceAbsent && !(namespace.isTextual() && namespace.asText().equals(key.namespace()))) {
      throw new TransshipException(where + "metadata.namespace " + describe(namespace) + " does not match the "
          + (key.clusterScoped() ? "cluster-scoped folder" : "namespace folder '" + key.namespace() + "'"));
    }
    for (String field : new String[] {"labels", "annotations"}) {
      JsonNode map = metadata.get(field);
      if (map != null && !map.isNull() && !(map.isObject() && java.util.stream.StreamSupport.stream(map.spliterator(), false)
          .allMatch(JsonNode::isTextual))) {
        throw new TransshipException(where + "metadata." + field + " is not a map of strings");
      }
    }
  }

  private static String describe(JsonNode value) {
    if (value == null || value.isNull()) {
      return "is missing and";
    }
    return value.isTextual() ? quote(value.asText()) : "is not a string and";
  }

  private static String quote(String s) {
    return "'" + (s.length() > MAX_QUOTED ? s.substring(0, MAX_QUOTED) + "...(" + s.length() + " characters)" : s) + "'";
  }

  private static final int MAX_QUOTED = 200;

  @Override
  public void close() throws IOException {
    tar.close();
  }
}
