package dev.transship.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.transship.archive.ArchiveItem;
import dev.transship.archive.ItemKey;
import dev.transship.archive.ItemParser;
import dev.transship.archive.ItemPath;
import dev.transship.archive.RawItem;
import dev.transship.kube.Json;
import dev.transship.pipeline.Emitted;
import dev.transship.pipeline.Outcome;
import dev.transship.testing.Actions;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConversionReportTest {
  @Test
  void anObjectMovedToAnotherGroupIsChangedNotDroppedAndGenerated() throws Exception {
    ObjectNode before = Actions.yaml("""
        apiVersion: extensions/v1beta1
        kind: Ingress
        metadata: {name: web, namespace: shop}
        spec: {backend: {serviceName: web, servicePort: 80}}
        """);
    ItemKey old = new ItemKey("ingresses.extensions", "shop", "web");
    ArchiveItem item = new ItemParser("test").parse(new RawItem(ItemPath.legacy(old), "x", Json.bytes(before)));
    ObjectNode after = Actions.yaml("""
        apiVersion: networking.k8s.io/v1
        kind: Ingress
        metadata: {name: web, namespace: shop}
        spec: {defaultBackend: {service: {name: web, port: {number: 80}}}}
        """);
    ItemKey moved = new ItemKey("ingresses.networking.k8s.io", "shop", "web");
    Outcome outcome = new Outcome(true, List.of(new Emitted(moved, after, null)), List.of());

    ConversionReport report = new ConversionReport();
    report.onItem(item, outcome);

    assertEquals(List.of("changed"), report.changes().stream().map(ObjectChange::status).toList());
  }
}
