package dev.transship.finding;

import dev.transship.archive.ItemKey;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.TreeMap;

/**
 * Findings of one run, read back in {@link #ORDER}, in bounded memory however many there are: a
 * backup where every object has a problem must lint like a clean one. Past {@code runSize}
 * findings the buffer is sorted and spilled to a temp file; reading merges the sorted runs.
 * Counts and the set of check ids are kept as findings arrive, so reports can write their headers
 * before the findings.
 */
public final class FindingLog implements AutoCloseable {
  /** Most severe first, then by object (backup-wide first, then kind, resource, namespace and name), check and message. */
  public static final Comparator<Finding> ORDER = FindingLog::compare;

  // Written out rather than chained with Comparator.comparing: lint sorts every finding, mostly in
  // code the JIT has not reached yet, where each chained lambda costs.
  private static int compare(Finding a, Finding b) {
    int c = b.severity().compareTo(a.severity());
    if (c != 0) {
      return c;
    }
    ObjectRef x = a.object();
    ObjectRef y = b.object();
    if (x != y) {
      if (x == null || y == null) {
        return x == null ? -1 : 1;
      }
      c = x.kind().compareTo(y.kind());
      if (c == 0) {
        c = x.key().groupResource().compareTo(y.key().groupResource());
      }
      if (c == 0) {
        c = compareNullsFirst(x.namespace(), y.namespace());
      }
      if (c == 0) {
        c = x.name().compareTo(y.name());
      }
      if (c != 0) {
        return c;
      }
    }
    c = a.check().compareTo(b.check());
    return c != 0 ? c : a.message().compareTo(b.message());
  }

  private static int compareNullsFirst(String a, String b) {
    if (a == null || b == null) {
      return a == null ? (b == null ? 0 : -1) : 1;
    }
    return a.compareTo(b);
  }

  static final int DEFAULT_RUN_SIZE = 5_000;
  private static final int READ_BUFFER = 16 * 1024;

  private final int runSize;
  private final List<Finding> buffer = new ArrayList<>();
  private final List<Path> runs = new ArrayList<>();
  private final Map<Severity, Long> counts = new EnumMap<>(Severity.class);
  /** Check id to the most severe finding it reported. */
  private final Map<String, Severity> checks = new TreeMap<>();
  private boolean sorted = true;

  public FindingLog() {
    this(DEFAULT_RUN_SIZE);
  }

  FindingLog(int runSize) {
    this.runSize = runSize;
    for (Severity s : Severity.values()) {
      counts.put(s, 0L);
    }
  }

  /** Adds a finding; spills a sorted run to a temp file when the buffer is full. */
  public void add(Finding finding) {
    buffer.add(finding);
    sorted = false;
    counts.merge(finding.severity(), 1L, Long::sum);
    checks.merge(finding.check(), finding.severity(), (a, b) -> a.compareTo(b) >= 0 ? a : b);
    if (buffer.size() >= runSize) {
      spill();
    }
  }

  public long size() {
    return counts.values().stream().mapToLong(Long::longValue).sum();
  }

  public long count(Severity severity) {
    return counts.get(severity);
  }

  /** Whether any finding is at {@code threshold} or above. */
  public boolean anyAtLeast(Severity threshold) {
    return counts.entrySet().stream().anyMatch(e -> e.getKey().compareTo(threshold) >= 0 && e.getValue() > 0);
  }

  /** The distinct check ids that reported, sorted. */
  public Set<String> checks() {
    return Collections.unmodifiableSet(checks.keySet());
  }

  /** The most severe finding {@code check} reported, or null if it reported none. */
  public Severity worst(String check) {
    return checks.get(check);
  }

  /** Receives findings in order; may throw what its writer throws. */
  public interface Visitor<E extends Exception> {
    void visit(Finding finding) throws E;
  }

  /** Feeds every finding to {@code visitor} in {@link #ORDER}; may be called more than once. */
  public <E extends Exception> void forEach(Visitor<E> visitor) throws E {
    forEach(Severity.INFO, visitor);
  }

