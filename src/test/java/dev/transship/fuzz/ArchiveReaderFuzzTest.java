package dev.transship.fuzz;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.transship.TransshipException;
import dev.transship.archive.ArchiveItem;
import dev.transship.archive.ArchiveLimits;
import dev.transship.archive.ArchiveReader;
import dev.transship.archive.Gzip;
import dev.transship.testing.FuzzInputs;
import java.io.ByteArrayInputStream;
import java.io.IOException;

/**
 * The archive reader on sample tarballs with bytes overwritten, cut or spliced in (headers,
 * sizes, names and JSON alike): it must read them or refuse them with a {@link TransshipException},
 * never throw anything else.
 */
class ArchiveReaderFuzzTest {
  /** Small limits, so a fuzzed size field meets them within a short run. */
  private static final ArchiveLimits LIMITS = new ArchiveLimits(1 << 20, 64L << 20, 8L << 20, 200);

  @FuzzTest(maxDuration = "10m")
  void readsOrRefusesMutatedTarballs(FuzzedDataProvider data) throws IOException {
    target(data);
  }

  /** One execution; {@link AllTargetsFuzzTest} calls it too. */
  static void target(FuzzedDataProvider data) throws IOException {
    byte[] tar = FuzzInputs.mutateBytes(data.pickValue(FuzzInputs.SAMPLE_TARS), data);
    try (ArchiveReader reader = new ArchiveReader(new ByteArrayInputStream(Gzip.compress(tar)), "fuzz.tar.gz", LIMITS, w -> {})) {
      for (ArchiveItem item = reader.next(); item != null; item = reader.next()) {
        item.kube();
      }
    } catch (TransshipException expected) {
      // a clear refusal is a good answer
    }
  }
}
