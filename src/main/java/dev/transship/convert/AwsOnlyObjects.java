package dev.transship.convert;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.transship.kube.KubeObject;
import dev.transship.rules.ActionContext;
import dev.transship.rules.ConverterDescriptor;
import dev.transship.rules.ConverterSpec;
import dev.transship.rules.ObjectAction;
import java.util.List;
import java.util.Map;

/**
 * Drops objects only AWS controllers act on (cloud-mapping.md §8): restored on GKE nothing
 * reconciles them, and their CRDs would be left behind. Also removes the pod readiness gates the
 * AWS Load Balancer Controller injects, which no GKE controller would ever set true.
 */
public final class AwsOnlyObjects implements ObjectAction {
  private static final Map<String, String> GROUPS = Map.of(
      "elbv2.k8s.aws", "AWS Load Balancer Controller (TargetGroupBinding, IngressClassParams)",
      "appmesh.k8s.aws", "App Mesh controller",
      "crd.k8s.amazonaws.com", "Amazon VPC CNI (ENIConfig)",
      "vpcresources.k8s.aws", "VPC resource controller (SecurityGroupPolicy, CNINode)",
      "karpenter.sh", "Karpenter",
      "karpenter.k8s.aws", "Karpenter",
      "networking.k8s.aws", "Amazon VPC CNI network policy agent");

  /** The AWS controller that alone acts on objects of an API group, or null. */
  public static String controllerOf(String group) {
    if (group.endsWith(".services.k8s.aws")) {
      return "AWS Controllers for Kubernetes (ACK)";
    }
    return GROUPS.get(group);
  }

  @Override
  public void apply(ActionContext ctx) {
    KubeObject object = ctx.object();
    String controller = controllerOf(object.group());
    if ("CustomResourceDefinition".equals(object.kind())) {
      controller = controllerOf(object.node().path("spec").path("group").asText());
    }
    if (controller != null) {
      ctx.drop("aws-only-object", object.kind() + " is only acted on by " + controller + ", which does not run on GKE");
      return;
    }
    ObjectNode spec = PodTemplates.podSpec(object);
    if (spec != null && spec.get("readinessGates") instanceof ArrayNode gates) {
      for (int i = gates.size() - 1; i >= 0; i--) {
        String type = gates.get(i).path("conditionType").asText();
        if (type.startsWith("target-health.elbv2.k8s.aws/") || type.startsWith("target-health.alb.ingress.k8s.aws/")) {
          gates.remove(i);
          ctx.info("aws-readiness-gate-removed", "removed readiness gate " + type + ": only the AWS Load Balancer Controller sets it");
        }
      }
      if (gates.isEmpty()) {
        spec.remove("readinessGates");
      }
    }
  }

  static boolean isAwsOnly(JsonNode object) {
    return controllerOf(KubeObject.of(object).group()) != null;
  }

  public static final ConverterSpec SPEC = new ConverterDescriptor(
      "dropAwsOnlyObjects",
      "Drop objects only AWS controllers act on (TargetGroupBinding, IngressClassParams, ENIConfig, SecurityGroupPolicy, "
          + "Karpenter, App Mesh, ACK) and their CRDs, and remove AWS load-balancer readiness gates from pods.",
      List.of(),
      "- convert: dropAwsOnlyObjects",
      config -> new AwsOnlyObjects());
}
