package dev.transship.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.transship.kube.Json;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class FieldDiffTest {
  private static JsonNode yaml(String text) throws Exception {
    return Json.YAML.readTree(text);
  }

  /** Each change as "path op before -> after", values compact JSON, absent as "-". */
  private static List<String> rows(String before, String after) throws Exception {
    return FieldDiff.between(yaml(before), yaml(after)).stream()
        .map(c -> c.path() + " " + c.op() + " " + (c.before() == null ? "-" : Json.compact(c.before())) + " -> "
            + (c.after() == null ? "-" : Json.compact(c.after())))
        .collect(Collectors.toList());
  }

  @Test
  void annotationKeysWithDotsAndSlashesAreQuotedNotPointerEscaped() throws Exception {
    List<String> rows = rows("""
        metadata:
          annotations:
            alb.ingress.kubernetes.io/scheme: internet-facing
            keep: "1"
        """, """
        metadata:
          annotations:
            kubernetes.io/ingress.class: gce
            keep: "1"
        """);
    assertEquals(List.of(
        "metadata.annotations[\"alb.ingress.kubernetes.io/scheme\"] removed \"internet-facing\" -> -",
        "metadata.annotations[\"kubernetes.io/ingress.class\"] added - -> \"gce\""), rows);
  }

  @Test
  void removedValuesAreKeptAndReplacedOnesShowBoth() throws Exception {
    List<FieldChange> changes = FieldDiff.between(yaml("spec: {storageClassName: gp2, volumeName: pvc-1}"),
        yaml("spec: {storageClassName: standard-rwo}"));
    assertEquals(2, changes.size());
    assertEquals("spec.storageClassName", changes.get(0).path());
    assertEquals("changed", changes.get(0).op());
    assertEquals("gp2", changes.get(0).before().asText());
    assertEquals("standard-rwo", changes.get(0).after().asText());
    assertEquals("removed", changes.get(1).op());
    assertEquals("pvc-1", changes.get(1).before().asText(), "a removed field shows what it held");
    assertNull(changes.get(1).after());
  }

  @Test
  void aMapThatGoesWholeIsListedKeyByKey() throws Exception {
    // The IRSA annotation was the only one: the converted object has no annotations at all.
    assertEquals(List.of("metadata.annotations[\"eks.amazonaws.com/role-arn\"] removed \"arn:aws:iam::1:role/a\" -> -"),
        rows("metadata: {name: a, annotations: {eks.amazonaws.com/role-arn: 'arn:aws:iam::1:role/a'}}", "metadata: {name: a}"));
    // One level only: a nested map that appears is one value, readable as YAML.
    assertEquals(List.of("spec.affinity.nodeAffinity added - -> {\"x\":{\"y\":1}}"),
        rows("spec: {}", "spec: {affinity: {nodeAffinity: {x: {y: 1}}}}"));
  }

  @Test
  void arraysAreComparedByElementWithIndexedPaths() throws Exception {
    String before = """
        spec:
          rules:
            - http:
                paths:
                  - {path: /, backend: {service: {name: web}}}
                  - {path: /api, backend: {service: {name: api, port: {number: 80}}}}
        """;
    String after = before.replace("name: api, port: {number: 80}", "name: api-v2, port: {number: 8080}");
    assertEquals(List.of(
        "spec.rules[0].http.paths[1].backend.service.name changed \"api\" -> \"api-v2\"",
        "spec.rules[0].http.paths[1].backend.service.port.number changed 80 -> 8080"), rows(before, after));
  }

  @Test
  void anInsertedOrRemovedElementIsOneRowNotAShiftOfEveryOther() throws Exception {
    assertEquals(List.of("metadata.finalizers[1] removed \"ingress.k8s.aws/resources\" -> -"),
        rows("metadata: {finalizers: [a, ingress.k8s.aws/resources, b, c]}", "metadata: {finalizers: [a, b, c]}"));
    assertEquals(List.of("spec.containers[1] added - -> {\"name\":\"sidecar\"}"),
        rows("spec: {containers: [{name: app}, {name: log}]}", "spec: {containers: [{name: app}, {name: sidecar}, {name: log}]}"));
  }

  @Test
  void aTypeChangeIsOneReplacement() throws Exception {
    assertEquals(List.of("spec.ports changed \"80\" -> [80]"), rows("spec: {ports: '80'}", "spec: {ports: [80]}"));
    assertTrue(rows("a: {b: 1}", "a: {b: 1}").isEmpty());
  }

  @Test
  void pathsNameKeysAsWritten() {
    assertEquals("spec", FieldDiff.child("", "spec"));
    assertEquals("metadata.labels.app-name", FieldDiff.child("metadata.labels", "app-name"));
    assertEquals("data[\"config.yaml\"]", FieldDiff.child("data", "config.yaml"));
    assertEquals("data[\"0\"]", FieldDiff.child("data", "0"), "a digit key is not an index");
    assertEquals("a[\"say \\\"hi\\\"\"]", FieldDiff.child("a", "say \"hi\""));
  }
}
