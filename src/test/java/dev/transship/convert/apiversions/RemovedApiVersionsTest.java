package dev.transship.convert.apiversions;

import static dev.transship.testing.Actions.yaml;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.transship.finding.Finding;
import dev.transship.finding.Severity;
import dev.transship.kube.Json;
import dev.transship.rules.ActionContext;
import dev.transship.rules.ConverterConfig;
import dev.transship.rules.ObjectAction;
import dev.transship.testing.Actions;
import dev.transship.testing.Backups;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The converter on manifests of the removed-API era (src/test/resources/removed-apis/manifests). */
class RemovedApiVersionsTest {
  private static final Path MANIFESTS = Backups.repoRoot().resolve("src/test/resources/removed-apis/manifests");

  static ObjectAction converter(String targetVersion) {
    return RemovedApiVersions.SPEC.create(new ConverterConfig(yaml("{targetVersion: \"" + targetVersion + "\"}")));
  }

  private static final ObjectAction TO_132 = converter("1.32");

  /** The fixture object of that apiVersion, kind and name. */
  static ObjectNode fixture(String apiVersion, String kind, String name) throws Exception {
    for (Path file : Files.list(MANIFESTS).sorted().toList()) {
      for (JsonNode doc : Json.YAML.readValues(Json.YAML.createParser(file.toFile()), JsonNode.class).readAll()) {
        if (doc.path("apiVersion").asText().equals(apiVersion) && doc.path("kind").asText().equals(kind)
            && doc.path("metadata").path("name").asText().equals(name)) {
          return (ObjectNode) doc;
        }
      }
    }
    throw new AssertionError("no fixture " + apiVersion + " " + kind + " " + name);
  }

  private static List<String> messages(ActionContext ctx, Severity severity) {
    List<String> out = new ArrayList<>();
    for (Finding f : ctx.findings()) {
      if (f.severity() == severity) {
        out.add(f.check() + ": " + f.message());
      }
    }
    return out;
  }

  @Test
  void albIngressOfExtensionsBecomesNetworkingV1WithUseAnnotationActions() throws Exception {
    ActionContext ctx = Actions.apply(TO_132, fixture("extensions/v1beta1", "Ingress", "ingress-2048"));
    JsonNode spec = ctx.object().node().path("spec");
    assertEquals("networking.k8s.io/v1", ctx.object().apiVersion());
    assertFalse(spec.has("backend"));
    assertEquals("service-2048", spec.at("/defaultBackend/service/name").asText());
    assertEquals(80, spec.at("/defaultBackend/service/port/number").asInt());
    JsonNode paths = spec.at("/rules/0/http/paths");
    assertEquals("ssl-redirect", paths.at("/0/backend/service/name").asText());
    assertEquals("use-annotation", paths.at("/0/backend/service/port/name").asText());
    assertEquals("http-api", paths.at("/1/backend/service/port/name").asText());
    assertEquals(80, paths.at("/2/backend/service/port/number").asInt());
    for (JsonNode path : paths) {
      assertEquals("ImplementationSpecific", path.path("pathType").asText());
      assertFalse(path.path("backend").has("serviceName") || path.path("backend").has("servicePort"), path.toString());
    }
    // annotations, status and the ALB wiring stay for the ALB converter that runs after
    assertEquals("alb", ctx.object().annotation("kubernetes.io/ingress.class"));
    assertTrue(ctx.object().node().at("/status/loadBalancer/ingress/0/hostname").isTextual());
    // fabric8's typed networking/v1 model reads every field back
    var typed = assertInstanceOf(io.fabric8.kubernetes.api.model.networking.v1.Ingress.class,
        Serialization.unmarshal(ctx.object().node().toString()));
    assertEquals("use-annotation", typed.getSpec().getRules().get(0).getHttp().getPaths().get(0).getBackend().getService().getPort().getName());
    List<String> info = messages(ctx, Severity.INFO);
    assertEquals(1, info.size(), info.toString());
    assertTrue(info.get(0).contains("spec.backend -> spec.defaultBackend") && info.get(0).contains("use-annotation")
        && info.get(0).contains("filed under ingresses.networking.k8s.io"), info.get(0));
  }

