package dev.transship.archive;

import java.util.Arrays;
import java.util.zip.Deflater;

/**
 * Raw deflate of one whole block, the one step a convert cannot skip: every byte of the new
 * tarball is compressed again. libdeflate, where the system has it (Debian and Ubuntu ship it as a
 * dependency of libtiff) and the JDK can call it ({@link LibDeflate}), compresses at level 6 about
 * 1.5 times as fast as zlib, and smaller; otherwise the JDK's zlib. Both give valid deflate data,
 * but not the same bytes: one machine's output is deterministic, two machines' need not agree.
 */
interface Deflate {
  /** {@code data[0, length)} as raw deflate data, in one call. */
  byte[] compress(byte[] data, int length, int level);

  /** What the tool's version line and the benchmark name as the compressor. */
  String name();

  /** The engine of this process: libdeflate unless {@code -Dtransship.deflate=zlib} or it cannot load. */
  static Deflate best() {
    return Chosen.ENGINE;
  }

  /** Chosen once per process, so every chunk of every run is compressed alike. */
  final class Chosen {
    static final Deflate ENGINE = choose();

    private Chosen() {}

    private static Deflate choose() {
      if ("zlib".equals(System.getProperty("transship.deflate"))) {
        return new Zlib();
      }
      Deflate lib = LibDeflate.load();
      return lib != null ? lib : new Zlib();
    }
  }

  /** The JDK's zlib: one raw-deflate Deflater per thread and level, reset instead of reallocated. */
  final class Zlib implements Deflate {
    private static final ThreadLocal<Deflater[]> DEFLATERS = ThreadLocal.withInitial(() -> new Deflater[10]);

    @Override
    public byte[] compress(byte[] data, int length, int level) {
      Deflater[] byLevel = DEFLATERS.get();
      if (byLevel[level] == null) {
        byLevel[level] = new Deflater(level, true);
      }
      Deflater deflater = byLevel[level];
      deflater.setInput(data, 0, length);
      deflater.finish();
      byte[] out = new byte[Math.max(64, length / 4)];
      int size = 0;
      while (!deflater.finished()) {
        if (size == out.length) {
          out = Arrays.copyOf(out, out.length * 2);
        }
        size += deflater.deflate(out, size, out.length - size);
      }
      deflater.reset();
      return size == out.length ? out : Arrays.copyOf(out, size);
    }

    @Override
    public String name() {
      return "zlib";
    }
  }
}
