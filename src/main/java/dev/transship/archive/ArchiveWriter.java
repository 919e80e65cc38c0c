package dev.transship.archive;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.transship.TransshipException;
import dev.transship.kube.Json;
import dev.transship.kube.KubeObject;
import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RunnableFuture;

/**
 * Writes a tarball the way Velero's backup writer does ({@code pkg/backup/backup.go}): gzip over
 * tar, {@code metadata/version} first, regular-file entries with mode 0755 (Velero's extractor
 * gives parent directories the file's mode, so 0644 breaks a non-root restore), PAX headers for
 * long names, and every item twice: the legacy copy restore reads and the preferred-version copy.
 *
 * <p>Entries are gathered into chunks of about a megabyte; each chunk is serialised, tarred and
 * compressed into its own gzip member on a pool thread, and the members are written in order. The
 * chunk boundaries depend only on the entries, never on timing or the thread count, so the same
 * input always gives the same bytes.
 */
public final class ArchiveWriter implements Closeable {
  /** Velero's tar header mode for every entry. */
  static final int ENTRY_MODE = 0755;
  /**
   * A chunk is closed once its known item bytes reach this... Each member starts with an empty
   * compression window, which costs well under 1% at this size.
   */
  static final int CHUNK_BYTES = 256 << 10;
  /** ...or it holds this many entries (a tree's size is known only once serialised). */
  static final int CHUNK_ENTRIES = 128;
  /**
   * What a changed object counts toward a chunk before it is serialised: a typical object's JSON.
   * Parsed trees take several times their JSON in memory, and every chunk in flight outlives young
   * collections; counted as nothing, they made chunks of 128 trees.
   */
  private static final int TREE_BYTES = 4 << 10;

  /**
   * gzip level and the threads compressing; level 6 is Go's default, the level Velero writes. The
   * level means libdeflate's scale where it compresses, zlib's otherwise: libdeflate's 6 is smaller.
   */
  public record Compression(int level, int threads) {
    public static final Compression DEFAULT = new Compression(6, Runtime.getRuntime().availableProcessors());

    /** The deflate implementation this process compresses with ({@link Deflate#best}). */
    public static String engine() {
      return Deflate.best().name();
    }

    public Compression {
      if (level < 1 || level > 9 || threads < 1) {
        throw new IllegalArgumentException("gzip level 1-9 and at least one thread: " + level + ", " + threads);
      }
    }
  }

  /** The tarball, or null when only listing and checking items whose bytes are copied from elsewhere. */
  private final OutputStream out;
  private final long modTimeSeconds;
  private final Compression compression;
  private final ExecutorService pool;
  private final ArrayDeque<RunnableFuture<Member>> inFlight = new ArrayDeque<>();
  /**
   * One tar buffer per encoding thread, kept between members: a chunk of changed objects outgrows
   * any first guess, and growing a fresh buffer for each member was a quarter of all allocation.
   */
  private final ThreadLocal<TarChunk> tarChunks;
  private final ResourceList resourceList = new ResourceList();
  /**
   * The preferred version of each group-resource written: that of its first item. Decided on the
   * calling thread, in write order, so the output does not depend on timing.
   */
  private final java.util.Map<String, String> preferredVersions = new java.util.HashMap<>();
  private List<Pending> chunk = new ArrayList<>();
  private long chunkBytes;
  private long items;
  private boolean closed;

  /** What a chunk holds until a pool thread encodes it. */
  private sealed interface Pending {}

  /**
   * An item whose bytes and identity are known. {@code preferred}, here and below: the preferred
   * version of the item's group-resource, whose directory gets the copies of items at that version.
   */
  private record Known(ItemKey key, String apiVersion, String kind, byte[] json, String preferred) implements Pending {}

  /** An item a rule changed: serialised on the pool. The tree is not touched again once handed over. */
  private record Tree(ItemKey key, ObjectNode object, String preferred) implements Pending {}

  /** An item passed through unparsed: checked on the pool, on the token stream. */
  private record Unparsed(RawItem item, ItemParser parser, String preferred) implements Pending {}

  /** A file written as given. */
  private record File(String entryName, byte[] content) implements Pending {}

  /** One encoded chunk: the gzip member and the items for the resource list. */
  private record Member(byte[] gzip, List<Listed> listed) {}

  /** An item as the resource list names it. */
  private record Listed(String apiVersion, String kind, String namespace, String name) {}

