package dev.transship.convert.scheduling;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.transship.archive.ItemKey;
import dev.transship.archive.RawItem;
import dev.transship.archive.RawText;
import dev.transship.cloud.AwsNodeLabels;
import dev.transship.cloud.GkeSpot;
import dev.transship.convert.scheduling.NodeLabelMap.Label;
import dev.transship.kube.Container;
import dev.transship.kube.KubeObject;
import dev.transship.kube.PodTemplate;
import dev.transship.kube.PodTemplates;
import dev.transship.rules.ActionContext;
import dev.transship.rules.ConverterConfig;
import dev.transship.rules.ConverterDescriptor;
import dev.transship.rules.ConverterSpec;
import dev.transship.rules.ObjectAction;
import dev.transship.rules.ParameterDoc;
import dev.transship.rules.SeenValues;
import dev.transship.rules.UnmatchedValues;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Pod scheduling on EKS node labels (cloud-mapping.md §7): nodeSelectors, node affinity terms and
 * tolerations on eks.amazonaws.com, Karpenter and other AWS keys, EC2 instance types and AWS zone
 * names are rewritten through the user's maps or removed, each with a finding. A removed
 * requirement loosens the pod's placement; it never makes a pod unschedulable. NotIn and
 * DoesNotExist on AWS labels hold on every GKE node, so they stay unless a map rewrites them.
 * Extended resources only AWS device plugins offer (EFA, pod ENIs, Neuron) are errors: no GKE node
 * offers them, and dropping them silently would change what the pod runs with.
 */
public final class AwsNodeScheduling implements ObjectAction {
  private static final String PORTABLE_ZONE_KEY = "topology.kubernetes.io/zone";
  /** Byte strings one of which every item this converter could touch holds. */
  private final RawText.Needles mentions;
  private final NodeLabelMap map;
  private final SeenValues seenLabels = new SeenValues();
  private final SeenValues seenZones = new SeenValues();
  private final SeenValues seenTypes = new SeenValues();
  private final Set<String> matched = new HashSet<>();

  AwsNodeScheduling(NodeLabelMap map) {
    this.map = map;
    Set<String> names = new LinkedHashSet<>(List.of("aws", "karpenter", "eksctl", "instance-type", "topology.kubernetes.io/", "failure-domain."));
    map.nodeLabels().keySet().forEach(k -> names.add(Label.parse(k).key()));
    this.mentions = RawText.needles(names.toArray(String[]::new));
  }

  @Override
  public boolean reportsItsChanges() {
    return true;
  }

  @Override
  public boolean mayApply(RawItem item) {
    return mentions.mayBeIn(item);
  }

  @Override
  public void apply(ActionContext ctx) {
    for (PodTemplate template : PodTemplates.in(ctx.object())) {
      new TemplateRewrite(ctx, template).run();
    }
  }

  /** The rewrite of one pod spec; {@code where} prefixes its findings. */
  private final class TemplateRewrite {
    private final ActionContext ctx;
    private final PodTemplate template;
    private final ObjectNode spec;
    private final String where;
    /** Whether a rewrite made the nodeSelector, or a required node affinity term, ask for GKE Spot nodes. */
    private boolean spotBySelector;
    private boolean spotByAffinity;

    TemplateRewrite(ActionContext ctx, PodTemplate template) {
      this.ctx = ctx;
      this.template = template;
      this.spec = template.spec();
      this.where = template.path();
    }

    void run() {
      nodeSelector();
      if (spec.path("affinity") instanceof ObjectNode affinity) {
        if (affinity.path("nodeAffinity") instanceof ObjectNode nodeAffinity) {
          requiredTerms(nodeAffinity);
          preferredTerms(nodeAffinity);
          removeIfEmpty(affinity, "nodeAffinity");
        }
        podAffinityTopologyKeys(affinity);
        removeIfEmpty(spec, "affinity");
      }
      tolerations();
      spotToleration();
      spreadTopologyKeys();
      extendedResources();
    }

