package dev.transship.archive;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.transship.TransshipException;
import dev.transship.testing.TarBuilder;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The hostile-archive suite: every way a tarball can be wrong gets one clear error or a Velero-like skip. */
class ArchiveReaderTest {
  private final List<String> warnings = new ArrayList<>();

  private List<ArchiveItem> readAll(byte[] tarball, ArchiveLimits limits) throws TransshipException {
    List<ArchiveItem> items = new ArrayList<>();
    try (var reader = new ArchiveReader(new ByteArrayInputStream(tarball), "backup.tar.gz", limits, warnings::add)) {
      for (ArchiveItem item = reader.next(); item != null; item = reader.next()) {
        items.add(item);
      }
    } catch (java.io.IOException e) {
      throw new AssertionError(e);
    }
    return items;
  }

  private List<ArchiveItem> readAll(byte[] tarball) throws TransshipException {
    return readAll(tarball, ArchiveLimits.DEFAULT);
  }

  private String failure(byte[] tarball) {
    return assertThrows(TransshipException.class, () -> readAll(tarball)).getMessage();
  }

  private static final String WEB = TarBuilder.item("apps/v1", "Deployment", "shop", "web");

  @Test
  void readsLegacyPreferredAndOtherVersionCopies() throws Exception {
    byte[] tarball = new TarBuilder()
        .file("metadata/version", "1.1.0\n")
        .file("resources/deployments.apps/namespaces/shop/web.json", WEB)
        .file("resources/deployments.apps/v1-preferredversion/namespaces/shop/web.json", WEB)
        .file("resources/horizontalpodautoscalers.autoscaling/v2beta2/namespaces/shop/web.json",
            TarBuilder.item("autoscaling/v2beta2", "HorizontalPodAutoscaler", "shop", "web"))
        .file("resources/namespaces/cluster/shop.json", TarBuilder.item("v1", "Namespace", null, "shop"))
        .build();
    List<ArchiveItem> items = readAll(tarball);
    assertEquals(4, items.size());
    assertTrue(items.get(0).path().isLegacy());
    assertEquals(new ItemKey("deployments.apps", "shop", "web"), items.get(0).path().key());
    assertTrue(items.get(1).path().isPreferredVersion());
    assertEquals("v2beta2", items.get(2).path().versionDir());
    assertNull(items.get(3).path().key().namespace());
    assertTrue(warnings.isEmpty(), warnings.toString());
  }

  @Test
  void rejectsTruncatedGzip() {
    byte[] good = new TarBuilder().file("resources/pods/namespaces/a/p.json", TarBuilder.item("v1", "Pod", "a", "p")).build();
    String message = failure(Arrays.copyOf(good, good.length / 2));
    assertTrue(message.startsWith("backup.tar.gz: "), message);
    assertTrue(message.contains("truncated"), message);
  }

  @Test
  void rejectsFileThatIsNotGzip() {
    String message = failure("just some text, not a backup".getBytes());
    assertEquals("backup.tar.gz: not a gzip file (Input is not in the .gz format.)", message);
  }

  @Test
  void rejectsGzipThatIsNotTar() {
    byte[] gz = Gzip.compress("x".repeat(2000).getBytes());
    assertTrue(failure(gz).contains("not a valid tar archive"), failure(gz));
  }

  @Test
  void rejectsPathsThatEscapeTheArchive() {
    assertTrue(failure(new TarBuilder().file("../etc/passwd", "x").build()).contains("'../etc/passwd' escapes the archive root"));
    assertTrue(failure(new TarBuilder().file("/resources/pods/cluster/p.json", "x").build()).contains("escapes the archive root"));
    assertTrue(failure(new TarBuilder().file("resources/pods/../../x.json", "x").build()).contains("escapes the archive root"));
  }

  @Test
  void skipsLinksWithAWarningAsVeleroDoes() throws Exception {
    byte[] tarball = new TarBuilder()
        .symlink("resources/pods/namespaces/a/evil.json", "/etc/passwd")
        .hardlink("resources/pods/namespaces/a/hard.json", "resources/pods/namespaces/a/p.json")
        .file("resources/pods/namespaces/a/p.json", TarBuilder.item("v1", "Pod", "a", "p"))
        .build();
    List<ArchiveItem> items = readAll(tarball);
    assertEquals(1, items.size());
    assertEquals(2, warnings.size(), warnings.toString());
    assertTrue(warnings.get(0).contains("skipped link entry 'resources/pods/namespaces/a/evil.json'"));
  }