  /**
   * {@link #forEach} for the findings of severity {@code least} or above. The order puts them first,
   * so the rest is never read back: a terminal's summary of errors and warnings skips the info.
   */
  public <E extends Exception> void forEach(Severity least, Visitor<E> visitor) throws E {
    sortBuffer();
    if (runs.isEmpty()) {
      for (Finding f : buffer) {
        if (f.severity().compareTo(least) < 0) {
          return;
        }
        visitor.visit(f);
      }
      return;
    }
    List<RunReader> readers = new ArrayList<>();
    try {
      PriorityQueue<RunReader> heads = new PriorityQueue<>(Comparator.comparing(RunReader::head, ORDER));
      for (Path run : runs) {
        RunReader reader = new RunReader(run);
        readers.add(reader);
        if (reader.advance()) {
          heads.add(reader);
        }
      }
      RunReader memory = new RunReader(buffer);
      if (memory.advance()) {
        heads.add(memory);
      }
      while (!heads.isEmpty()) {
        RunReader next = heads.poll();
        if (next.head().severity().compareTo(least) < 0) {
          return;
        }
        visitor.visit(next.head());
        if (next.advance()) {
          heads.add(next);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read spilled findings: " + e.getMessage(), e);
    } finally {
      readers.forEach(RunReader::close);
    }
  }

  /** All findings as a list: for small logs (tests, short reports) only. */
  public List<Finding> toList() {
    List<Finding> all = new ArrayList<>();
    forEach(all::add);
    return all;
  }

  /** The spilled run files: tests check that close removes them. */
  List<Path> spilledRuns() {
    return List.copyOf(runs);
  }

  /** Deletes the spilled runs; a log is read before it is closed, not after. */
  @Override
  public void close() {
    for (Path run : runs) {
      try {
        Files.deleteIfExists(run);
      } catch (IOException ignored) {
        // a temp file; the OS cleans its temp folder
      }
    }
    runs.clear();
  }

  private void sortBuffer() {
    if (!sorted) {
      buffer.sort(ORDER);
      sorted = true;
    }
  }

  private void spill() {
    sortBuffer();
    try {
      Path run = Files.createTempFile("transship-findings-", ".run");
      run.toFile().deleteOnExit();
      runs.add(run);
      try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(run), 64 * 1024))) {
        for (Finding f : buffer) {
          write(out, f);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot spill findings to the temp folder: " + e.getMessage(), e);
    }
    buffer.clear();
  }

  private static void write(DataOutputStream out, Finding f) throws IOException {
    out.writeByte(f.severity().ordinal());
    writeString(out, f.check());
    writeString(out, f.message());
    writeString(out, f.hint());
    ObjectRef o = f.object();
    out.writeBoolean(o != null);
    if (o != null) {
      writeString(out, o.apiVersion());
      writeString(out, o.kind());
      writeString(out, o.key().groupResource());
      writeString(out, o.key().namespace());
      writeString(out, o.key().name());
    }
  }

  private static Finding read(DataInputStream in) throws IOException {
    int severity = in.read();
    if (severity < 0) {
      return null;
    }
    String check = readString(in);
    String message = readString(in);
    String hint = readString(in);
    ObjectRef object = null;
    if (in.readBoolean()) {
      String apiVersion = readString(in);
      String kind = readString(in);
      object = new ObjectRef(apiVersion, kind, new ItemKey(readString(in), readString(in), readString(in)));
    }
    return new Finding(Severity.values()[severity], check, object, message, hint);
  }

  /** Length-prefixed UTF-8 (writeUTF stops at 64 KiB); -1 for null. */
  private static void writeString(DataOutputStream out, String s) throws IOException {
    if (s == null) {
      out.writeInt(-1);
      return;
    }
    byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
    out.writeInt(bytes.length);
    out.write(bytes);
  }

  private static String readString(DataInputStream in) throws IOException {
    int length = in.readInt();
    if (length < 0) {
      return null;
    }
    byte[] bytes = new byte[length];
    in.readFully(bytes);
    return new String(bytes, StandardCharsets.UTF_8);
  }

  /** A cursor over one sorted run: a spilled file or the in-memory buffer. */
  private static final class RunReader {
    private final DataInputStream file;
    private final Iterator<Finding> memory;
    private Finding head;

    RunReader(Path run) throws IOException {
      this.file = new DataInputStream(new BufferedInputStream(Files.newInputStream(run), READ_BUFFER));
      this.memory = null;
    }

    RunReader(List<Finding> sortedBuffer) {
      this.file = null;
      this.memory = sortedBuffer.iterator();
    }

    Finding head() {
      return head;
    }

    boolean advance() throws IOException {
      if (memory != null) {
        head = memory.hasNext() ? memory.next() : null;
      } else {
        try {
          head = read(file);
        } catch (EOFException e) {
          throw new IOException("spilled findings file is truncated", e);
        }
      }
      return head != null;
    }

    void close() {
      if (file != null) {
        try {
          file.close();
        } catch (IOException ignored) {
          // read-only
        }
      }
    }
  }
}
