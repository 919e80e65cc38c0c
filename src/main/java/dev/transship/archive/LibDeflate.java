package dev.transship.archive;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Array;
import java.lang.reflect.Method;
import java.util.Optional;

/**
 * libdeflate's whole-buffer compressor, called through the JDK's foreign function API (final in
 * JDK 22). The code is compiled for Java 17, so the API is reached by reflection, once, into
 * method handles; on an older JDK, or where the library is missing, {@link #load} gives null and
 * zlib is used. Each thread keeps its own compressor per level (libdeflate's are not shared) and
 * its own native buffers, grown as needed and freed by the collector.
 */
final class LibDeflate implements Deflate {
  private static final String[] LIBRARIES = {"libdeflate.so.0", "libdeflate.so", "libdeflate.0.dylib", "libdeflate.dylib"};

  /** (int level) -> compressor */
  private final MethodHandle allocCompressor;
  /** (compressor, in, long inBytes, out, long outAvailable) -> long written, 0 when out is too small */
  private final MethodHandle deflateCompress;
  /** (compressor, long inBytes) -> long worst-case output */
  private final MethodHandle compressBound;
  /** (byte[] src, int srcIndex, segment dst, layout, long dstOffset, int count) */
  private final MethodHandle copyIn;
  /** (segment src, layout, long srcOffset, byte[] dst, int dstIndex, int count) */
  private final MethodHandle copyOut;
  private final Object byteLayout;
  private final Object autoArena;
  private final Method allocate;
  private final Method address;
  private final ThreadLocal<PerThread> perThread = ThreadLocal.withInitial(PerThread::new);

  /** A thread's compressors by level, and its input and output buffers. */
  private final class PerThread {
    final Object[] compressors = new Object[13];
    Object in;
    long inSize;
    Object out;
    long outSize;

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

    Object in(long size) throws ReflectiveOperationException {
      if (inSize < size) {
        inSize = capacity(size);
        in = allocate.invoke(autoArena, inSize);
      }
      return in;
    }

    Object out(long size) throws ReflectiveOperationException {
      if (outSize < size) {
        outSize = capacity(size);
        out = allocate.invoke(autoArena, outSize);
      }
      return out;
    }
  }

  /**
   * A buffer's size: a power of two, so a thread grows it a few times, not at every larger chunk.
   * An outgrown buffer is freed only when the collector finds it, which may be at the end of a run.
   */
  private static long capacity(long size) {
    return Math.max(1L << 19, Long.highestOneBit(size - 1) << 1);
  }

  private LibDeflate(ClassLoader loader, Class<?> symbolLookup, Object library) throws Throwable {
    Class<?> segment = Class.forName("java.lang.foreign.MemorySegment", false, loader);
    Class<?> memoryLayout = Class.forName("java.lang.foreign.MemoryLayout", false, loader);
    Class<?> valueLayout = Class.forName("java.lang.foreign.ValueLayout", false, loader);
    Class<?> descriptor = Class.forName("java.lang.foreign.FunctionDescriptor", false, loader);
    Class<?> linkerClass = Class.forName("java.lang.foreign.Linker", false, loader);
    Class<?> option = Class.forName("java.lang.foreign.Linker$Option", false, loader);
    Class<?> arena = Class.forName("java.lang.foreign.Arena", false, loader);
    Object linker = linkerClass.getMethod("nativeLinker").invoke(null);
    Object pointer = valueLayout.getField("ADDRESS").get(null);
    Object sizeT = valueLayout.getField("JAVA_LONG").get(null); // size_t on the 64-bit platforms the JDK runs on
    Object cInt = valueLayout.getField("JAVA_INT").get(null);
    byteLayout = valueLayout.getField("JAVA_BYTE").get(null);
    Method of = descriptor.getMethod("of", memoryLayout, memoryLayout.arrayType());
    Method downcall = linkerClass.getMethod("downcallHandle", segment, descriptor, option.arrayType());
    Method find = symbolLookup.getMethod("find", String.class);
    Object noOptions = Array.newInstance(option, 0);
    java.util.function.BiFunction<String, Object[], MethodHandle> bind = (symbol, layouts) -> {
      try {
        Object address = ((Optional<?>) find.invoke(library, symbol)).orElseThrow();
        Object args = Array.newInstance(memoryLayout, layouts.length - 1);
        for (int i = 1; i < layouts.length; i++) {
          Array.set(args, i - 1, layouts[i]);
        }
        Object fd = of.invoke(null, layouts[0], args);
        MethodHandle handle = (MethodHandle) downcall.invoke(linker, address, fd, noOptions);
        return handle.asType(MethodType.genericMethodType(handle.type().parameterCount()));
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException(e);
      }
    };
    allocCompressor = bind.apply("libdeflate_alloc_compressor", new Object[] {pointer, cInt});
    deflateCompress = bind.apply("libdeflate_deflate_compress", new Object[] {sizeT, pointer, pointer, sizeT, pointer, sizeT});
    compressBound = bind.apply("libdeflate_deflate_compress_bound", new Object[] {sizeT, pointer, sizeT});
    var lookup = MethodHandles.publicLookup();
    copyIn = lookup.findStatic(segment, "copy", MethodType.methodType(void.class, Object.class, int.class, segment, valueLayout,
        long.class, int.class)).asType(MethodType.genericMethodType(6).changeReturnType(void.class));
    copyOut = lookup.findStatic(segment, "copy", MethodType.methodType(void.class, segment, valueLayout, long.class, Object.class,
        int.class, int.class)).asType(MethodType.genericMethodType(6).changeReturnType(void.class));
    autoArena = arena.getMethod("ofAuto").invoke(null);
    allocate = Class.forName("java.lang.foreign.SegmentAllocator", false, loader).getMethod("allocate", long.class);
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
      Object in = state.in(Math.max(1, length));
      Object out = state.out(bound);
      copyIn.invokeExact((Object) data, (Object) 0, in, byteLayout, (Object) 0L, (Object) length);
      long written = (Long) (Object) deflateCompress.invokeExact(compressor, in, (Object) (long) length, out, (Object) bound);
      if (written == 0) {
        throw new IllegalStateException("libdeflate: output larger than its own bound");
      }
      byte[] result = new byte[(int) written];
      copyOut.invokeExact(out, byteLayout, (Object) 0L, (Object) result, (Object) 0, (Object) (int) written);
      return result;
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