    private void nodeSelector() {
      if (!(spec.path("nodeSelector") instanceof ObjectNode selector)) {
        return;
      }
      ObjectNode rewritten = selector.objectNode();
      selector.fields().forEachRemaining(e -> {
        String value = e.getValue().asText("");
        Label from = new Label(e.getKey(), value);
        Label to = map.map(from.key(), value);
        if (to != null) {
          rewritten.put(to.key(), to.value());
          if (!to.equals(from)) {
            ctx.info("scheduling-label-mapped", where + ".nodeSelector: " + from + " -> " + to);
            spotBySelector |= GkeSpot.asksForSpot(to.key(), "In", List.of(to.value()));
          }
        } else if (AwsNodeLabels.awsLabel(from.key(), value)) {
          ctx.warn("scheduling-label-removed", where + ".nodeSelector: removed " + from
              + ", which no GKE node carries; the pod may now run on any node", NodeLabelMap.hint(from));
        } else {
          rewritten.set(e.getKey(), e.getValue());
        }
      });
      if (rewritten.isEmpty()) {
        spec.remove("nodeSelector");
      } else {
        spec.set("nodeSelector", rewritten);
      }
    }

    /**
     * Terms are alternatives and a term's expressions all must hold. An AWS expression no map
     * rewrites is removed, which loosens its term; a term left with nothing admits every node, and
     * so does the whole requirement, which is then removed (an empty term would admit none).
     */
    private void requiredTerms(ObjectNode nodeAffinity) {
      String field = "requiredDuringSchedulingIgnoredDuringExecution";
      if (!(nodeAffinity.path(field).path("nodeSelectorTerms") instanceof ArrayNode terms)) {
        return;
      }
      boolean anyNode = false;
      for (int i = 0; i < terms.size(); i++) {
        if (terms.get(i) instanceof ObjectNode term && rewriteTerm(term, where + ".affinity.nodeAffinity.required[" + i + "]", true)) {
          anyNode = true;
        }
      }
      if (anyNode) {
        spotByAffinity = false; // the requirement goes, and with it any Spot term
        nodeAffinity.remove(field);
        ctx.warn("scheduling-affinity-removed", where + ".affinity.nodeAffinity: removed the required node affinity: a term asked only "
            + "for EKS node labels, and terms are alternatives, so any GKE node satisfies it", "map the labels with nodeLabels, zones or instanceTypes to keep the placement");
      }
    }

    private void preferredTerms(ObjectNode nodeAffinity) {
      String field = "preferredDuringSchedulingIgnoredDuringExecution";
      if (!(nodeAffinity.path(field) instanceof ArrayNode preferences)) {
        return;
      }
      for (int i = preferences.size() - 1; i >= 0; i--) {
        if (preferences.get(i).path("preference") instanceof ObjectNode term
            && rewriteTerm(term, where + ".affinity.nodeAffinity.preferred[" + i + "]", false)) {
          preferences.remove(i);
        }
      }
      if (preferences.isEmpty()) {
        nodeAffinity.remove(field);
      }
    }

    /** Rewrites a term's expressions in place; true when removals left it asking for nothing. */
    private boolean rewriteTerm(ObjectNode term, String at, boolean required) {
      if (!(term.path("matchExpressions") instanceof ArrayNode expressions)) {
        return false;
      }
      boolean removed = false;
      for (int i = expressions.size() - 1; i >= 0; i--) {
        if (expressions.get(i) instanceof ObjectNode expression && !rewriteExpression(expression, at, required)) {
          expressions.remove(i);
          removed = true;
        }
      }
      if (expressions.isEmpty()) {
        term.remove("matchExpressions");
      }
      return removed && term.path("matchExpressions").isEmpty() && term.path("matchFields").isEmpty();
    }