  @Test
  void hpaV2beta1MetricsGetTypedTargets() throws Exception {
    ActionContext ctx = Actions.apply(TO_132, fixture("autoscaling/v2beta1", "HorizontalPodAutoscaler", "worker"));
    JsonNode metrics = ctx.object().node().at("/spec/metrics");
    assertEquals("autoscaling/v2", ctx.object().apiVersion());
    assertEquals(Json.YAML.readTree("{name: cpu, target: {type: Utilization, averageUtilization: 70}}"), metrics.at("/0/resource"));
    assertEquals(Json.YAML.readTree("{name: memory, target: {type: AverageValue, averageValue: 512Mi}}"), metrics.at("/1/resource"));
    assertEquals(Json.YAML.readTree("{metric: {name: packets-per-second, selector: {matchLabels: {verb: GET}}}, "
        + "target: {type: AverageValue, averageValue: 1k}}"), metrics.at("/2/pods"));
    assertEquals(Json.YAML.readTree("{describedObject: {apiVersion: extensions/v1beta1, kind: Ingress, name: ingress-2048}, "
        + "metric: {name: requests-per-second}, target: {type: Value, value: 10k}}"), metrics.at("/3/object"));
    assertEquals(Json.YAML.readTree("{metric: {name: sqs-game-events-messages-visible, selector: {matchLabels: {queue: game-events}}}, "
        + "target: {type: AverageValue, averageValue: \"30\"}}"), metrics.at("/4/external"));
    var typed = assertInstanceOf(io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler.class,
        Serialization.unmarshal(ctx.object().node().toString()));
    assertEquals(70, typed.getSpec().getMetrics().get(0).getResource().getTarget().getAverageUtilization());
    assertEquals(List.of(), messages(ctx, Severity.ERROR));
  }

  @Test
  void hpaV2beta2OnlyChangesItsApiVersion() throws Exception {
    ObjectNode before = yaml("""
        apiVersion: autoscaling/v2beta2
        kind: HorizontalPodAutoscaler
        metadata: {name: api, namespace: game-2048}
        spec:
          scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: api-2048}
          minReplicas: 2
          maxReplicas: 10
          metrics:
            - type: Resource
              resource: {name: cpu, target: {type: Utilization, averageUtilization: 60}}
          behavior:
            scaleDown: {stabilizationWindowSeconds: 300, policies: [{type: Percent, value: 50, periodSeconds: 60}]}
        """);
    ActionContext ctx = Actions.apply(TO_132, before);
    ObjectNode expected = before.deepCopy().put("apiVersion", "autoscaling/v2");
    assertEquals(expected, ctx.object().node());
    assertTrue(messages(ctx, Severity.INFO).get(0).contains("(same fields)"));
  }

  @Test
  void pdbConvertsButOneWithAnEmptySelectorIsLeftOut() throws Exception {
    ActionContext zk = Actions.apply(TO_132, fixture("policy/v1beta1", "PodDisruptionBudget", "zk-pdb"));
    assertEquals("policy/v1", zk.object().apiVersion());
    assertEquals("zk", zk.object().node().at("/spec/selector/matchLabels/app").asText());
    ActionContext empty = Actions.apply(TO_132, fixture("policy/v1beta1", "PodDisruptionBudget", "catch-nothing"));
    assertTrue(empty.dropped());
    assertTrue(empty.dropReason().contains("select every pod"), empty.dropReason());
  }

  @Test
  void cronJobMovesToBatchV1Unchanged() throws Exception {
    ObjectNode before = fixture("batch/v1beta1", "CronJob", "leaderboard-report");
    ActionContext ctx = Actions.apply(TO_132, before);
    assertEquals(before.deepCopy().put("apiVersion", "batch/v1"), ctx.object().node());
  }

  @Test
  void aVersionWithoutReplacementIsAnErrorAndTheObjectStays() throws Exception {
    ObjectNode psp = fixture("policy/v1beta1", "PodSecurityPolicy", "eks.privileged");
    ActionContext ctx = Actions.apply(TO_132, psp);
    assertEquals(psp, ctx.object().node());
    List<String> errors = messages(ctx, Severity.ERROR);
    assertEquals(1, errors.size());
    assertTrue(errors.get(0).startsWith("removed-api: PodSecurityPolicy at policy/v1beta1, removed in Kubernetes 1.25"), errors.get(0));
  }

  @Test
  void anUnconvertibleObjectIsAnErrorAndKeptAsItWas() throws Exception {
    ObjectNode hpa = fixture("autoscaling/v2beta1", "HorizontalPodAutoscaler", "worker");
    ((ObjectNode) hpa.at("/spec/metrics/0/resource")).remove("targetAverageUtilization");
    ActionContext ctx = Actions.apply(TO_132, hpa);
    assertEquals(hpa, ctx.object().node());
    List<String> errors = messages(ctx, Severity.ERROR);
    assertTrue(errors.size() == 1 && errors.get(0).contains("spec.metrics[0].resource needs exactly one of"), errors.toString());
  }

  @Test
  void nothingBeforeTheReleaseThatRemovedIt() throws Exception {
    ObjectAction to121 = converter("1.21");
    for (ObjectNode object : List.of(fixture("extensions/v1beta1", "Ingress", "ingress-2048"),
        fixture("batch/v1beta1", "CronJob", "leaderboard-report"), fixture("policy/v1beta1", "PodDisruptionBudget", "catch-nothing"))) {
      ActionContext ctx = Actions.apply(to121, object);
      assertEquals(object, ctx.object().node());
      assertEquals(List.of(), ctx.findings());
      assertFalse(ctx.dropped());
    }
  }

