package dev.transship.archive;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class GzipMemberTest {
  private static Deflate engine(String name) {
    if (name.equals("zlib")) {
      return new Deflate.Zlib();
    }
    Deflate lib = LibDeflate.load();
    assumeTrue(lib != null, "libdeflate is callable only on JDK 22+ with the library installed");
    return lib;
  }

  /** Text like a tarball's (compresses well) and random bytes (does not: the output outgrows a quarter of the input). */
  private static byte[] block(int size, boolean random, long seed) {
    byte[] data = new byte[size];
    Random rnd = new Random(seed);
    if (random) {
      rnd.nextBytes(data);
      return data;
    }
    byte[] line = "{\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"app-".getBytes(StandardCharsets.US_ASCII);
    for (int i = 0; i < size; i++) {
      data[i] = i % 64 < line.length ? line[i % 64] : (byte) ('a' + rnd.nextInt(26));
    }
    return data;
  }

  @ParameterizedTest
  @ValueSource(strings = {"zlib", "libdeflate"})
  void membersConcatenateIntoOneStreamThatReadsBackExactly(String name) throws IOException {
    Deflate deflate = engine(name);
    var whole = new ByteArrayOutputStream();
    var expected = new ByteArrayOutputStream();
    int[] levels = {1, 6, 9, 6};
    for (int i = 0; i < levels.length; i++) {
      byte[] data = block(100_000 + i * 7_919, i == 2, i);
      byte[] member = GzipMember.compress(deflate, data, data.length - 5, levels[i]); // a prefix: length is honoured
      assertArrayEquals(new byte[] {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, (byte) 0xff}, java.util.Arrays.copyOf(member, 10));
      whole.writeBytes(member);
      expected.write(data, 0, data.length - 5);
    }
    try (var in = new GzipCompressorInputStream(new ByteArrayInputStream(whole.toByteArray()), true)) {
      assertArrayEquals(expected.toByteArray(), in.readAllBytes());
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"zlib", "libdeflate"})
  void theSameBlockAlwaysGivesTheSameBytesAndEmptyInputIsAMember(String name) throws IOException {
    Deflate deflate = engine(name);
    byte[] data = block(300_000, false, 42);
    assertArrayEquals(GzipMember.compress(deflate, data, data.length, 6), GzipMember.compress(deflate, data, data.length, 6));
    assertTrue(GzipMember.compress(deflate, data, data.length, 1).length > GzipMember.compress(deflate, data, data.length, 9).length);
    try (var in = new GzipCompressorInputStream(new ByteArrayInputStream(GzipMember.compress(deflate, new byte[0], 0, 6)))) {
      assertEquals(0, in.readAllBytes().length);
    }
  }

  @org.junit.jupiter.api.Test
  void aLargeSideFileIsSeveralMembersThatReadBackAsOne() throws IOException {
    byte[] list = block(3_500_000, false, 7); // a resource list of a few hundred thousand names
    byte[] gz = Gzip.compress(list);
    assertArrayEquals(list, Gzip.decompress(gz), "the JDK's reader, as the side-file readers use it, sees every member");
    byte[] first;
    try (var in = new GzipCompressorInputStream(new ByteArrayInputStream(gz), false)) {
      first = in.readAllBytes();
    }
    assertEquals(1 << 20, first.length, "one member per MiB");
    var inOrder = new java.io.ByteArrayOutputStream();
    for (int from = 0; from < list.length; from += 1 << 20) {
      byte[] slice = java.util.Arrays.copyOfRange(list, from, Math.min(list.length, from + (1 << 20)));
      inOrder.writeBytes(GzipMember.compress(slice, slice.length, 6));
    }
    assertArrayEquals(inOrder.toByteArray(), gz, "members compressed in parallel are joined in order");
  }
}