    /** Rewrites one expression in place; false when it must be removed. */
    private boolean rewriteExpression(ObjectNode expression, String at, boolean required) {
      String key = expression.path("key").asText("");
      String operator = expression.path("operator").asText("");
      List<String> values = new ArrayList<>();
      expression.path("values").forEach(v -> values.add(v.asText("")));
      String before = key + " " + operator + (values.isEmpty() ? "" : " " + values);
      List<Label> mapped = values.stream().map(v -> map.map(key, v)).toList();
      Label keyMapped = map.mapKey(key);
      boolean oneKey = !values.isEmpty() && mapped.stream().allMatch(l -> l != null && l.key().equals(mapped.get(0).key()));
      if (oneKey && (operator.equals("In") || operator.equals("NotIn"))) {
        expression.put("key", mapped.get(0).key());
        ArrayNode newValues = expression.putArray("values");
        mapped.stream().map(Label::value).distinct().forEach(newValues::add);
      } else if (keyMapped != null && (values.isEmpty() || operator.equals("Gt") || operator.equals("Lt"))) {
        expression.put("key", keyMapped.key());
        if (!keyMapped.value().isEmpty() && operator.equals("Exists")) {
          expression.put("operator", "In");
          expression.putArray("values").add(keyMapped.value());
        }
      } else if (AwsNodeLabels.requiresAwsNode(key, operator, values)) {
        List<String> unmapped = new ArrayList<>();
        for (int i = 0; i < values.size(); i++) {
          if (mapped.get(i) == null) {
            unmapped.add(values.get(i));
          }
        }
        Label example = new Label(key, unmapped.isEmpty() ? (values.isEmpty() ? "" : values.get(0)) : unmapped.get(0));
        String message = at + ": removed " + before + ", which no GKE node satisfies"
            + (unmapped.isEmpty() || unmapped.size() == values.size() ? "" : " (no mapping for " + String.join(", ", unmapped) + ")");
        if (required) {
          ctx.warn("scheduling-label-removed", message + "; the pod may now run on any node the rest of its term admits", NodeLabelMap.hint(example));
        } else {
          ctx.info("scheduling-preference-removed", message + "; it was only a preference");
        }
        return false;
      } else {
        return true; // NotIn, DoesNotExist and In with a value GKE nodes can carry hold there as they are
      }
      List<String> after = new ArrayList<>();
      expression.path("values").forEach(v -> after.add(v.asText()));
      if (required && GkeSpot.asksForSpot(expression.path("key").asText(), expression.path("operator").asText(), after)) {
        spotByAffinity = true;
      }
      ctx.info("scheduling-label-mapped", at + ": " + before + " -> " + expression.path("key").asText() + " "
          + expression.path("operator").asText() + (after.isEmpty() ? "" : " " + after));
      return true;
    }

    /** Tolerating a taint no GKE node has is harmless; mapped ones tolerate the GKE taint instead. */
    private void tolerations() {
      if (!(spec.path("tolerations") instanceof ArrayNode tolerations)) {
        return;
      }
      for (int i = tolerations.size() - 1; i >= 0; i--) {
        if (!(tolerations.get(i) instanceof ObjectNode toleration)) {
          continue;
        }
        String key = toleration.path("key").asText("");
        String value = toleration.path("value").asText("");
        if (key.isEmpty()) {
          continue;
        }
        Label from = new Label(key, value);
        Label to = value.isEmpty() ? map.mapKey(key) : map.map(key, value);
        if (to != null) {
          toleration.put("key", to.key());
          if (!to.value().isEmpty()) {
            toleration.put("value", to.value());
            toleration.put("operator", "Equal");
          }
          ctx.info("scheduling-toleration-mapped", where + ".tolerations: " + from + " -> " + to);
        } else if (AwsNodeLabels.awsKey(key)) {
          tolerations.remove(i);
          ctx.info("scheduling-toleration-removed", where + ".tolerations: removed the toleration of " + from + ", a taint no GKE node has");
        }
      }
      if (tolerations.isEmpty()) {
        spec.remove("tolerations");
      }
    }

    /**
     * A pod a rewrite sent to GKE Spot nodes tolerates their taint: Standard Spot node pools created
     * with cloud.google.com/gke-spot=true:NoSchedule admit nothing else (Autopilot adds the
     * toleration itself; where no node has the taint, tolerating it changes nothing).
     */
    private void spotToleration() {
      JsonNode existing = spec.path("tolerations");
      if (!spotBySelector && !spotByAffinity || !(existing.isMissingNode() || existing.isNull() || existing.isArray())) {
        return; // nothing asks for Spot, or tolerations of a shape the API server refuses anyway: left as they are
      }
      for (JsonNode toleration : spec.path("tolerations")) {
        if (GkeSpot.tolerates(toleration)) {
          return;
        }
      }
      ArrayNode tolerations = spec.path("tolerations") instanceof ArrayNode list ? list : spec.putArray("tolerations");
      tolerations.add(GkeSpot.toleration());
      ctx.info("scheduling-spot-toleration-added", where + ".tolerations: added " + GkeSpot.taint() + ", since its "
          + (spotBySelector ? "nodeSelector" : "required node affinity") + " now asks for GKE Spot nodes, whose node pools may "
          + "carry that taint and then admit only pods that tolerate it");
    }

