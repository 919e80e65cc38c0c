package dev.transship.convert.addons;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.transship.kube.KubeObject;
import dev.transship.kube.PodTemplates;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * External DNS as the source cluster ran it: the provider and TXT owner id in its container
 * arguments ({@code --provider=aws} or {@code --provider aws}, and the {@code EXTERNAL_DNS_*}
 * environment equivalents), and the Route 53 routing annotations on the Services and Ingresses it
 * publishes, which only its aws provider reads.
 */
public final class ExternalDns {
  static final String ANNOTATION_PREFIX = "external-dns.alpha.kubernetes.io/";
  /** Route 53 routing policies (weighted, latency, failover, geolocation, ...) and alias records. */
  static final String AWS_ANNOTATION_PREFIX = ANNOTATION_PREFIX + "aws-";
  static final String SET_IDENTIFIER = ANNOTATION_PREFIX + "set-identifier";
  static final String ALIAS = ANNOTATION_PREFIX + "alias";

  private ExternalDns() {}

  /** A flag of one container: where it sits and its value. */
  public record Flag(ObjectNode container, String field, int index, boolean separate, String value) {
    /** Replaces the value where it was written (in {@code --flag=value}, or the next argument, or the env entry). */
    public void set(String newValue) {
      if (field.equals("env")) {
        ((ObjectNode) container.path("env").get(index)).put("value", newValue);
        return;
      }
      ArrayNode args = (ArrayNode) container.get(field);
      if (separate) {
        args.set(index + 1, args.textNode(newValue));
      } else {
        String arg = args.get(index).asText();
        args.set(index, args.textNode(arg.substring(0, arg.indexOf('=') + 1) + newValue));
      }
    }
  }

  /** Every value of {@code --name} (or env {@code envName}) in the object's containers. */
  public static List<Flag> flags(KubeObject object, String name, String envName) {
    List<Flag> out = new ArrayList<>();
    for (ObjectNode container : PodTemplates.containerNodes(object)) {
      for (String field : List.of("command", "args")) {
        JsonNode args = container.path(field);
        if (!args.isArray()) {
          continue;
        }
        for (int i = 0; i < args.size(); i++) {
          String arg = args.get(i).asText("");
          if (arg.startsWith(name + "=")) {
            out.add(new Flag(container, field, i, false, arg.substring(name.length() + 1)));
          } else if (arg.equals(name) && i + 1 < args.size()) {
            out.add(new Flag(container, field, i, true, args.get(i + 1).asText("")));
          }
        }
      }
      JsonNode env = container.path("env");
      for (int i = 0; env.isArray() && i < env.size(); i++) {
        if (envName.equals(env.get(i).path("name").asText()) && env.get(i).path("value").isTextual()) {
          out.add(new Flag(container, "env", i, false, env.get(i).path("value").asText()));
        }
      }
    }
    return out;
  }

  /** Whether the object runs External DNS with an AWS provider (aws, or aws-sd for Cloud Map). */
  public static boolean awsProvider(KubeObject object) {
    return flags(object, "--provider", "EXTERNAL_DNS_PROVIDER").stream().anyMatch(f -> f.value().equals("aws") || f.value().equals("aws-sd"));
  }

  /** The TXT owner ids the object's External DNS containers claim records with. */
  public static List<Flag> ownerIds(KubeObject object) {
    return flags(object, "--txt-owner-id", "EXTERNAL_DNS_TXT_OWNER_ID");
  }

  /** The Route 53-only annotations of the object: routing policies, their set identifier and alias records. */
  public static TreeSet<String> awsRoutingAnnotations(KubeObject object) {
    TreeSet<String> keys = new TreeSet<>();
    Map<String, String> annotations = object.annotations();
    for (String key : annotations.keySet()) {
      if (key.startsWith(AWS_ANNOTATION_PREFIX) || key.equals(ALIAS)) {
        keys.add(key);
      }
    }
    if (!keys.isEmpty() && annotations.containsKey(SET_IDENTIFIER)) {
      keys.add(SET_IDENTIFIER);
    }
    return keys;
  }
}
