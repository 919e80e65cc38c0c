package dev.transship.convert.scheduling;

import static dev.transship.testing.Actions.yaml;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.transship.finding.Finding;
import dev.transship.finding.Severity;
import dev.transship.kube.KubeObject;
import dev.transship.rules.ActionContext;
import dev.transship.rules.ConverterConfig;
import dev.transship.rules.ObjectAction;
import dev.transship.rules.UnmatchedValues;
import dev.transship.testing.Actions;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class AwsNodeSchedulingTest {
  private static ObjectAction converter(String with) {
    return AwsNodeScheduling.SPEC.create(new ConverterConfig(yaml(with)));
  }

  private static List<Finding> findings(ActionContext ctx, String check) {
    return ctx.findings().stream().filter(f -> f.check().equals(check)).toList();
  }

  private static JsonNode podSpec(ActionContext ctx) {
    return ctx.object().node().at("/spec/template/spec");
  }

  /** A Karpenter-era Deployment: spot nodes of one NodePool, a family and CPU floor, two zones, a spot preference. */
  private static final ObjectNode KARPENTER_WORKER = yaml("""
      apiVersion: apps/v1
      kind: Deployment
      metadata: {name: queue-worker, namespace: jobs}
      spec:
        replicas: 6
        selector: {matchLabels: {app: queue-worker}}
        template:
          metadata: {labels: {app: queue-worker}}
          spec:
            nodeSelector:
              karpenter.sh/capacity-type: spot
              karpenter.sh/nodepool: general-purpose
              kubernetes.io/arch: amd64
            affinity:
              nodeAffinity:
                requiredDuringSchedulingIgnoredDuringExecution:
                  nodeSelectorTerms:
                  - matchExpressions:
                    - {key: karpenter.k8s.aws/instance-family, operator: In, values: [m6i, m7i]}
                    - {key: karpenter.k8s.aws/instance-cpu, operator: Gt, values: ["3"]}
                    - {key: topology.kubernetes.io/zone, operator: In, values: [us-east-1a, us-east-1b]}
                    - {key: karpenter.sh/capacity-type, operator: NotIn, values: [reserved]}
                preferredDuringSchedulingIgnoredDuringExecution:
                - weight: 50
                  preference:
                    matchExpressions:
                    - {key: karpenter.k8s.aws/instance-generation, operator: Gt, values: ["6"]}
            tolerations:
            - {key: karpenter.sh/disrupted, operator: Exists, effect: NoSchedule}
            - {key: workload, operator: Equal, value: batch, effect: NoSchedule}
            topologySpreadConstraints:
            - {maxSkew: 1, topologyKey: topology.k8s.aws/zone-id, whenUnsatisfiable: DoNotSchedule, labelSelector: {matchLabels: {app: queue-worker}}}
            containers:
            - {name: worker, image: ghcr.io/acme/worker:2.3.1, resources: {requests: {cpu: "2", memory: 4Gi}}}
      """);

  @Test
  void karpenterSelectorsAreMappedOrRemovedAndEveryChangeIsReported() throws Exception {
    ObjectAction action = converter("""
        nodeLabels: {"karpenter.sh/capacity-type=spot": "cloud.google.com/gke-spot=true"}
        zones: {us-east-1a: us-east4-a, us-east-1b: us-east4-b}
        """);
    ActionContext ctx = Actions.apply(action, KARPENTER_WORKER);
    JsonNode spec = podSpec(ctx);

    assertEquals(yaml("{cloud.google.com/gke-spot: \"true\", kubernetes.io/arch: amd64}"), spec.path("nodeSelector"));
    JsonNode expressions = spec.at("/affinity/nodeAffinity/requiredDuringSchedulingIgnoredDuringExecution/nodeSelectorTerms/0/matchExpressions");
    assertEquals(expressionsOf("""
        [{key: topology.kubernetes.io/zone, operator: In, values: [us-east4-a, us-east4-b]},
         {key: karpenter.sh/capacity-type, operator: NotIn, values: [reserved]}]
        """), expressions, "the zone pin is mapped, the AWS-only family and CPU floor go, NotIn stays");
    assertFalse(spec.at("/affinity/nodeAffinity").has("preferredDuringSchedulingIgnoredDuringExecution"), "its only preference was AWS-only");
    assertEquals(2, spec.path("tolerations").size());
    assertEquals("workload", spec.at("/tolerations/0/key").asText());
    assertEquals(SPOT_TOLERATION, spec.at("/tolerations/1"), "the nodeSelector now asks for Spot nodes");
    assertEquals("topology.kubernetes.io/zone", spec.at("/topologySpreadConstraints/0/topologyKey").asText());

    List<String> removed = findings(ctx, "scheduling-label-removed").stream().map(Finding::message).toList();
    assertEquals(3, removed.size(), removed.toString());
    assertTrue(removed.stream().anyMatch(m -> m.contains("nodeSelector: removed karpenter.sh/nodepool=general-purpose")), removed.toString());
    assertTrue(removed.stream().anyMatch(m -> m.contains("karpenter.k8s.aws/instance-cpu Gt [3]")), removed.toString());
    assertTrue(findings(ctx, "scheduling-label-removed").stream().allMatch(f -> f.severity() == Severity.WARNING));
    assertEquals(2, findings(ctx, "scheduling-label-mapped").size(), "nodeSelector and zone: " + ctx.findings());
    assertEquals(1, findings(ctx, "scheduling-preference-removed").size());
    assertEquals(1, findings(ctx, "scheduling-toleration-removed").size());
    assertEquals(1, findings(ctx, "scheduling-topology-key-mapped").size());
    assertTrue(ctx.findings().stream().noneMatch(f -> f.message().contains("reserved")), "NotIn is harmless and not flagged");
  }

  private static final JsonNode SPOT_TOLERATION = yaml("{key: cloud.google.com/gke-spot, operator: Equal, value: \"true\", effect: NoSchedule}");
  private static final String SPOT_MAP = """
      nodeLabels: {"karpenter.sh/capacity-type=spot": "cloud.google.com/gke-spot=true", "eks.amazonaws.com/capacityType=SPOT": "cloud.google.com/gke-spot=true"}
      """;

  /** Spot capacity on EKS in each place a pod spec sits: managed node groups' label, Karpenter's, by selector and by affinity. */
  @Test
  void podsSentToGkeSpotNodesTolerateTheSpotTaintWhereverTheirSpecSits() throws Exception {
    String selector = "nodeSelector: {eks.amazonaws.com/capacityType: SPOT}";
    String affinity = "affinity: {nodeAffinity: {requiredDuringSchedulingIgnoredDuringExecution: {nodeSelectorTerms: "
        + "[{matchExpressions: [{key: karpenter.sh/capacity-type, operator: In, values: [spot]}]}]}}}";
    List<String> kinds = List.of(
        "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: w, namespace: a}\nspec:\n  template:\n    spec:\n      %s\n      containers: [{name: c, image: nginx}]",
        "apiVersion: apps/v1\nkind: StatefulSet\nmetadata: {name: w, namespace: a}\nspec:\n  template:\n    spec:\n      %s\n      containers: [{name: c, image: nginx}]",
        "apiVersion: apps/v1\nkind: DaemonSet\nmetadata: {name: w, namespace: a}\nspec:\n  template:\n    spec:\n      %s\n      containers: [{name: c, image: nginx}]",
        "apiVersion: batch/v1\nkind: Job\nmetadata: {name: w, namespace: a}\nspec:\n  template:\n    spec:\n      %s\n      restartPolicy: Never\n      containers: [{name: c, image: nginx}]",
        "apiVersion: batch/v1\nkind: CronJob\nmetadata: {name: w, namespace: a}\nspec:\n  schedule: '0 * * * *'\n  jobTemplate:\n    spec:\n      template:\n        spec:\n          %s\n          restartPolicy: Never\n          containers: [{name: c, image: nginx}]",
        "apiVersion: v1\nkind: Pod\nmetadata: {name: w, namespace: a}\nspec:\n  %s\n  containers: [{name: c, image: nginx}]",
        "apiVersion: v1\nkind: PodTemplate\nmetadata: {name: w, namespace: a}\ntemplate:\n  spec:\n    %s\n    containers: [{name: c, image: nginx}]");
    for (String kind : kinds) {
      for (String placement : List.of(selector, affinity)) {
        ActionContext ctx = Actions.apply(converter(SPOT_MAP), yaml(kind.formatted(placement)));
        KubeObject object = ctx.object();
        JsonNode spec = dev.transship.kube.PodTemplates.podSpec(object);
        assertEquals(List.of(SPOT_TOLERATION), list(spec.path("tolerations")), object.kind() + " " + placement);
        List<Finding> added = findings(ctx, "scheduling-spot-toleration-added");
        assertEquals(1, added.size(), object.kind() + ": " + ctx.findings());
        assertEquals(Severity.INFO, added.get(0).severity());
        assertTrue(added.get(0).message().contains("added cloud.google.com/gke-spot=true:NoSchedule"), added.get(0).message());

        ActionContext again = Actions.apply(converter(SPOT_MAP), (ObjectNode) object.node());
        assertEquals(List.of(SPOT_TOLERATION), list(dev.transship.kube.PodTemplates.podSpec(again.object()).path("tolerations")), "idempotent");
        assertTrue(again.findings().isEmpty(), again.findings().toString());
      }
    }
  }

  @Test
  void anEquivalentTolerationIsKeptAndNothingIsAddedWhereNoRewriteAsksForSpot() throws Exception {
    String pod = """
        apiVersion: v1
        kind: Pod
        metadata: {name: w, namespace: a}
        spec:
          %s
          tolerations: %s
          containers: [{name: c, image: nginx}]
        """;
    String spot = "nodeSelector: {karpenter.sh/capacity-type: spot}";
    for (String already : List.of("[{key: cloud.google.com/gke-spot, operator: Exists}]",
        "[{key: cloud.google.com/gke-spot, value: \"true\", effect: NoSchedule}]", "[{operator: Exists}]",
        "[{key: karpenter.sh/capacity-type, operator: Equal, value: spot, effect: NoSchedule}]")) {
      ActionContext ctx = Actions.apply(converter(SPOT_MAP), yaml(pod.formatted(spot, already)));
      assertTrue(findings(ctx, "scheduling-spot-toleration-added").isEmpty(), already + ": " + ctx.findings());
      assertEquals(1, ctx.object().node().path("spec").path("tolerations").size(), already);
    }
    ActionContext wrongEffect = Actions.apply(converter(SPOT_MAP),
        yaml(pod.formatted(spot, "[{key: cloud.google.com/gke-spot, operator: Exists, effect: NoExecute}]")));
    assertEquals(2, wrongEffect.object().node().path("spec").path("tolerations").size(), "NoExecute does not tolerate NoSchedule");

    for (String placement : List.of("nodeSelector: {karpenter.sh/capacity-type: on-demand}", "nodeSelector: {cloud.google.com/gke-spot: \"true\"}",
        "affinity: {nodeAffinity: {preferredDuringSchedulingIgnoredDuringExecution: [{weight: 10, preference: {matchExpressions: "
            + "[{key: karpenter.sh/capacity-type, operator: In, values: [spot]}]}}]}}",
        "affinity: {nodeAffinity: {requiredDuringSchedulingIgnoredDuringExecution: {nodeSelectorTerms: "
            + "[{matchExpressions: [{key: karpenter.sh/capacity-type, operator: NotIn, values: [spot]}]}]}}}")) {
      ActionContext ctx = Actions.apply(converter(SPOT_MAP), yaml(pod.formatted(placement, "[]")));
      assertTrue(findings(ctx, "scheduling-spot-toleration-added").isEmpty(), placement + ": " + ctx.findings());
      assertFalse(ctx.object().node().path("spec").path("tolerations").toString().contains("gke-spot"), placement);
    }
    ActionContext odd = Actions.apply(converter(SPOT_MAP), yaml(pod.formatted(spot, "{key: cloud.google.com/gke-spot}")));
    assertEquals(yaml("{key: cloud.google.com/gke-spot}"), odd.object().node().path("spec").path("tolerations"),
        "tolerations that are not a list are left as they are, not replaced");
    ActionContext unmapped = Actions.apply(converter("{}"), yaml(pod.formatted(spot, "[]")));
    assertTrue(findings(unmapped, "scheduling-spot-toleration-added").isEmpty(), "Spot removed, not mapped: " + unmapped.findings());
  }

  private static List<JsonNode> list(JsonNode array) {
    List<JsonNode> out = new java.util.ArrayList<>();
    array.forEach(out::add);
    return out;
  }

  private static JsonNode expressionsOf(String yamlList) {
    return yaml("{list: " + yamlList + "}").path("list");
  }

  @Test
  void aRequiredTermLeftEmptyRemovesTheRequirementBecauseAnyNodeThenSatisfiesIt() throws Exception {
    ObjectNode deployment = yaml("""
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: api, namespace: shop}
        spec:
          template:
            spec:
              affinity:
                nodeAffinity:
                  requiredDuringSchedulingIgnoredDuringExecution:
                    nodeSelectorTerms:
                    - matchExpressions:
                      - {key: eks.amazonaws.com/nodegroup, operator: In, values: [ng-general-2026]}
                    - matchExpressions:
                      - {key: kubernetes.io/arch, operator: In, values: [arm64]}
                podAntiAffinity:
                  requiredDuringSchedulingIgnoredDuringExecution:
                  - {topologyKey: kubernetes.io/hostname, labelSelector: {matchLabels: {app: api}}}
              containers: [{name: api, image: nginx}]
        """);
    ActionContext ctx = Actions.apply(converter("{}"), deployment);
    JsonNode affinity = podSpec(ctx).path("affinity");
    assertFalse(affinity.has("nodeAffinity"), "terms are alternatives: one that admits every node makes the requirement moot");
    assertEquals("kubernetes.io/hostname", affinity.at("/podAntiAffinity/requiredDuringSchedulingIgnoredDuringExecution/0/topologyKey").asText());
    assertEquals(1, findings(ctx, "scheduling-affinity-removed").size());
    assertEquals(1, findings(ctx, "scheduling-label-removed").size());

    ObjectNode onlyAws = deployment.deepCopy();
    ((ObjectNode) onlyAws.at("/spec/template/spec/affinity")).remove("podAntiAffinity");
    ((com.fasterxml.jackson.databind.node.ArrayNode) onlyAws.at("/spec/template/spec/affinity/nodeAffinity/requiredDuringSchedulingIgnoredDuringExecution/nodeSelectorTerms")).remove(1);
    assertFalse(podSpec(Actions.apply(converter("{}"), onlyAws)).has("affinity"), "no empty affinity left behind");
  }

  @Test
  void aTermWithAPortableRequirementLeftKeepsIt() throws Exception {
    ObjectNode deployment = yaml("""
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: api, namespace: shop}
        spec:
          template:
            spec:
              affinity:
                nodeAffinity:
                  requiredDuringSchedulingIgnoredDuringExecution:
                    nodeSelectorTerms:
                    - matchExpressions:
                      - {key: eks.amazonaws.com/capacityType, operator: In, values: [ON_DEMAND]}
                      - {key: kubernetes.io/arch, operator: In, values: [arm64]}
              containers: [{name: api, image: nginx}]
        """);
    ActionContext ctx = Actions.apply(converter("{}"), deployment);
    assertEquals(expressionsOf("[{key: kubernetes.io/arch, operator: In, values: [arm64]}]"),
        podSpec(ctx).at("/affinity/nodeAffinity/requiredDuringSchedulingIgnoredDuringExecution/nodeSelectorTerms/0/matchExpressions"));
    assertTrue(findings(ctx, "scheduling-affinity-removed").isEmpty());
  }

  @Test
  void managedNodeGroupSelectorsFollowTheNodeLabelMapKeepingTheValue() throws Exception {
    ObjectNode cronJob = yaml("""
        apiVersion: batch/v1
        kind: CronJob
        metadata: {name: ledger-close, namespace: payments}
        spec:
          schedule: "0 1 * * *"
          jobTemplate:
            spec:
              template:
                spec:
                  restartPolicy: OnFailure
                  nodeSelector: {eks.amazonaws.com/nodegroup: batch-ng, eks.amazonaws.com/capacityType: ON_DEMAND}
                  tolerations:
                  - {key: eks.amazonaws.com/nodegroup, operator: Equal, value: batch-ng, effect: NoSchedule}
                  containers: [{name: close, image: busybox}]
        """);
    ActionContext ctx = Actions.apply(converter("nodeLabels: {eks.amazonaws.com/nodegroup: cloud.google.com/gke-nodepool}"), cronJob);
    JsonNode spec = ctx.object().node().at("/spec/jobTemplate/spec/template/spec");
    assertEquals(yaml("{cloud.google.com/gke-nodepool: batch-ng}"), spec.path("nodeSelector"));
    assertEquals(yaml("{key: cloud.google.com/gke-nodepool, operator: Equal, value: batch-ng, effect: NoSchedule}"), spec.at("/tolerations/0"));
    Finding removed = findings(ctx, "scheduling-label-removed").get(0);
    assertTrue(removed.message().contains("eks.amazonaws.com/capacityType=ON_DEMAND"), removed.message());
    assertTrue(removed.hint().contains("nodeLabels"), removed.hint());
  }

  @Test
  void notInAndDoesNotExistOnAwsLabelsStayUnflagged() throws Exception {
    ObjectNode daemonSet = yaml("""
        apiVersion: apps/v1
        kind: DaemonSet
        metadata: {name: node-exporter, namespace: monitoring}
        spec:
          template:
            spec:
              affinity:
                nodeAffinity:
                  requiredDuringSchedulingIgnoredDuringExecution:
                    nodeSelectorTerms:
                    - matchExpressions:
                      - {key: eks.amazonaws.com/compute-type, operator: NotIn, values: [fargate, auto, hybrid]}
                      - {key: karpenter.sh/nodepool, operator: DoesNotExist}
              containers: [{name: exporter, image: quay.io/prometheus/node-exporter:v1.8.2}]
        """);
    ActionContext ctx = Actions.apply(converter("{}"), daemonSet);
    assertEquals(daemonSet, ctx.object().node());
    assertEquals(List.of(), ctx.findings());
  }

  @Test
  void efaTrainingJobIsAnErrorAndItsInstanceTypeIsMapped() throws Exception {
    ObjectNode job = yaml("""
        apiVersion: batch/v1
        kind: Job
        metadata: {name: llm-pretrain, namespace: ml}
        spec:
          template:
            spec:
              restartPolicy: Never
              nodeSelector: {node.kubernetes.io/instance-type: p4d.24xlarge}
              tolerations: [{key: nvidia.com/gpu, operator: Exists, effect: NoSchedule}]
              containers:
              - name: trainer
                image: nvcr.io/nvidia/pytorch:24.07-py3
                resources:
                  limits: {nvidia.com/gpu: 8, vpc.amazonaws.com/efa: 4, hugepages-2Mi: 5120Mi}
                  requests: {vpc.amazonaws.com/efa: 4}
        """);
    ActionContext ctx = Actions.apply(converter("instanceTypes: {p4d.24xlarge: a2-highgpu-8g}"), job);
    JsonNode spec = ctx.object().node().at("/spec/template/spec");
    assertEquals("a2-highgpu-8g", spec.at("/nodeSelector/node.kubernetes.io~1instance-type").asText());
    assertEquals(4, spec.at("/containers/0/resources/limits/vpc.amazonaws.com~1efa").asInt(), "not dropped silently");
    assertEquals("nvidia.com/gpu", spec.at("/tolerations/0/key").asText());
    List<Finding> errors = findings(ctx, "scheduling-aws-resource");
    assertEquals(1, errors.size(), "one per container and resource: " + errors);
    assertEquals(Severity.ERROR, errors.get(0).severity());
    assertTrue(errors.get(0).message().contains("container trainer asks for vpc.amazonaws.com/efa"), errors.get(0).message());
  }

  @Test
  void mapKeysThatOccurNowhereAreNamedWithWhatTheBackupHolds() throws Exception {
    ObjectAction action = converter("""
        nodeLabels: {"karpenter.sh/capacity-type=spot": "cloud.google.com/gke-spot=true", "karpenter.sh/capacity-type=on-demand": "x=y"}
        zones: {us-east-1a: us-east4-a, us-east-1c: us-east4-c}
        instanceTypes: {m5.large: n2-standard-2}
        """);
    action.observe(Actions.keyOf(KARPENTER_WORKER), new KubeObject(KARPENTER_WORKER));
    var unmatched = action.unmatched().stream().collect(Collectors.toMap(UnmatchedValues::parameter, UnmatchedValues::values));
    assertEquals(List.of("karpenter.sh/capacity-type=on-demand"), unmatched.get("nodeLabels"));
    assertEquals(List.of("us-east-1c"), unmatched.get("zones"));
    assertEquals(List.of("m5.large"), unmatched.get("instanceTypes"));
    UnmatchedValues zones = action.unmatched().stream().filter(u -> u.parameter().equals("zones")).findFirst().orElseThrow();
    assertEquals(Set.of("us-east-1a", "us-east-1b"), Set.copyOf(zones.seen()));
  }

  @Test
  void regionsMapThroughZonesAndGoogleValuesAreLeftAlone() throws Exception {
    ObjectNode pod = yaml("""
        apiVersion: v1
        kind: Pod
        metadata: {name: probe, namespace: ops}
        spec:
          affinity:
            nodeAffinity:
              requiredDuringSchedulingIgnoredDuringExecution:
                nodeSelectorTerms:
                - matchExpressions:
                  - {key: topology.kubernetes.io/region, operator: In, values: [us-east-1]}
                  - {key: topology.kubernetes.io/zone, operator: In, values: [us-east4-a, us-east-1d]}
          containers: [{name: probe, image: busybox}]
        """);
    ActionContext ctx = Actions.apply(converter("zones: {us-east-1: us-east4}"), pod);
    assertEquals(expressionsOf("""
        [{key: topology.kubernetes.io/region, operator: In, values: [us-east4]},
         {key: topology.kubernetes.io/zone, operator: In, values: [us-east4-a, us-east-1d]}]
        """), ctx.object().node().at("/spec/affinity/nodeAffinity/requiredDuringSchedulingIgnoredDuringExecution/nodeSelectorTerms/0/matchExpressions"),
        "a GKE zone among the values still matches GKE nodes, so the requirement holds as it is");
    assertEquals(List.of("scheduling-label-mapped"), ctx.findings().stream().map(Finding::check).toList());
  }

  @Test
  void mapsOfTheWrongShapeAreRefused() {
    assertThrows(IllegalArgumentException.class, () -> converter("nodeLabels: [a, b]"));
    assertThrows(IllegalArgumentException.class, () -> converter("nodeLabels: {eks.amazonaws.com/nodegroup: \"=x\"}"));
    assertThrows(IllegalArgumentException.class, () -> converter("zones: {us-east-1a: {zone: b}}"));
  }
}
