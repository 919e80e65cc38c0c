package dev.transship.convert.upgrade;

import com.fasterxml.jackson.databind.JsonNode;
import dev.transship.kube.Json;
import dev.transship.kube.KubeObject;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code kube-system/aws-auth} ConfigMap of an EKS cluster: {@code data.mapRoles} is a YAML list
 * in a string, each entry an IAM role ARN with the Kubernetes username and groups it gets. Entries
 * in {@code system:nodes} are the node roles; restored into a new cluster (one without an aws-auth
 * yet) they replace its node role mappings, so its own nodes cannot join.
 */
public final class AwsAuth {
  static final String NODE_GROUP = "system:nodes";

  private AwsAuth() {}

  public static boolean isAwsAuth(KubeObject object) {
    return "ConfigMap".equals(object.kind()) && object.group().isEmpty() && "kube-system".equals(object.namespace())
        && "aws-auth".equals(object.name());
  }

  /** The role ARNs of {@code mapRoles} entries in {@code system:nodes}; empty when it does not parse as a list. */
  public static List<String> nodeRoles(KubeObject awsAuth) {
    List<String> roles = new ArrayList<>();
    JsonNode text = awsAuth.node().path("data").path("mapRoles");
    if (!text.isTextual()) {
      return roles;
    }
    JsonNode entries;
    try {
      entries = Json.YAML.readTree(text.asText());
    } catch (java.io.IOException e) {
      return roles;
    }
    if (entries == null || !entries.isArray()) {
      return roles;
    }
    for (JsonNode entry : entries) {
      boolean node = false;
      for (JsonNode group : entry.path("groups")) {
        node |= NODE_GROUP.equals(group.asText());
      }
      if (node && entry.path("rolearn").isTextual()) {
        roles.add(entry.path("rolearn").asText());
      }
    }
    return roles;
  }

  /** Whether the text parses: a mapRoles that does not is reported, never rewritten. */
  static boolean parses(KubeObject awsAuth) {
    JsonNode text = awsAuth.node().path("data").path("mapRoles");
    if (!text.isTextual()) {
      return text.isMissingNode();
    }
    try {
      JsonNode entries = Json.YAML.readTree(text.asText());
      return entries == null || entries.isArray() || entries.isMissingNode();
    } catch (java.io.IOException e) {
      return false;
    }
  }
}
