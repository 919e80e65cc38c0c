package dev.transship.lint.checks;

import com.fasterxml.jackson.databind.JsonNode;
import dev.transship.archive.ItemKey;
import dev.transship.cloud.AwsNodeLabels;
import dev.transship.cloud.Target;
import dev.transship.finding.ObjectRef;
import dev.transship.finding.Severity;
import dev.transship.kube.Container;
import dev.transship.kube.KubeObject;
import dev.transship.kube.PodTemplate;
import dev.transship.kube.PodTemplates;
import dev.transship.lint.Check;
import dev.transship.lint.CheckInfo;
import dev.transship.lint.LintContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Pod specs only EKS nodes can run (cloud-mapping.md §7): a nodeSelector or every required node
 * affinity term asking for an EKS, Karpenter or AWS label, EC2 instance type or AWS zone; a spread
 * that must hold over an AWS-only zone key; a container asking for an AWS extended resource.
 * Preferences, tolerations, NotIn and DoesNotExist hold on GKE as they are and are not flagged.
 */
public final class AwsNodeSchedulingCheck implements Check {
  static final CheckInfo INFO = new CheckInfo("aws-node-scheduling", Severity.ERROR, "Pod can only run on EKS nodes",
      "No GKE node carries eks.amazonaws.com, karpenter.sh or karpenter.k8s.aws labels, EC2 instance types or AWS zone names, "
          + "and none offers vpc.amazonaws.com/efa, pod-eni or Neuron devices: a pod that requires them stays Pending.",
      "Rewrite the requirements to GKE labels or remove them (awsNodeScheduling: nodeLabels, zones, instanceTypes); "
          + "remove AWS extended resources.");

  @Override
  public CheckInfo info() {
    return INFO;
  }

  @Override
  public void inspect(ItemKey key, KubeObject object, LintContext ctx) {
    if (ctx.options().target() != Target.GKE) {
      return;
    }
    for (PodTemplate template : PodTemplates.in(object)) {
      List<String> problems = problems(template);
      if (!problems.isEmpty()) {
        ctx.report(INFO, ObjectRef.of(object, key), String.join("; ", problems) + ": the pod stays Pending on GKE");
      }
    }
  }

  private static List<String> problems(PodTemplate template) {
    JsonNode spec = template.spec();
    List<String> out = new ArrayList<>();
    Set<String> labels = new TreeSet<>();
    spec.path("nodeSelector").fields().forEachRemaining(e -> {
      if (AwsNodeLabels.awsLabel(e.getKey(), e.getValue().asText(""))) {
        labels.add(e.getKey() + "=" + e.getValue().asText(""));
      }
    });
    JsonNode terms = spec.path("affinity").path("nodeAffinity").path("requiredDuringSchedulingIgnoredDuringExecution").path("nodeSelectorTerms");
    Set<String> termLabels = new TreeSet<>();
    boolean everyTerm = !terms.isEmpty();
    for (JsonNode term : terms) {
      boolean aws = false;
      for (JsonNode expression : term.path("matchExpressions")) {
        String label = expression.path("key").asText("");
        String operator = expression.path("operator").asText("");
        List<String> values = new ArrayList<>();
        expression.path("values").forEach(v -> values.add(v.asText("")));
        if (AwsNodeLabels.requiresAwsNode(label, operator, values)) {
          aws = true;
          termLabels.add(label + " " + operator + (values.isEmpty() ? "" : " " + values));
        }
      }
      everyTerm &= aws;
    }
    if (!labels.isEmpty()) {
      out.add("nodeSelector requires node labels only EKS nodes carry (" + String.join(", ", labels) + ")");
    }
    if (everyTerm) {
      out.add("every required node affinity term asks for EKS nodes (" + String.join(", ", termLabels) + ")");
    }
    for (JsonNode constraint : spec.path("topologySpreadConstraints")) {
      String topologyKey = constraint.path("topologyKey").asText("");
      if (AwsNodeLabels.AWS_ZONE_KEYS.contains(topologyKey) && !"ScheduleAnyway".equals(constraint.path("whenUnsatisfiable").asText())) {
        out.add("topologySpreadConstraints spread over " + topologyKey + ", which GKE nodes lack");
      }
    }
    for (Container container : template.containers()) {
      Set<String> resources = new TreeSet<>();
      for (String section : List.of("requests", "limits")) {
        container.node().path("resources").path(section).fieldNames().forEachRemaining(r -> {
          if (AwsNodeLabels.awsResource(r)) {
            resources.add(r);
          }
        });
      }
      resources.forEach(r -> out.add(container.describe() + " asks for " + r + ", which no GKE node offers"));
    }
    return out;
  }
}
