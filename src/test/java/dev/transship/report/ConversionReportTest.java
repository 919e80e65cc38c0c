package dev.transship.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.transship.archive.ArchiveItem;
import dev.transship.archive.ItemKey;
import dev.transship.archive.ItemPath;
import dev.transship.convert.ConversionResult;
import dev.transship.finding.Finding;
import dev.transship.finding.FindingLog;
import dev.transship.finding.ObjectRef;
import dev.transship.kube.Json;
import dev.transship.pipeline.Emitted;
import dev.transship.pipeline.Outcome;
import dev.transship.testing.ReportPages;
import java.io.StringWriter;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the report keeps of each object: changed fields before and after, redacted, and the findings. */
class ConversionReportTest {
  private static final String PASSWORD = "correct-horse-battery-staple";
  private static final String ENCODED = Base64.getEncoder().encodeToString(PASSWORD.getBytes());

  private static ObjectNode yaml(String text) throws Exception {
    return (ObjectNode) Json.YAML.readTree(text);
  }

  private static ArchiveItem item(ItemKey key, ObjectNode object) {
    return new ArchiveItem(ItemPath.legacy(key), Json.bytes(object), object);
  }

  private final ItemKey secretKey = new ItemKey("secrets", "shop", "db");
  private final ItemKey ingressKey = new ItemKey("ingresses.networking.k8s.io", "shop", "web");

  /** A Secret whose value a rule moved and copied into an annotation, and an Ingress converted with a finding. */
  private ConversionReport collect(FindingLog log) throws Exception {
    ConversionReport report = new ConversionReport();
    ObjectNode secret = yaml("apiVersion: v1\nkind: Secret\nmetadata: {name: db, namespace: shop}\ndata: {password: " + ENCODED + "}\n");
    ObjectNode converted = yaml("apiVersion: v1\nkind: Secret\nmetadata: {name: db, namespace: shop, annotations: {copied: '" + PASSWORD
        + "'}}\ndata: {pass: " + ENCODED + "}\n");
    report.onItem(item(secretKey, secret), new Outcome(true, List.of(Emitted.changed(secretKey, converted)), List.of()));
    ObjectNode ingress = yaml("""
        apiVersion: networking.k8s.io/v1
        kind: Ingress
        metadata: {name: web, namespace: shop, annotations: {alb.ingress.kubernetes.io/scheme: internet-facing}}
        spec: {ingressClassName: alb}
        """);
    ObjectNode gce = yaml("""
        apiVersion: networking.k8s.io/v1
        kind: Ingress
        metadata: {name: web, namespace: shop, annotations: {kubernetes.io/ingress.class: gce}}
        spec: {}
        """);
    Finding finding = Finding.info("alb-class", ObjectRef.of(new dev.transship.kube.KubeObject(ingress), ingressKey), "ALB scheme internet-facing -> gce");
    log.add(finding);
    report.onItem(item(ingressKey, ingress), new Outcome(true, List.of(Emitted.changed(ingressKey, gce)), List.of(finding)));
    return report;
  }

  private static ConversionResult result(FindingLog log) {
    return new ConversionResult("src", "dest", "converted", 2, 2, 2, 0, 0, log, List.of());
  }

  @Test
  void keepsChangedFieldsInOrderAndNoSecretValue() throws Exception {
    try (FindingLog log = new FindingLog(); ConversionReport report = collect(log)) {
      List<ObjectChange> changes = report.changes();
      assertEquals(List.of("Ingress shop/web", "Secret shop/db"), changes.stream().map(c -> c.object().toString()).toList(), "sorted by kind");
      JsonNode secret = report.details(changes.get(1));
      String text = secret.toString();
      assertFalse(text.contains(PASSWORD) || text.contains(ENCODED), text);
      assertTrue(text.contains("data.password") && text.contains("data.pass") && text.contains("metadata.annotations"), text);
      JsonNode ingress = report.details(changes.get(0));
      assertEquals("metadata.annotations[\"alb.ingress.kubernetes.io/scheme\"]", ingress.at("/changes/0/path").asText());
      assertEquals("internet-facing", ingress.at("/changes/0/before").asText());
      assertEquals("alb-class", ingress.at("/findings/0/check").asText());
    }
  }