  /** @param modTime the entries' modification time */
  public ArchiveWriter(OutputStream out, Instant modTime, Compression compression) throws IOException {
    this.out = out == null ? null : new BufferedOutputStream(out, 1 << 16);
    this.modTimeSeconds = modTime.getEpochSecond(); // whole seconds, as Go's USTAR writer stores it
    this.tarChunks = ThreadLocal.withInitial(() -> new TarChunk(ENTRY_MODE, modTimeSeconds, 4 * CHUNK_BYTES));
    this.compression = compression;
    this.pool = compression.threads() == 1 ? null : Pools.daemon(compression.threads(), "gzip");
    if (out != null) {
      chunk.add(new File(VeleroLayout.VERSION_FILE, (VeleroLayout.FORMAT_VERSION + "\n").getBytes(StandardCharsets.US_ASCII)));
    }
  }

  /**
   * A writer that writes no tarball: it checks and lists the items it is given, for the resource
   * list and the count, while their tarball is copied as stored.
   */
  public static ArchiveWriter listingOnly(Compression compression) throws IOException {
    return new ArchiveWriter(null, Instant.EPOCH, compression);
  }

  public ArchiveWriter(OutputStream out, Instant modTime) throws IOException {
    this(out, modTime, Compression.DEFAULT);
  }

  /** Writes the legacy copy and the {@code <version>-preferredversion} copy of one object. */
  public void writeItem(ItemKey key, KubeObject object, byte[] json) throws IOException, TransshipException {
    items++;
    add(new Known(key, object.apiVersion(), object.kind(), json, preferred(key, object.apiVersion())), json.length);
  }

  /** {@link #writeItem} for a changed object, serialised off the calling thread; {@code object} must not change after. */
  public void writeItem(ItemKey key, ObjectNode object) throws IOException, TransshipException {
    items++;
    add(new Tree(key, object, preferred(key, object.path("apiVersion").asText())), TREE_BYTES);
  }

  /**
   * {@link #writeItem} for a legacy item no rule could change, written as it was stored; {@code
   * parser} makes the checks every item gets, off the calling thread.
   */
  public void writeUnparsed(RawItem item, ItemParser parser) throws IOException, TransshipException {
    if (!item.path().isLegacy()) {
      throw new IllegalArgumentException("not a legacy item: " + item.path());
    }
    items++;
    String apiVersion = ItemParser.leadingApiVersion(item.raw());
    if (apiVersion == null) {
      apiVersion = parser.check(item).apiVersion(); // not as Velero writes items: parsed here, rarely
    }
    add(new Unparsed(item, parser, preferred(item.path().key(), apiVersion)), item.raw().length);
  }

  /**
   * The preferred version of an item's group-resource: the version of its first item. A resource
   * has one (the reader, and Velero's version choice, know no other); when a conversion moved only
   * some of its objects to a new version (the rest could not be converted, or no rule matched them),
   * the others get a copy under their own version's directory, as Velero writes non-preferred
   * versions, besides the legacy copy restore reads.
   */
  private String preferred(ItemKey key, String apiVersion) {
    return preferredVersions.computeIfAbsent(key.groupResource(), gr -> KubeObject.versionOf(apiVersion));
  }

  /** Writes a non-preferred version copy, as Velero does under {@code EnableAPIGroupVersions}. */
  public void writeVersionCopy(ItemPath path, byte[] json) throws IOException, TransshipException {
    if (path.isLegacy() || path.isPreferredVersion()) {
      throw new IllegalArgumentException("not a non-preferred version path: " + path);
    }
    add(new File(path.entryName(), json), json.length);
  }

  private void add(Pending pending, long bytes) throws IOException, TransshipException {
    if (closed) {
      throw new IllegalStateException("archive already closed");
    }
    chunk.add(pending);
    chunkBytes += bytes;
    if (chunkBytes >= CHUNK_BYTES || chunk.size() >= CHUNK_ENTRIES) {
      submit(false);
    }
  }

  private void submit(boolean last) throws IOException, TransshipException {
    List<Pending> entries = chunk;
    chunk = new ArrayList<>();
    chunkBytes = 0;
    if (pool == null) {
      writeMember(encode(entries, last));
      return;
    }
    while (inFlight.size() >= 2 * compression.threads()) {
      writeMember(Pools.join(inFlight.poll()));
    }
    inFlight.add(Pools.start(pool, () -> encode(entries, last)));
  }

