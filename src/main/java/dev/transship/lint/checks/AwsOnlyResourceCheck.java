package dev.transship.lint.checks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.transship.archive.ItemKey;
import dev.transship.convert.awsonly.DropAwsOnlyObjects;
import dev.transship.finding.ObjectRef;
import dev.transship.finding.Severity;
import dev.transship.kube.KubeObject;
import dev.transship.kube.PodTemplates;
import dev.transship.lint.Check;
import dev.transship.lint.CheckInfo;
import dev.transship.lint.LintContext;
import dev.transship.cloud.Target;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/** Objects, pod readiness gates, extended resources and node labels only AWS provides. */
public final class AwsOnlyResourceCheck implements Check {
  static final CheckInfo INFO = new CheckInfo("aws-only-resource", Severity.WARNING, "Resource only AWS controllers act on",
      "On GKE nothing reconciles ENIConfigs, SecurityGroupPolicies, Karpenter, App Mesh or ACK objects; a pod readiness gate of "
          + "the AWS Load Balancer Controller is never set true, so the pod never becomes Ready; and a pod that requests an AWS "
          + "extended resource (vpc.amazonaws.com/pod-eni) or selects EKS node labels or EC2 instance types is never scheduled.",
      "Drop them (dropAwsOnlyObjects) and replace what they did with GKE features.");

  /** Extended resources that AWS device plugins advertise (security groups for pods, Neuron, EFA). */
  private static final Pattern AWS_RESOURCE = Pattern.compile("vpc\\.amazonaws\\.com/.*|aws\\.amazon\\.com/.*");
  /** EC2 instance types (m5.xlarge, c7g.metal): GKE's are n2-standard-4 and the like. */
  private static final Pattern EC2_INSTANCE_TYPE = Pattern.compile("[a-z][a-z0-9-]*\\.(nano|micro|small|medium|(\\d*x)?large|metal(-\\d+xl)?)");

  private static boolean awsNodeLabel(String key, String value) {
    if (key.startsWith("eks.amazonaws.com/") || key.startsWith("karpenter.k8s.aws/") || key.startsWith("k8s.amazonaws.com/")
        || key.startsWith("alpha.eksctl.io/") || key.startsWith("topology.ebs.csi.aws.com/")) {
      return true;
    }
    return (key.equals("node.kubernetes.io/instance-type") || key.equals("beta.kubernetes.io/instance-type"))
        && EC2_INSTANCE_TYPE.matcher(value).matches();
  }

  @Override
  public CheckInfo info() {
    return INFO;
  }

  @Override
  public void inspect(ItemKey key, KubeObject object, LintContext ctx) {
    if (ctx.options().target() != Target.GKE || "TargetGroupBinding".equals(object.kind())) {
      return;
    }
    String reason = DropAwsOnlyObjects.awsOnlyReason(object.group(), object.kind());
    if (reason != null) {
      ctx.report(INFO, ObjectRef.of(object, key), object.kind() + ": " + reason);
      return;
    }
    ObjectNode spec = PodTemplates.podSpec(object);
    if (spec == null) {
      return;
    }
    ObjectRef ref = ObjectRef.of(object, key);
    for (JsonNode gate : spec.path("readinessGates")) {
      String type = gate.path("conditionType").asText();
      if (DropAwsOnlyObjects.awsReadinessGate(type)) {
        ctx.report(INFO, ref, "readiness gate " + type + " is never set on GKE: the pod never becomes Ready");
      }
    }
    for (JsonNode container : spec.path("containers")) {
      for (String section : List.of("requests", "limits")) {
        container.path("resources").path(section).fieldNames().forEachRemaining(resource -> {
          if (AWS_RESOURCE.matcher(resource).matches()) {
            ctx.report(INFO, ref, "container " + container.path("name").asText() + " " + section + " " + resource
                + ", which no GKE node offers: the pod stays Pending");
          }
        });
      }
    }
    Set<String> labels = new TreeSet<>();
    spec.path("nodeSelector").fields().forEachRemaining(e -> {
      if (awsNodeLabel(e.getKey(), e.getValue().asText())) {
        labels.add(e.getKey() + "=" + e.getValue().asText());
      }
    });
    for (JsonNode term : spec.path("affinity").path("nodeAffinity").path("requiredDuringSchedulingIgnoredDuringExecution").path("nodeSelectorTerms")) {
      for (JsonNode expression : term.path("matchExpressions")) {
        String label = expression.path("key").asText();
        for (JsonNode value : expression.path("values")) {
          if (awsNodeLabel(label, value.asText())) {
            labels.add(label + "=" + value.asText());
          }
        }
        if (expression.path("values").isEmpty() && awsNodeLabel(label, "")) {
          labels.add(label);
        }
      }
    }
    if (!labels.isEmpty()) {
      ctx.report(INFO, ref, "requires node labels only EKS nodes carry (" + String.join(", ", labels) + "): the pod stays Pending on GKE");
    }
  }
}