    /** Spreading over a key GKE nodes lack would leave every node out; the portable zone key means the same. */
    private void spreadTopologyKeys() {
      for (JsonNode constraint : spec.path("topologySpreadConstraints")) {
        zoneTopologyKey(constraint, where + ".topologySpreadConstraints");
      }
    }

    private void podAffinityTopologyKeys(ObjectNode affinity) {
      for (String kind : List.of("podAffinity", "podAntiAffinity")) {
        JsonNode terms = affinity.path(kind);
        terms.path("requiredDuringSchedulingIgnoredDuringExecution").forEach(t -> zoneTopologyKey(t, where + ".affinity." + kind));
        terms.path("preferredDuringSchedulingIgnoredDuringExecution")
            .forEach(t -> zoneTopologyKey(t.path("podAffinityTerm"), where + ".affinity." + kind));
      }
    }

    private void zoneTopologyKey(JsonNode holder, String at) {
      String key = holder.path("topologyKey").asText("");
      if (holder instanceof ObjectNode node && AwsNodeLabels.AWS_ZONE_KEYS.contains(key)) {
        node.put("topologyKey", PORTABLE_ZONE_KEY);
        ctx.info("scheduling-topology-key-mapped", at + ": topologyKey " + key + " -> " + PORTABLE_ZONE_KEY);
      }
    }

    private void extendedResources() {
      for (Container container : template.containers()) {
        Set<String> resources = new LinkedHashSet<>();
        for (String section : List.of("limits", "requests")) {
          container.node().path("resources").path(section).fieldNames().forEachRemaining(r -> {
            if (AwsNodeLabels.awsResource(r)) {
              resources.add(r);
            }
          });
        }
        for (String resource : resources) {
          ctx.error("scheduling-aws-resource", where + ": " + container.describe() + " asks for " + resource
              + ", which no GKE node offers: the pod never schedules", resourceHint(resource));
        }
      }
    }

    private void removeIfEmpty(ObjectNode parent, String field) {
      if (parent.path(field).isObject() && parent.path(field).isEmpty()) {
        parent.remove(field);
      }
    }
  }

  private static String resourceHint(String resource) {
    if (resource.equals("vpc.amazonaws.com/efa")) {
      return "remove the request; for RDMA between GPU nodes use GKE's GPUDirect networking (A3/A4 machines, multi-networking)";
    }
    if (resource.equals("vpc.amazonaws.com/pod-eni")) {
      return "remove the request; security groups for pods become NetworkPolicies on GKE";
    }
    if (resource.startsWith("aws.amazon.com/neuron")) {
      return "Inferentia and Trainium have no GKE equivalent; rebuild the workload for GPUs or TPUs";
    }
    return "remove the request or replace it with a resource a GKE device plugin offers";
  }

  /** Every node label requirement, zone and instance type the pod specs name, for the unmatched-parameter check. */
  @Override
  public void observe(ItemKey key, KubeObject object) {
    for (PodTemplate template : PodTemplates.in(object)) {
      JsonNode spec = template.spec();
      spec.path("nodeSelector").fields().forEachRemaining(e -> saw(e.getKey(), List.of(e.getValue().asText(""))));
      JsonNode nodeAffinity = spec.path("affinity").path("nodeAffinity");
      Stream.concat(stream(nodeAffinity.path("requiredDuringSchedulingIgnoredDuringExecution").path("nodeSelectorTerms")),
              stream(nodeAffinity.path("preferredDuringSchedulingIgnoredDuringExecution")).map(p -> p.path("preference")))
          .flatMap(term -> stream(term.path("matchExpressions")))
          .forEach(e -> saw(e.path("key").asText(""), stream(e.path("values")).map(v -> v.asText("")).toList()));
      stream(spec.path("tolerations")).forEach(t -> saw(t.path("key").asText(""), List.of(t.path("value").asText(""))));
    }
  }

  private static Stream<JsonNode> stream(JsonNode array) {
    List<JsonNode> out = new ArrayList<>();
    array.forEach(out::add);
    return out.stream();
  }

