package dev.transship.archive;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.transship.kube.Json;
import dev.transship.kube.KubeObject;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.Test;

class ArchiveWriterTest {
  private static final Instant WHEN = Instant.parse("2026-11-20T02:01:37.450Z");

  private static byte[] write(ItemKey key, String json) throws Exception {
    var out = new ByteArrayOutputStream();
    try (var writer = new ArchiveWriter(out, WHEN)) {
      ObjectNode node = (ObjectNode) Json.parse(json.getBytes());
      writer.writeItem(key, new KubeObject(node), json.getBytes());
    }
    return out.toByteArray();
  }

  private static List<TarArchiveEntry> entries(byte[] tarball) throws Exception {
    List<TarArchiveEntry> entries = new ArrayList<>();
    try (var tar = new TarArchiveInputStream(new GZIPInputStream(new ByteArrayInputStream(tarball)))) {
      for (TarArchiveEntry e = tar.getNextEntry(); e != null; e = tar.getNextEntry()) {
        entries.add(e);
      }
    }
    return entries;
  }

  @Test
  void writesVersionFileFirstThenLegacyAndPreferredCopiesAsVeleroDoes() throws Exception {
    String json = "{\"apiVersion\":\"apps/v1\",\"kind\":\"Deployment\",\"metadata\":{\"name\":\"web\",\"namespace\":\"shop\"}}";
    List<TarArchiveEntry> entries = entries(write(new ItemKey("deployments.apps", "shop", "web"), json));

    assertEquals(List.of(
            "metadata/version",
            "resources/deployments.apps/namespaces/shop/web.json",
            "resources/deployments.apps/v1-preferredversion/namespaces/shop/web.json"),
        entries.stream().map(TarArchiveEntry::getName).toList());
    for (TarArchiveEntry e : entries) {
      assertEquals(0755, e.getMode() & 07777, e.getName() + " must have Velero's mode 0755");
      assertTrue(e.isFile(), e.getName() + " must be a regular file");
      assertEquals(WHEN.getEpochSecond(), e.getModTime().toInstant().getEpochSecond());
    }
  }

  @Test
  void writesClusterScopedItemsUnderClusterAndCoreGroupWithoutSuffix() throws Exception {
    String json = "{\"apiVersion\":\"v1\",\"kind\":\"Namespace\",\"metadata\":{\"name\":\"shop\"}}";
    List<String> names = entries(write(new ItemKey("namespaces", null, "shop"), json)).stream().map(TarArchiveEntry::getName).toList();
    assertTrue(names.contains("resources/namespaces/cluster/shop.json"));
    assertTrue(names.contains("resources/namespaces/v1-preferredversion/cluster/shop.json"));
  }

  @Test
  void longPathsSurviveThroughPaxHeaders() throws Exception {
    String longName = "a".repeat(200);
    String json = "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"" + longName + "\",\"namespace\":\"shop\"}}";
    List<String> names = entries(write(new ItemKey("configmaps", "shop", longName), json)).stream().map(TarArchiveEntry::getName).toList();
    assertTrue(names.contains("resources/configmaps/namespaces/shop/" + longName + ".json"), names.toString());
  }

  @Test
  void versionFileHoldsBackupFormatVersion() throws Exception {
    byte[] tarball = write(new ItemKey("configmaps", "a", "b"), "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"b\",\"namespace\":\"a\"}}");
    try (var reader = new ArchiveReader(new ByteArrayInputStream(tarball), "t", ArchiveLimits.DEFAULT, w -> {})) {
      while (reader.next() != null) {
        // drain
      }
      assertEquals("1.1.0", reader.formatVersion());
    }
  }

  @Test
  void resourceListGroupsItemsByGroupVersionKind() throws Exception {
    var out = new ByteArrayOutputStream();
    try (var writer = new ArchiveWriter(out, WHEN)) {
      for (String name : new String[] {"b", "a"}) {
        String json = "{\"apiVersion\":\"apps/v1\",\"kind\":\"Deployment\",\"metadata\":{\"name\":\"" + name + "\",\"namespace\":\"shop\"}}";
        writer.writeItem(new ItemKey("deployments.apps", "shop", name), KubeObject.of(Json.parse(json.getBytes())), json.getBytes());
      }
      writer.finish(); // the list is complete once every chunk is written
      assertEquals("{\"apps/v1/Deployment\":[\"shop/a\",\"shop/b\"]}", new String(writer.resourceList().toJson(), java.nio.charset.StandardCharsets.UTF_8));
      assertEquals(2, writer.itemCount());
      assertFalse(new String(writer.resourceList().toJson(), java.nio.charset.StandardCharsets.UTF_8).contains("v1/Pod"));
    }
  }

  @Test
  void aResourceWhoseObjectsEndAtTwoVersionsKeepsOnePreferredVersion() throws Exception {
    // a conversion moved one HPA to autoscaling/v2 and could not move the other
    var out = new ByteArrayOutputStream();
    String converted = "{\"apiVersion\":\"autoscaling/v2\",\"kind\":\"HorizontalPodAutoscaler\",\"metadata\":{\"name\":\"api\",\"namespace\":\"shop\"}}";
    String kept = "{\"apiVersion\":\"autoscaling/v2beta1\",\"kind\":\"HorizontalPodAutoscaler\",\"metadata\":{\"name\":\"worker\",\"namespace\":\"shop\"}}";
    try (var writer = new ArchiveWriter(out, WHEN, new ArchiveWriter.Compression(6, 2))) {
      writer.writeItem(new ItemKey("horizontalpodautoscalers.autoscaling", "shop", "api"), (ObjectNode) Json.parse(converted.getBytes()));
      ItemKey worker = new ItemKey("horizontalpodautoscalers.autoscaling", "shop", "worker");
      writer.writeUnparsed(new RawItem(ItemPath.legacy(worker), ItemPath.legacy(worker).entryName(), kept.getBytes()), new ItemParser("test"));
    }
    List<String> names = entries(out.toByteArray()).stream().map(TarArchiveEntry::getName).toList();
    assertTrue(names.contains("resources/horizontalpodautoscalers.autoscaling/v2-preferredversion/namespaces/shop/api.json"), names.toString());
    assertTrue(names.contains("resources/horizontalpodautoscalers.autoscaling/v2beta1/namespaces/shop/worker.json"), names.toString());
    assertTrue(names.contains("resources/horizontalpodautoscalers.autoscaling/namespaces/shop/worker.json"), names.toString());
    // the reader, which refuses two preferred versions of one resource, reads it back
    assertEquals(4, dev.transship.testing.Backups.items(out.toByteArray()).size());
  }

  @Test
  void leadingApiVersionIsReadOnlyFromVelerosShape() {
    assertEquals("autoscaling/v2", ItemParser.leadingApiVersion("{\"apiVersion\":\"autoscaling/v2\",\"kind\":\"X\"}".getBytes()));
    assertEquals(null, ItemParser.leadingApiVersion("{\"kind\":\"X\",\"apiVersion\":\"v1\"}".getBytes()));
    assertEquals(null, ItemParser.leadingApiVersion("{\"apiVersion\":\"a\\u002fb\"}".getBytes()));
    assertEquals(null, ItemParser.leadingApiVersion("{\"apiVersion\":\"unterminated".getBytes()));
  }
}
