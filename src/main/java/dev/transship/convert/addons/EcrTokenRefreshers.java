package dev.transship.convert.addons;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.transship.kube.KubeObject;
import dev.transship.kube.PodTemplates;

/**
 * What keeps ECR pull secrets fresh on EKS (cloud-mapping §9 SECRET-ECR-REFRESHER): an External
 * Secrets ECR token generator, an ExternalSecret fed by one, or a CronJob calling the AWS CLI. Away
 * from AWS credentials it fails, and the pull secrets it renews expire within 12 hours.
 */
public final class EcrTokenRefreshers {
  private EcrTokenRefreshers() {}

  /** How the object refreshes ECR tokens, or null when it does not. */
  public static String describe(KubeObject object) {
    if ("ECRAuthorizationToken".equals(object.kind())) {
      return "External Secrets generator of ECR tokens";
    }
    if ("ExternalSecret".equals(object.kind())) {
      for (JsonNode from : object.node().path("spec").path("dataFrom")) {
        if ("ECRAuthorizationToken".equals(from.path("sourceRef").path("generatorRef").path("kind").asText())) {
          return "renews its Secret from an ECR token generator";
        }
      }
      return null;
    }
    if ("CronJob".equals(object.kind())) {
      for (ObjectNode container : PodTemplates.containerNodes(object)) {
        String invocation = container.path("command").toString() + container.path("args");
        if (invocation.contains("ecr get-login") || invocation.contains("get-authorization-token")) {
          return "container " + container.path("name").asText() + " fetches ECR tokens with the AWS CLI";
        }
      }
    }
    return null;
  }
}