  @Test
  void rejectsItemsThatAreNotJsonOrLackKindOrApiVersion() {
    String notJson = failure(new TarBuilder().file("resources/pods/namespaces/a/p.json", "{nope").build());
    assertTrue(notJson.contains("'resources/pods/namespaces/a/p.json' is not valid JSON"), notJson);
    String noKind = failure(new TarBuilder().file("resources/pods/namespaces/a/p.json", "{\"apiVersion\":\"v1\"}").build());
    assertTrue(noKind.contains("has no kind"), noKind);
    String noVersion = failure(new TarBuilder().file("resources/pods/namespaces/a/p.json", "{\"kind\":\"Pod\"}").build());
    assertTrue(noVersion.contains("has no apiVersion"), noVersion);
    String array = failure(new TarBuilder().file("resources/pods/namespaces/a/p.json", "[1,2]").build());
    assertTrue(array.contains("is not a JSON object"), array);
  }

  @Test
  void rejectsDuplicateEntries() {
    String item = TarBuilder.item("v1", "Pod", "a", "p");
    String message = failure(new TarBuilder()
        .file("resources/pods/namespaces/a/p.json", item)
        .file("resources/pods/namespaces/a/p.json", item)
        .build());
    assertEquals("backup.tar.gz: entry 'resources/pods/namespaces/a/p.json' appears twice in the tarball", message);
  }

  @Test
  void rejectsItemsOverTheSizeLimit() {
    byte[] tarball = new TarBuilder().file("resources/pods/namespaces/a/p.json", "{\"pad\":\"" + "x".repeat(5000) + "\"}").build();
    var limits = new ArchiveLimits(1000, Long.MAX_VALUE, Long.MAX_VALUE, Long.MAX_VALUE);
    String message = assertThrows(TransshipException.class, () -> readAll(tarball, limits)).getMessage();
    assertTrue(message.contains("over the 1000-byte limit for one item"), message);
  }

  @Test
  void rejectsDecompressionBombs() {
    // 4 MB of zeros compress to a few KB: far beyond what JSON items ever reach.
    byte[] tarball = new TarBuilder().file("resources/configmaps/namespaces/a/c.json", new byte[4 << 20]).build();
    var limits = new ArchiveLimits(8 << 20, Long.MAX_VALUE, 1 << 20, 100);
    String message = assertThrows(TransshipException.class, () -> readAll(tarball, limits)).getMessage();
    assertTrue(message.contains("looks like a decompression bomb"), message);
  }

  @Test
  void skipsFilesOutsideTheItemLayoutWithAWarning() throws Exception {
    byte[] tarball = new TarBuilder()
        .file("resources/stray.json", "{}")
        .file("resources/pods/namespaces/a/deep/p.json", "{}")
        .file("resources/pods/namespaces/a/p.yaml", "{}")
        .file("metadata/extra", "x")
        .build();
    assertTrue(readAll(tarball).isEmpty());
    assertEquals(3, warnings.size(), warnings.toString());
  }

  @Test
  void parsesIntegersAsIntegersAndKeepsDecimalText() throws Exception {
    byte[] tarball = new TarBuilder()
        .file("resources/configmaps/namespaces/a/c.json",
            "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"c\",\"namespace\":\"a\"},\"n\":9007199254740993,\"f\":0.10}")
        .build();
    ArchiveItem item = readAll(tarball).get(0);
    assertTrue(item.object().get("n").isIntegralNumber());
    assertEquals("9007199254740993", item.object().get("n").asText());
    assertEquals("0.10", item.object().get("f").decimalValue().toPlainString());
  }

  @Test
  void readsEntriesWithALeadingDotSlashAsVeleroDoes() throws Exception {
    // 'tar -C dir .' writes "./resources/..."; Velero joins names onto its folder, which drops the "./".
    byte[] tarball = new TarBuilder()
        .file("./metadata/version", "1.1.0")
        .file("./resources/deployments.apps/namespaces/shop/web.json", WEB)
        .build();
    List<ArchiveItem> items = readAll(tarball);
    assertEquals(1, items.size());
    assertEquals(new ItemKey("deployments.apps", "shop", "web"), items.get(0).path().key());
    assertEquals(List.of(), warnings);
  }

  @Test
  void aSecretThatIsNotJsonIsReportedWithoutItsText() {
    String secret = "{\"apiVersion\":\"v1\",\"kind\":\"Secret\",\"data\":{\"password\": c2VjcmV0LXZhbHVl}}";
    String message = failure(new TarBuilder().file("resources/secrets/namespaces/a/db.json", secret).build());
    assertTrue(message.contains("resources/secrets/namespaces/a/db.json' is not valid JSON (at line 1"), message);
    assertFalse(message.contains("c2VjcmV0"), message);
    String other = failure(new TarBuilder().file("resources/configmaps/namespaces/a/c.json", secret.replace("Secret", "ConfigMap")).build());
    assertTrue(other.contains("c2VjcmV0"), "other items keep the parser's detail: " + other);
  }
}
