package dev.transship.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.transship.TransshipException;
import dev.transship.archive.ArchiveItem;
import dev.transship.archive.ArchiveLimits;
import dev.transship.archive.ItemKey;
import dev.transship.archive.RawItem;
import dev.transship.convert.BackupConverter;
import dev.transship.convert.BuiltIns;
import dev.transship.convert.ConversionResult;
import dev.transship.finding.Finding;
import dev.transship.finding.ObjectRef;
import dev.transship.kube.Json;
import dev.transship.kube.KubeObject;
import dev.transship.pipeline.Emitted;
import dev.transship.pipeline.ObjectTransformer;
import dev.transship.pipeline.Outcome;
import dev.transship.rules.OnError;
import dev.transship.rules.ParameterValues;
import dev.transship.rules.RuleBook;
import dev.transship.rules.RuleEngine;
import dev.transship.store.BackupAddress;
import dev.transship.store.BackupDestinations;
import dev.transship.store.BackupSources;
import dev.transship.store.StoreClients;
import dev.transship.testing.Backups;
import dev.transship.testing.ReportPages;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.stream.Collectors;
import java.util.Set;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A whole conversion of the EKS sample into its report: an object the transformer adds in its finish
 * step is listed as generated like those generated mid-run, a dropped object shows what it was, and
 * neither shows a Secret value, in the JSON or (unpacked) in the HTML.
 */
class ReportOfConversionTest {
  /** The value of the Secret minted at the end, also quoted in one of its annotations. */
  private static final String MINTED = "cnry-minted-3f9a1c0e7d5b";
  /** The data of payments/stripe-key in the sample, which the extra pack drops. */
  private static final List<String> STRIPE = List.of("c2tfbGl2ZV9mYWtlX2tleV9mb3JfdGVzdHNfb25seQ==", "sk_live_fake_key_for_tests_only",
      "d2hzZWNfZmFrZV93ZWJob29rX3NlY3JldF9mb3JfdGVzdHM=", "whsec_fake_webhook_secret_for_tests");
  private static final ItemKey MINTED_KEY = new ItemKey("secrets", "shop", "minted-pull");
  private static final ItemKey NOTE_KEY = new ItemKey("configmaps", "shop", "web-note");

  @TempDir static Path tmp;
  private static JsonNode json;
  private static String jsonText;
  private static String html;

  @BeforeAll
  static void convertTheSample() throws Exception {
    Path root = Backups.repoRoot();
    Path dropSecret = Files.writeString(tmp.resolve("drop-secret.yaml"), """
        apiVersion: transship.dev/v1alpha1
        kind: RuleSet
        metadata: {name: drop-secret}
        rules:
          - name: drop-stripe-key
            match: {resources: [secrets], names: stripe-key}
            actions: [{drop: {reason: the target reads it from Secret Manager}}]
        """);
    RuleBook book = RuleBook.load(List.of(root.resolve("rules/eks-to-gke.yaml"), dropSecret), BuiltIns.VOCABULARY);
    ObjectTransformer rules = new RuleEngine(book.bind(ParameterValues.of(List.of(root.resolve("sample-backups/eks-shop/values-gke.yaml")),
        List.of())), OnError.FAIL);
    StoreClients clients = StoreClients.fromEnvironment(null, null);
    try (ConversionReport report = new ConversionReport()) {
      var converter = new BackupConverter(ArchiveLimits.DEFAULT, Clock.fixed(Instant.parse("2026-11-20T02:00:00Z"), ZoneOffset.UTC), report);
      try (ConversionResult result = converter.convert(BackupSources.open(BackupAddress.parse(Backups.eksSample().toString()), clients),
          new MintsAtTheEnd(rules), BackupDestinations.open(tmp.resolve("out").toString(), clients), "c")) {
        StringWriter out = new StringWriter();
        report.writeJson(result, out);
        jsonText = out.toString();
        json = Json.MAPPER.readTree(jsonText);
        out = new StringWriter();
        report.writeHtml(result, out);
        html = ReportPages.readable(out.toString());
      }
    }
  }

