package dev.transship.lint.checks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.transship.archive.ItemKey;
import dev.transship.cloud.Target;
import dev.transship.convert.awsonly.DropAwsOnlyObjects;
import dev.transship.finding.ObjectRef;
import dev.transship.finding.Severity;
import dev.transship.kube.KubeObject;
import dev.transship.kube.PodTemplates;
import dev.transship.lint.Check;
import dev.transship.lint.CheckInfo;
import dev.transship.lint.LintContext;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/** Objects and pod readiness gates only AWS controllers act on. */
public final class AwsOnlyResourceCheck implements Check {
  static final CheckInfo INFO = new CheckInfo("aws-only-resource", Severity.WARNING, "Resource only AWS controllers act on",
      "On GKE nothing reconciles ENIConfigs, SecurityGroupPolicies, Karpenter, App Mesh or ACK objects, and a pod readiness gate "
          + "of the AWS Load Balancer Controller is never set true, so the pod never becomes Ready (pods that only EKS nodes can "
          + "run: aws-node-scheduling).",
      "Drop them (dropAwsOnlyObjects) and replace what they did with GKE features.");

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
  }
}