  private Member encode(List<Pending> entries, boolean last) throws TransshipException {
    if (out == null) {
      return listed(entries);
    }
    TarChunk tar = tarChunks.get();
    tar.clear();
    List<Listed> listed = new ArrayList<>();
    for (Pending pending : entries) {
      if (pending instanceof Known k) {
        item(tar, listed, k.key(), k.apiVersion(), k.kind(), k.json(), k.preferred());
      } else if (pending instanceof Tree t) {
        tree(tar, listed, t);
      } else if (pending instanceof Unparsed u) {
        ItemParser.Identity id = u.parser().check(u.item());
        item(tar, listed, u.item().path().key(), id.apiVersion(), id.kind(), u.item().raw(), u.preferred());
      } else if (pending instanceof File f) {
        tar.file(f.entryName(), f.content());
      }
    }
    if (last) {
      tar.end();
    }
    return new Member(GzipMember.compress(tar.array(), tar.size(), compression.level()), listed);
  }

  /** The listing-only encoding: every item checked and listed, nothing tarred or compressed. */
  private static Member listed(List<Pending> entries) throws TransshipException {
    List<Listed> listed = new ArrayList<>();
    for (Pending pending : entries) {
      ItemKey key;
      String apiVersion;
      String kind;
      if (pending instanceof Unparsed u) {
        ItemParser.Identity id = u.parser().check(u.item());
        key = u.item().path().key();
        apiVersion = id.apiVersion();
        kind = id.kind();
      } else if (pending instanceof Known k) {
        key = k.key();
        apiVersion = k.apiVersion();
        kind = k.kind();
      } else if (pending instanceof Tree t) {
        key = t.key();
        apiVersion = t.object().path("apiVersion").asText();
        kind = t.object().path("kind").asText();
      } else {
        continue;
      }
      listed.add(new Listed(apiVersion, kind, key.namespace(), key.name()));
    }
    return new Member(new byte[0], listed);
  }

  private static void item(TarChunk tar, List<Listed> listed, ItemKey key, String apiVersion, String kind, byte[] json,
      String preferred) {
    String version = KubeObject.versionOf(apiVersion);
    tar.file(ItemPath.legacy(key).entryName(), json);
    tar.file(secondEntry(key, version, preferred), json);
    listed.add(new Listed(apiVersion, kind, key.namespace(), key.name()));
  }

  /** A changed object: serialised once, straight into the chunk, and copied for its second entry. */
  private static void tree(TarChunk tar, List<Listed> listed, Tree t) {
    String apiVersion = t.object().path("apiVersion").asText();
    String kind = t.object().path("kind").asText();
    String version = KubeObject.versionOf(apiVersion);
    TarChunk.Span json;
    try {
      json = tar.file(ItemPath.legacy(t.key()).entryName(), out -> Json.MAPPER.writeValue(out, t.object()));
    } catch (IOException e) {
      throw new UncheckedIOException(e); // writes to memory only
    }
    tar.copy(secondEntry(t.key(), version, t.preferred()), json);
    listed.add(new Listed(apiVersion, kind, t.key().namespace(), t.key().name()));
  }

  private static String secondEntry(ItemKey key, String version, String preferred) {
    return (version.equals(preferred) ? ItemPath.preferred(key, version) : ItemPath.otherVersion(key, version)).entryName();
  }

  private void writeMember(Member member) throws IOException {
    if (out != null) {
      out.write(member.gzip());
    }
    for (Listed item : member.listed()) {
      resourceList.add(item.apiVersion(), item.kind(), item.namespace(), item.name());
    }
  }

  public ResourceList resourceList() {
    return resourceList;
  }

  public long itemCount() {
    return items;
  }

  /** Writes what is left, the end of the archive, and closes the stream. */
  public void finish() throws IOException, TransshipException {
    if (closed) {
      return;
    }
    try {
      submit(true);
      while (!inFlight.isEmpty()) {
        writeMember(Pools.join(inFlight.poll()));
      }
      closed = true;
      if (out != null) {
        out.close();
      }
    } finally {
      abandon();
    }
  }

  /** Stops the compressing threads and closes the stream without finishing the archive, e.g. after an error. */
  public void abandon() {
    closed = true;
    if (pool != null) {
      pool.shutdownNow();
    }
    inFlight.clear();
    try {
      if (out != null) {
        out.close();
      }
    } catch (IOException ignored) {
      // the output is discarded anyway
    }
  }

  /** Finishes the archive, see {@link #finish}; an item that fails its checks surfaces as an IOException here. */
  @Override
  public void close() throws IOException {
    try {
      finish();
    } catch (TransshipException e) {
      throw new IOException(e.getMessage(), e);
    }
  }

}
