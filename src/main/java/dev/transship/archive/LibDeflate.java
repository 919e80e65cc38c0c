package dev.transship.archive;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Array;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.Optional;

/**
 * libdeflate's whole-buffer compressor, called through the JDK's foreign function API (final in
 * JDK 22). The code is compiled for Java 17, so the API is reached by reflection, once, into
 * method handles; on an older JDK, or where the library is missing, {@link #load} gives null and
 * zlib is used. Each thread keeps its own compressor per level (libdeflate's are not shared) and
 * its own output buffer; the call reads and writes the Java arrays in place.
 */
final class LibDeflate implements Deflate {
  private static final String[] LIBRARIES = {"libdeflate.so.0", "libdeflate.so", "libdeflate.0.dylib", "libdeflate.dylib"};

  /** (int level) -> compressor */
  private final MethodHandle allocCompressor;
  /** (compressor, in, long inBytes, out, long outAvailable) -> long written, 0 when out is too small */
  private final MethodHandle deflateCompress;
  /** (compressor, long inBytes) -> long worst-case output */
  private final MethodHandle compressBound;
  /** (byte[]) -> a segment over the array, which the compress call reads and writes in place */
  private final MethodHandle ofArray;
  private final Method address;
  private final ThreadLocal<PerThread> perThread = ThreadLocal.withInitial(PerThread::new);

  /** A thread's compressors by level, and its output buffer. */
  private final class PerThread {
    final Object[] compressors = new Object[13];
    byte[] out = new byte[0];

    Object compressor(int level) throws Throwable {
      if (compressors[level] == null) {
        Object c = allocCompressor.invokeExact((Object) level);
        if ((long) address.invoke(c) == 0) {
          throw new OutOfMemoryError("libdeflate could not allocate a compressor");
        }
        compressors[level] = c;
      }
      return compressors[level];
    }

    /** An output buffer of at least {@code size} bytes: a power of two, so a thread grows it a few times. */
    byte[] out(long size) {
      if (out.length < size) {
        out = new byte[(int) Math.max(1L << 19, Long.highestOneBit(size - 1) << 1)];
      }
      return out;
    }
  }

  private LibDeflate(ClassLoader loader, Class<?> symbolLookup, Object library) throws Throwable {
    Class<?> segment = Class.forName("java.lang.foreign.MemorySegment", false, loader);
    Class<?> memoryLayout = Class.forName("java.lang.foreign.MemoryLayout", false, loader);
    Class<?> valueLayout = Class.forName("java.lang.foreign.ValueLayout", false, loader);
    Class<?> descriptor = Class.forName("java.lang.foreign.FunctionDescriptor", false, loader);
    Class<?> linkerClass = Class.forName("java.lang.foreign.Linker", false, loader);
    Class<?> option = Class.forName("java.lang.foreign.Linker$Option", false, loader);
    Object linker = linkerClass.getMethod("nativeLinker").invoke(null);
    Object pointer = valueLayout.getField("ADDRESS").get(null);
    Object sizeT = valueLayout.getField("JAVA_LONG").get(null); // size_t on the 64-bit platforms the JDK runs on
    Object cInt = valueLayout.getField("JAVA_INT").get(null);
    Method of = descriptor.getMethod("of", memoryLayout, memoryLayout.arrayType());
    Method downcall = linkerClass.getMethod("downcallHandle", segment, descriptor, option.arrayType());
    Method find = symbolLookup.getMethod("find", String.class);
    Object noOptions = Array.newInstance(option, 0);
    // A critical call may be given heap arrays: no copy into native buffers and back, and no native
    // memory held between chunks. The collector waits for it, a few milliseconds per chunk.
    Object heapAccess = Array.newInstance(option, 1);
    Array.set(heapAccess, 0, option.getMethod("critical", boolean.class).invoke(null, true));
    interface Binder {
      MethodHandle bind(String symbol, Object options, Object... layouts) throws ReflectiveOperationException;
    }
    Binder binder = (symbol, options, layouts) -> {
      Object address = ((Optional<?>) find.invoke(library, symbol)).orElseThrow();
      Object args = Array.newInstance(memoryLayout, layouts.length - 1);
      for (int i = 1; i < layouts.length; i++) {
        Array.set(args, i - 1, layouts[i]);
      }
      Object fd = of.invoke(null, layouts[0], args);
      MethodHandle handle = (MethodHandle) downcall.invoke(linker, address, fd, options);
      return handle.asType(MethodType.genericMethodType(handle.type().parameterCount()));
    };
    allocCompressor = binder.bind("libdeflate_alloc_compressor", noOptions, pointer, cInt);
    deflateCompress = binder.bind("libdeflate_deflate_compress", heapAccess, sizeT, pointer, pointer, sizeT, pointer, sizeT);
    compressBound = binder.bind("libdeflate_deflate_compress_bound", noOptions, sizeT, pointer, sizeT);
    ofArray = MethodHandles.publicLookup().findStatic(segment, "ofArray", MethodType.methodType(segment, byte[].class))
        .asType(MethodType.methodType(Object.class, byte[].class));
    address = segment.getMethod("address");
  }

  /** libdeflate if this JDK can call it and the system has it; null otherwise. */
  static Deflate load() {
    if (Runtime.version().feature() < 22) {
      return null;
    }
    try {
      ClassLoader loader = ClassLoader.getSystemClassLoader();
      Class<?> lookupClass = Class.forName("java.lang.foreign.SymbolLookup", false, loader);
      Class<?> arena = Class.forName("java.lang.foreign.Arena", false, loader);
      Object global = arena.getMethod("global").invoke(null);
      Method libraryLookup = lookupClass.getMethod("libraryLookup", String.class, arena);
      for (String name : LIBRARIES) {
        Object library;
        try {
          library = libraryLookup.invoke(null, name, global);
        } catch (java.lang.reflect.InvocationTargetException notThere) {
          continue; // IllegalArgumentException: no such library
        }
        LibDeflate lib = new LibDeflate(loader, lookupClass, library);
        lib.compress(new byte[] {1, 2, 3}, 3, 6); // fail here, once, rather than on the first chunk
        return lib;
      }
      return null;
    } catch (Throwable e) {
      return null; // an older or restricted JDK, a library without these symbols: zlib it is
    }
  }

  @Override
  public byte[] compress(byte[] data, int length, int level) {
    try {
      PerThread state = perThread.get();
      Object compressor = state.compressor(level);
      long bound = (Long) (Object) compressBound.invokeExact(compressor, (Object) (long) length);
      byte[] out = state.out(bound);
      long written = (Long) (Object) deflateCompress.invokeExact(compressor, (Object) ofArray.invokeExact(data), (Object) (long) length,
          (Object) ofArray.invokeExact(out), (Object) (long) out.length);
      if (written == 0) {
        throw new IllegalStateException("libdeflate: output larger than its own bound");
      }
      return Arrays.copyOf(out, (int) written);
    } catch (RuntimeException | Error e) {
      throw e;
    } catch (Throwable e) {
      throw new IllegalStateException("libdeflate: " + e, e);
    }
  }

  @Override
  public String name() {
    return "libdeflate";
  }
}