  private static JsonNode object(String name) {
    return StreamSupport.stream(json.path("objects").spliterator(), false).filter(o -> o.path("object").asText().equals(name))
        .findFirst().orElse(null);
  }

  @Test
  void anObjectGeneratedAtTheEndIsListedAsGenerated() {
    JsonNode minted = object("Secret shop/minted-pull");
    assertNotNull(minted, "the object finish() generated is in the report");
    assertEquals("generated", minted.path("status").asText());
    assertEquals("resources/secrets/namespaces/shop/minted-pull.json", minted.path("path").asText());
    assertEquals("kubernetes.io/dockerconfigjson", minted.at("/content/type").asText(), "its content as written");
    assertTrue(minted.at("/content/data/.dockerconfigjson").asText().startsWith("(redacted, "), minted.toString());
    assertEquals("(redacted)", minted.at("/content/metadata/annotations/copied").asText(), "a quoted value is scrubbed");
    assertEquals("pull-secret-minted", minted.at("/findings/0/check").asText(), "the finding that names it goes with it");
    // a mid-run generated object is the same kind of entry
    JsonNode midRun = object("ManagedCertificate shop/web-cert");
    assertEquals("generated", midRun.path("status").asText());
    for (JsonNode generated : List.of(midRun, minted)) {
      assertTrue(generated.has("content") && generated.path("changes").isArray() && generated.path("changes").isEmpty(), generated.toString());
    }
    long generated = StreamSupport.stream(json.path("objects").spliterator(), false).filter(o -> o.path("status").asText().equals("generated"))
        .count();
    assertEquals(json.at("/summary/generated").asLong(), generated, "every generated object the summary counts is listed");
  }

  @Test
  void aFindingAboutAGeneratedObjectIsListedWithThatObject() {
    List<JsonNode> objects = StreamSupport.stream(json.path("objects").spliterator(), false).toList();
    Set<String> generated = objects.stream().filter(o -> o.path("status").asText().equals("generated")).map(o -> o.path("object").asText())
        .collect(Collectors.toSet());
    int placed = 0;
    for (JsonNode o : objects) {
      for (JsonNode f : o.path("findings")) {
        if (generated.contains(f.path("object").asText())) {
          assertEquals(f.path("object").asText(), o.path("object").asText(), "as the HTML links it: " + f);
          placed++;
        }
      }
    }
    assertEquals(2, placed, "the stand-in's two generated objects with a finding of their own, at the end and mid-run");
    assertEquals("note-generated", object("ConfigMap shop/web-note").at("/findings/0/check").asText());
    assertTrue(StreamSupport.stream(object("Service shop/web").path("findings").spliterator(), false)
        .noneMatch(f -> f.path("check").asText().equals("note-generated")), "not under the item it came from");
  }

  @Test
  void aDroppedObjectShowsWhatItWas() {
    JsonNode storageClass = object("StorageClass gp3");
    assertEquals("dropped", storageClass.path("status").asText());
    assertEquals("ebs.csi.aws.com", storageClass.at("/content/provisioner").asText(), storageClass.toString());
    assertEquals("gp3", storageClass.at("/content/parameters/type").asText());
    assertTrue(storageClass.at("/content/metadata/name").isTextual() && storageClass.at("/content/metadata/managedFields").isMissingNode(),
        "the source's managedFields (the sample has them) are bookkeeping, not content: left out");
    assertEquals("storage-class-dropped", storageClass.at("/findings/0/check").asText());
    assertTrue(storageClass.path("changes").isArray() && storageClass.path("changes").isEmpty(), "still there for .changes[]");
    JsonNode secret = object("Secret payments/stripe-key");
    assertEquals("dropped", secret.path("status").asText());
    assertEquals("Opaque", secret.at("/content/type").asText(), secret.toString());
    assertTrue(secret.at("/content/data/api-key").asText().startsWith("(redacted, "), secret.toString());
    assertEquals("object-dropped", secret.at("/findings/0/check").asText());
  }

