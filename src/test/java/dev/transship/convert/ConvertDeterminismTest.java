package dev.transship.convert;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.transship.archive.ArchiveLimits;
import dev.transship.archive.ArchiveWriter;
import dev.transship.archive.ItemKey;
import dev.transship.kube.Json;
import dev.transship.kube.KubeObject;
import dev.transship.pipeline.ObjectTransformer;
import dev.transship.rules.OnError;
import dev.transship.rules.ParameterValues;
import dev.transship.rules.RuleBook;
import dev.transship.rules.RuleEngine;
import dev.transship.store.BackupAddress;
import dev.transship.store.BackupDestinations;
import dev.transship.store.BackupSources;
import dev.transship.store.StoreClients;
import dev.transship.testing.Backups;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A conversion's tarball is the same bytes whatever the number of threads: items are parsed,
 * serialised and compressed on a pool, but chunk boundaries depend on the items alone and members
 * are written in order. The backup is large enough for many chunks, and mixes items no rule
 * touches (passed through unparsed), items rules change, and items that wait for the index.
 */
class ConvertDeterminismTest {
  private static final Instant WHEN = Instant.parse("2026-11-20T02:00:00Z");
  @TempDir static Path tmp;
  private static Path source;

  @BeforeAll
  static void writeSource() throws Exception {
    Path folder = Files.createDirectories(tmp.resolve("src/backups/big"));
    Random random = new Random(7);
    var tarball = new ByteArrayOutputStream();
    try (var writer = new ArchiveWriter(tarball, WHEN, new ArchiveWriter.Compression(6, 1))) {
      for (int i = 0; i < 1500; i++) {
        String ns = "team-" + (i % 7);
        write(writer, "configmaps", ns, "cm-" + i, "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"cm-" + i
            + "\",\"namespace\":\"" + ns + "\"},\"data\":{\"blob\":\"" + Long.toHexString(random.nextLong()).repeat(1 + random.nextInt(200)) + "\"}}");
        write(writer, "deployments.apps", ns, "web-" + i, "{\"apiVersion\":\"apps/v1\",\"kind\":\"Deployment\",\"metadata\":{\"name\":\"web-" + i
            + "\",\"namespace\":\"" + ns + "\"},\"spec\":{\"template\":{\"spec\":{\"containers\":[{\"name\":\"web\",\"image\":"
            + "\"123456789012.dkr.ecr.us-east-1.amazonaws.com/web:" + i + "\"}]}}}}");
        write(writer, "services", ns, "web-" + i, "{\"apiVersion\":\"v1\",\"kind\":\"Service\",\"metadata\":{\"name\":\"web-" + i
            + "\",\"namespace\":\"" + ns + "\",\"finalizers\":[\"service.k8s.aws/resources\"]},\"spec\":{\"type\":\"ClusterIP\"}}");
      }
    }
    Files.write(folder.resolve("big.tar.gz"), tarball.toByteArray());
    Files.writeString(folder.resolve("velero-backup.json"), "{\"apiVersion\":\"velero.io/v1\",\"kind\":\"Backup\",\"metadata\":"
        + "{\"name\":\"big\",\"namespace\":\"velero\"},\"status\":{\"phase\":\"Completed\"}}");
    source = folder;
  }

  private static void write(ArchiveWriter writer, String resource, String ns, String name, String json) throws Exception {
    writer.writeItem(new ItemKey(resource, ns, name), KubeObject.of(Json.parse(json.getBytes())), json.getBytes());
  }

  @Test
  void theSameBytesWithOneThreadOrFour() throws Exception {
    byte[] one = convert(1, "one");
    byte[] four = convert(4, "four");
    assertArrayEquals(one, four, "the tarball depends on the thread count");
    assertTrue(members(one) > 5, "expected many gzip members, got " + members(one));
  }

  @Test
  void unchangedItemsKeepTheirBytesAndChangedOnesAreRewritten() throws Exception {
    convert(3, "check");
    Map<String, String> before = Backups.items(source.resolve("big.tar.gz"));
    Map<String, String> after = Backups.items(tmp.resolve("out-check/backups/check/check.tar.gz"));
    assertEquals(before.keySet(), after.keySet());
    String cm = "resources/configmaps/namespaces/team-3/cm-10.json";
    assertEquals(before.get(cm), after.get(cm), "a ConfigMap no rule touches is written as stored");
    String deployment = "resources/deployments.apps/namespaces/team-3/web-10.json";
    assertTrue(after.get(deployment).contains("europe-west1-docker.pkg.dev/acme-prod/web:10"), after.get(deployment));
    String service = "resources/services/namespaces/team-3/web-10.json";
    assertTrue(!after.get(service).contains("service.k8s.aws/resources"), "the AWS finalizer is gone: " + after.get(service));
  }

  @Test
  void aCopyWithoutRulesKeepsTheCompressedTarballAndListsItsItems() throws Exception {
    var converter = new BackupConverter(ArchiveLimits.DEFAULT, Clock.fixed(WHEN, ZoneOffset.UTC), BackupConverter.ChangeListener.NONE,
        new ArchiveWriter.Compression(1, 2));
    StoreClients clients = StoreClients.fromEnvironment(null, null);
    Path out = tmp.resolve("out-copy");
    var result = converter.convert(BackupSources.open(BackupAddress.parse(source.toString()), clients), ObjectTransformer.IDENTITY,
        BackupDestinations.open(out.toString(), clients), "copy");
    assertArrayEquals(Files.readAllBytes(source.resolve("big.tar.gz")), Files.readAllBytes(out.resolve("backups/copy/copy.tar.gz")),
        "no rule, so the source's compressed bytes, whatever the compression level asked");
    assertEquals(4500, result.itemsWritten());
    var list = Json.MAPPER.readTree(new java.util.zip.GZIPInputStream(Files.newInputStream(out.resolve("backups/copy/copy-resource-list.json.gz"))));
    assertEquals(1500, list.path("v1/ConfigMap").size(), list.fieldNames().next());
    assertEquals(1500, list.path("apps/v1/Deployment").size());
    result.close();
  }

  private static byte[] convert(int threads, String name) throws Exception {
    RuleBook book = RuleBook.load(List.of(Backups.repoRoot().resolve("rules/eks-to-gke.yaml")), BuiltIns.VOCABULARY);
    ObjectTransformer engine = new RuleEngine(book.bind(ParameterValues.of(List.of(), List.of("gcpProject=acme-prod",
        "registries={\"123456789012.dkr.ecr.us-east-1.amazonaws.com\": \"europe-west1-docker.pkg.dev/acme-prod\"}"))), OnError.FAIL);
    var converter = new BackupConverter(ArchiveLimits.DEFAULT, Clock.fixed(WHEN, ZoneOffset.UTC), BackupConverter.ChangeListener.NONE,
        new ArchiveWriter.Compression(6, threads));
    StoreClients clients = StoreClients.fromEnvironment(null, null);
    Path out = tmp.resolve("out-" + name);
    converter.convert(BackupSources.open(BackupAddress.parse(source.toString()), clients), engine,
        BackupDestinations.open(out.toString(), clients), name);
    return Files.readAllBytes(out.resolve("backups/" + name + "/" + name + ".tar.gz"));
  }

  /** gzip members: each starts with the magic bytes and deflate method. */
  private static int members(byte[] gzip) {
    int count = 0;
    for (int i = 0; i + 3 < gzip.length; i++) {
      if ((gzip[i] & 0xff) == 0x1f && (gzip[i + 1] & 0xff) == 0x8b && gzip[i + 2] == 8 && gzip[i + 3] == 0) {
        count++;
      }
    }
    return count;
  }
}
