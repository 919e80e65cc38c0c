package dev.transship.testing;

import dev.transship.archive.ArchiveItem;
import dev.transship.archive.ArchiveLimits;
import dev.transship.archive.ArchiveReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Reads tarballs into maps for assertions, and finds the bundled samples. */
public final class Backups {
  private Backups() {}

  /** Every item of a tarball: entry name to parsed JSON text (normalized). */
  public static Map<String, String> items(Path tarball) {
    try (InputStream in = Files.newInputStream(tarball)) {
      return items(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static Map<String, String> items(byte[] tarball) {
    return items(new ByteArrayInputStream(tarball));
  }

  private static Map<String, String> items(InputStream in) {
    Map<String, String> out = new TreeMap<>();
    List<String> warnings = new ArrayList<>();
    try (ArchiveReader reader = new ArchiveReader(in, "test", ArchiveLimits.DEFAULT, warnings::add)) {
      for (ArchiveItem item = reader.next(); item != null; item = reader.next()) {
        out.put(item.path().entryName(), item.object().toString());
      }
    } catch (Exception e) {
      throw new AssertionError(e);
    }
    return out;
  }

  /** The repository root, found from the working directory Maven runs tests in. */
  public static Path repoRoot() {
    Path dir = Path.of("").toAbsolutePath();
    while (dir != null && !Files.exists(dir.resolve("pom.xml"))) {
      dir = dir.getParent();
    }
    return dir;
  }

  /** shared/ beside the repository, as CI lays it out. */
  public static Path shared() {
    return repoRoot().getParent().resolve("shared");
  }

  public static final String EKS_SAMPLE = "eks-shop-nightly-20261120";
  public static final String GKE_SAMPLE = "gke-store-nightly-20261120";

  public static Path eksSample() {
    return repoRoot().resolve("sample-backups/eks-shop/backups/" + EKS_SAMPLE);
  }

  public static Path gkeSample() {
    return repoRoot().resolve("sample-backups/gke-store/backups/" + GKE_SAMPLE);
  }
}