  @Test
  void targetVersionMustBeAKnownRelease() {
    for (String bad : new String[] {"1.3", "2.0", "1.99", "latest"}) {
      assertThrows(IllegalArgumentException.class, () -> converter(bad), bad);
    }
  }

  @Test
  void flowcontrolSharesAreRenamed() throws Exception {
    ActionContext ctx = Actions.apply(TO_132, yaml("""
        apiVersion: flowcontrol.apiserver.k8s.io/v1beta2
        kind: PriorityLevelConfiguration
        metadata: {name: workload-low}
        spec: {type: Limited, limited: {assuredConcurrencyShares: 100, limitResponse: {type: Queue}}}
        """));
    assertEquals("flowcontrol.apiserver.k8s.io/v1", ctx.object().apiVersion());
    assertEquals(100, ctx.object().node().at("/spec/limited/nominalConcurrencyShares").asInt());
    assertFalse(ctx.object().node().at("/spec/limited").has("assuredConcurrencyShares"));
  }

  @Test
  void workloadsGetTheSelectorTheBetaDefaulted() throws Exception {
    ActionContext ctx = Actions.apply(TO_132, yaml("""
        apiVersion: extensions/v1beta1
        kind: Deployment
        metadata: {name: legacy, namespace: game-2048}
        spec:
          replicas: 1
          rollbackTo: {revision: 3}
          template:
            metadata: {labels: {app: legacy}}
            spec: {containers: [{name: app, image: nginx:1.25}]}
        """));
    assertEquals("apps/v1", ctx.object().apiVersion());
    assertEquals("legacy", ctx.object().node().at("/spec/selector/matchLabels/app").asText());
    assertFalse(ctx.object().node().path("spec").has("rollbackTo"));
  }

  /**
   * Every node of each fixture (below apiVersion, kind and metadata) removed or replaced by a value of
   * every JSON type: the converter answers with a conversion, a finding or a drop, never an exception.
   */
  @Test
  void anyShapeIsConvertedOrReportedNeverThrown() throws Exception {
    List<JsonNode> replacements = List.of(Json.MAPPER.getNodeFactory().textNode("x"), Json.MAPPER.getNodeFactory().numberNode(7),
        Json.MAPPER.getNodeFactory().booleanNode(true), Json.MAPPER.createArrayNode().add("x"), Json.MAPPER.createObjectNode().put("x", 1),
        Json.MAPPER.getNodeFactory().nullNode(), com.fasterxml.jackson.databind.node.MissingNode.getInstance());
    int variants = 0;
    for (ObjectNode object : List.of(fixture("extensions/v1beta1", "Ingress", "ingress-2048"),
        fixture("autoscaling/v2beta1", "HorizontalPodAutoscaler", "worker"), fixture("policy/v1beta1", "PodDisruptionBudget", "zk-pdb"),
        fixture("batch/v1beta1", "CronJob", "leaderboard-report"))) {
      for (com.fasterxml.jackson.core.JsonPointer at : pointers(object, com.fasterxml.jackson.core.JsonPointer.empty())) {
        for (JsonNode replacement : replacements) {
          ObjectNode variant = object.deepCopy();
          JsonNode parent = variant.at(at.head());
          String last = at.last().getMatchingProperty();
          if (parent instanceof ObjectNode o) {
            if (replacement.isMissingNode()) {
              o.remove(last);
            } else {
              o.set(last, replacement);
            }
          } else if (parent instanceof com.fasterxml.jackson.databind.node.ArrayNode a) {
            int index = at.last().getMatchingIndex();
            if (replacement.isMissingNode()) {
              a.remove(index);
            } else {
              a.set(index, replacement);
            }
          }
          variants++;
          ActionContext ctx = Actions.apply(TO_132, variant); // throws on an unexpected shape
          boolean converted = !ctx.object().apiVersion().equals(variant.path("apiVersion").asText());
          assertTrue(converted || ctx.dropped() || !ctx.findings().isEmpty(), at + " = " + replacement);
        }
      }
    }
    assertTrue(variants > 500, "only " + variants + " variants");
  }

  private static List<com.fasterxml.jackson.core.JsonPointer> pointers(JsonNode node, com.fasterxml.jackson.core.JsonPointer at) {
    List<com.fasterxml.jackson.core.JsonPointer> out = new ArrayList<>();
    if (node.isObject()) {
      node.fieldNames().forEachRemaining(name -> {
        if (at.matches() && (name.equals("apiVersion") || name.equals("kind") || name.equals("metadata"))) {
          return;
        }
        com.fasterxml.jackson.core.JsonPointer child = at.appendProperty(name);
        out.add(child);
        out.addAll(pointers(node.get(name), child));
      });
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        com.fasterxml.jackson.core.JsonPointer child = at.appendIndex(i);
        out.add(child);
        out.addAll(pointers(node.get(i), child));
      }
    }
    return out;
  }
}