  @Test
  void jsonReportHasReadableChangesPerObject() throws Exception {
    try (FindingLog log = new FindingLog(); ConversionReport report = collect(log)) {
      StringWriter out = new StringWriter();
      report.writeJson(result(log), out);
      assertFalse(out.toString().contains(PASSWORD) || out.toString().contains(ENCODED));
      JsonNode json = Json.MAPPER.readTree(out.toString());
      JsonNode ingress = json.at("/objects/0");
      assertEquals("Ingress", ingress.path("kind").asText());
      assertEquals("shop", ingress.path("namespace").asText());
      assertEquals("resources/ingresses.networking.k8s.io/namespaces/shop/web.json", ingress.path("path").asText());
      List<String> rows = new java.util.ArrayList<>();
      ingress.path("changes").forEach(c -> rows.add(c.path("path").asText() + " " + c.path("op").asText()));
      assertEquals(List.of("metadata.annotations[\"alb.ingress.kubernetes.io/scheme\"] removed",
          "metadata.annotations[\"kubernetes.io/ingress.class\"] added", "spec.ingressClassName removed"), rows);
      assertEquals("alb", ingress.at("/changes/2/before").asText(), "a removed value is shown, not blank");
      assertEquals(1, json.path("findings").size());
      assertEquals(1, json.at("/summary/findings/info").asInt());
    }
  }

  @Test
  void htmlReportPacksRowsAndLinksFindingsToObjects() throws Exception {
    try (FindingLog log = new FindingLog(); ConversionReport report = collect(log)) {
      StringWriter out = new StringWriter();
      report.writeHtml(result(log), out);
      String html = out.toString();
      String unpacked = unpacked(html);
      assertFalse((html + unpacked).contains(PASSWORD) || (html + unpacked).contains(ENCODED), "no Secret value, packed or not");
      // The finding row links to object 0 (the Ingress); the Ingress lists finding group 0, row 0.
      assertTrue(unpacked.contains("[0,\"Ingress\",\"shop\",\"web\",\"ALB scheme internet-facing -> gce\",\"\"]"), unpacked);
      assertTrue(unpacked.contains("\"f\":[[0,0]]"), unpacked);
      assertTrue(unpacked.contains("[\"spec.ingressClassName\",\"removed\",\"alb\",null]"), unpacked);
      assertTrue(html.contains("data-sev=\"info\" data-check=\"alb-class\" data-n=\"1\""));
      assertTrue(html.contains("data-ns=\"shop\" data-kind=\"Secret\" data-first=\"1\" data-n=\"1\""));
    }
  }

  /** Every packed group of a page, unpacked and joined: what a plain search of the page cannot see. */
  static String unpacked(String html) {
    String rows = ReportPages.unpacked(html);
    assertTrue(!rows.isEmpty(), "the page holds packed groups");
    return rows;
  }

  @Test
  void anObjectMovedToAnotherGroupIsChangedNotDroppedAndGenerated() throws Exception {
    com.fasterxml.jackson.databind.node.ObjectNode before = dev.transship.testing.Actions.yaml(
        "{apiVersion: extensions/v1beta1, kind: Ingress, metadata: {name: web, namespace: shop}, spec: {backend: {serviceName: web, servicePort: 80}}}");
    dev.transship.archive.ItemKey old = new dev.transship.archive.ItemKey("ingresses.extensions", "shop", "web");
    dev.transship.archive.ArchiveItem item = new dev.transship.archive.ItemParser("test").parse(new dev.transship.archive.RawItem(
        dev.transship.archive.ItemPath.legacy(old), "x", dev.transship.kube.Json.bytes(before)));
    com.fasterxml.jackson.databind.node.ObjectNode after = dev.transship.testing.Actions.yaml(
        "{apiVersion: networking.k8s.io/v1, kind: Ingress, metadata: {name: web, namespace: shop}, spec: {defaultBackend: {service: {name: web, port: {number: 80}}}}}");
    dev.transship.archive.ItemKey moved = new dev.transship.archive.ItemKey("ingresses.networking.k8s.io", "shop", "web");
    try (ConversionReport report = new ConversionReport()) {
      report.onItem(item, new dev.transship.pipeline.Outcome(true, java.util.List.of(new dev.transship.pipeline.Emitted(moved, after, null)),
          java.util.List.of()));
      org.junit.jupiter.api.Assertions.assertEquals(java.util.List.of("changed"), report.changes().stream().map(ObjectChange::status).toList());
    }
  }
}