  @Test
  void theHtmlShowsBothContents() {
    assertTrue(row("minted-pull").startsWith("\"n\":\"minted-pull\",\"s\":\"generated\""), row("minted-pull"));
    assertTrue(row("minted-pull").contains("\"y\":"), "with its content: " + row("minted-pull"));
    assertTrue(row("stripe-key").contains("\"s\":\"dropped\"") && row("stripe-key").contains("api-key: \\\"(redacted, 44 chars)"), row("stripe-key"));
    assertTrue(row("gp3").contains("\"s\":\"dropped\"") && row("gp3").contains("provisioner: ebs.csi.aws.com"), row("gp3"));
  }

  /** An object's packed row in the page, up to the next object's. */
  private static String row(String name) {
    int at = html.indexOf("\"n\":\"" + name + "\"");
    assertTrue(at >= 0, name + " has no row");
    int end = html.indexOf("\"n\":\"", at + 1);
    return html.substring(at, end < 0 ? html.length() : end);
  }

  @Test
  void noSecretValueOfADroppedOrAMintedSecret() {
    List<String> values = new ArrayList<>(STRIPE);
    values.add(MINTED);
    values.add(b64(MINTED));
    values.add(b64(dockerConfig()));
    for (String value : values) {
      assertFalse(jsonText.contains(value), "JSON report holds " + value);
      assertFalse(html.contains(value), "HTML report holds " + value);
    }
  }

  private static String b64(String s) {
    return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
  }

  private static String dockerConfig() {
    return "{\"auths\":{\"123456789012.dkr.ecr.us-east-1.amazonaws.com\":{\"auth\":\"" + b64("AWS:" + MINTED) + "\"}}}";
  }

  /**
   * The sample's rules, then at the end a pull secret of no single item with a finding naming it, as
   * a converter minting objects in {@link ObjectTransformer#finish} would.
   */
  private static final class MintsAtTheEnd implements ObjectTransformer {
    private final ObjectTransformer inner;

    MintsAtTheEnd(ObjectTransformer inner) {
      this.inner = inner;
    }

    @Override
    public boolean needsIndex() {
      return inner.needsIndex();
    }

    @Override
    public boolean indexes(RawItem item) {
      return inner.indexes(item);
    }

    @Override
    public void index(ArchiveItem item) throws TransshipException {
      inner.index(item);
    }

    @Override
    public boolean readsIndex(RawItem item) {
      return inner.readsIndex(item);
    }

    @Override
    public boolean mayChange(RawItem item) {
      return inner.mayChange(item);
    }

    /** Beside the Service shop/web, a ConfigMap with a finding of its own: how a mid-run generated object's finding is placed. */
    @Override
    public Outcome transform(ArchiveItem item) throws TransshipException {
      Outcome outcome = inner.transform(item);
      if (!item.path().key().equals(new ItemKey("services", "shop", "web"))) {
        return outcome;
      }
      ObjectNode note = Json.object().put("apiVersion", "v1").put("kind", "ConfigMap");
      note.putObject("metadata").put("name", "web-note").put("namespace", "shop");
      List<Emitted> objects = new ArrayList<>(outcome.objects());
      objects.add(Emitted.changed(NOTE_KEY, note));
      List<Finding> findings = new ArrayList<>(outcome.findings());
      findings.add(Finding.info("note-generated", ObjectRef.of(new KubeObject(note), NOTE_KEY), "a note for the web Service"));
      return new Outcome(outcome.changed(), objects, findings);
    }

    @Override
    public Outcome finish() throws TransshipException {
      Outcome rest = inner.finish();
      ObjectNode secret = Json.object().put("apiVersion", "v1").put("kind", "Secret").put("type", "kubernetes.io/dockerconfigjson");
      secret.putObject("metadata").put("name", "minted-pull").put("namespace", "shop").putObject("annotations").put("copied", MINTED);
      secret.putObject("data").put(".dockerconfigjson", b64(dockerConfig())).put("token", b64(MINTED));
      List<Emitted> objects = new ArrayList<>(rest.objects());
      objects.add(Emitted.changed(MINTED_KEY, secret));
      List<Finding> findings = new ArrayList<>(rest.findings());
      findings.add(Finding.info("pull-secret-minted", ObjectRef.of(new KubeObject(secret), MINTED_KEY), "minted for the target registry"));
      return new Outcome(rest.changed(), objects, findings);
    }
  }
}