  private void saw(String key, List<String> values) {
    if (key.isEmpty()) {
      return;
    }
    matched.add("nodeLabels " + key);
    if (values.stream().allMatch(String::isEmpty)) {
      seenLabels.add(key); // listed bare only when no value names it
    }
    for (String value : values) {
      if (!value.isEmpty()) {
        seenLabels.add(key + "=" + value);
        matched.add("nodeLabels " + key + "=" + value);
        if (AwsNodeLabels.ZONE_KEYS.contains(key)) {
          seenZones.add(value);
          matched.add("zones " + value);
        }
        if (AwsNodeLabels.INSTANCE_TYPE_KEYS.contains(key)) {
          seenTypes.add(value);
          matched.add("instanceTypes " + value);
        }
      }
    }
  }

  @Override
  public List<UnmatchedValues> unmatched() {
    List<UnmatchedValues> out = new ArrayList<>();
    addUnmatched(out, "nodeLabels", map.nodeLabels(), seenLabels, "node labels");
    addUnmatched(out, "zones", map.zones(), seenZones, "zones");
    addUnmatched(out, "instanceTypes", map.instanceTypes(), seenTypes, "instance types");
    return out;
  }

  private void addUnmatched(List<UnmatchedValues> out, String parameter, Map<String, String> given, SeenValues seen, String seenAs) {
    List<String> found = given.keySet().stream().filter(k -> matched.contains(parameter + " " + k)).toList();
    UnmatchedValues unmatched = seen.unmatched(parameter, true, given.keySet(), found, seenAs);
    if (unmatched != null) {
      out.add(unmatched);
    }
  }

  public static final ConverterSpec SPEC = new ConverterDescriptor(
      "awsNodeScheduling",
      "Rewrite pod scheduling on EKS node labels (nodeSelector, node affinity, tolerations on eks.amazonaws.com/*, "
          + "karpenter.sh/*, karpenter.k8s.aws/* and other AWS keys, EC2 instance types, AWS zones and regions) through "
          + "maps, or remove it with a finding: a removed required term loosens placement, never blocks it. NotIn and "
          + "DoesNotExist stay (every GKE node satisfies them). Topology keys topology.ebs.csi.aws.com/zone and "
          + "topology.k8s.aws/zone-id become topology.kubernetes.io/zone. AWS extended resources (EFA, pod ENIs, Neuron) are errors. A pod whose nodeSelector or "
          + "required node affinity is rewritten to cloud.google.com/gke-spot=true gets a toleration of the Spot taint "
          + "cloud.google.com/gke-spot=true:NoSchedule, unless it has one.",
      List.of(
          ParameterDoc.optional("nodeLabels", "map",
              "EKS 'key=value' or 'key' -> GKE 'key=value' or 'key' (keeping the value), e.g. karpenter.sh/capacity-type=spot: cloud.google.com/gke-spot=true"),
          ParameterDoc.optional("zones", "map", "AWS zone or region -> GCP zone or region, e.g. us-east-1a: us-east4-a"),
          ParameterDoc.optional("instanceTypes", "map", "EC2 instance type -> Compute Engine machine type, e.g. m5.xlarge: n2-standard-4")),
      """
          - name: aws-node-scheduling
            match: {resources: [deployments.apps, statefulsets.apps, daemonsets.apps, jobs.batch, cronjobs.batch, pods]}
            actions:
              - convert: awsNodeScheduling
                with:
                  nodeLabels: {"karpenter.sh/capacity-type=spot": "cloud.google.com/gke-spot=true", "eks.amazonaws.com/nodegroup": "cloud.google.com/gke-nodepool"}
                  zones: {us-east-1a: us-east4-a}
          """,
      AwsNodeScheduling::create);

  private static ObjectAction create(ConverterConfig config) {
    for (String parameter : List.of("nodeLabels", "zones", "instanceTypes")) {
      JsonNode node = config.node(parameter);
      if (node != null && !node.isNull() && !node.isObject()) {
        throw new IllegalArgumentException(parameter + " must be a map");
      }
      if (node != null) {
        node.fields().forEachRemaining(e -> {
          if (e.getKey().isBlank() || !e.getValue().isTextual() || e.getValue().asText().isBlank()) {
            throw new IllegalArgumentException(parameter + ": '" + e.getKey() + "' must map to a non-empty string");
          }
          if (parameter.equals("nodeLabels") && Label.parse(e.getValue().asText()).key().isBlank()) {
            throw new IllegalArgumentException("nodeLabels: '" + e.getKey() + "' must map to 'key' or 'key=value'");
          }
        });
      }
    }
    return new AwsNodeScheduling(new NodeLabelMap(config.map("nodeLabels"), config.map("zones"), config.map("instanceTypes")));
  }
}
