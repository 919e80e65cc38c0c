package dev.transship.kube;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Command-line flags of a pod's containers as Go programs read them: {@code --flag=value}, or
 * {@code --flag value} as two arguments, in {@code command} or {@code args}; and, for programs
 * that also read their flags from the environment, an {@code env} entry. External DNS's provider
 * and owner id, the Cluster Autoscaler's cloud provider and node group discovery are read here.
 */
public final class ContainerFlags {
  private ContainerFlags() {}

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

  /** Every value of {@code --name} in the object's containers' command and args. */
  public static List<Flag> of(KubeObject object, String name) {
    return of(object, name, null);
  }

  /** Every value of {@code --name}, or of env {@code envName} when not null, in the object's containers. */
  public static List<Flag> of(KubeObject object, String name, String envName) {
    List<Flag> out = new ArrayList<>();
    for (ObjectNode container : PodTemplates.containerNodes(object)) {
      out.addAll(in(container, name));
      JsonNode env = container.path("env");
      for (int i = 0; envName != null && env.isArray() && i < env.size(); i++) {
        if (envName.equals(env.get(i).path("name").asText()) && env.get(i).path("value").isTextual()) {
          out.add(new Flag(container, "env", i, false, env.get(i).path("value").asText()));
        }
      }
    }
    return out;
  }

  /** The values of {@code --name} in one container's command and args, in order. */
  public static List<Flag> in(JsonNode container, String name) {
    List<Flag> out = new ArrayList<>();
    if (!(container instanceof ObjectNode node)) {
      return out;
    }
    for (String field : List.of("command", "args")) {
      JsonNode args = node.path(field);
      for (int i = 0; args.isArray() && i < args.size(); i++) {
        String arg = args.get(i).asText("");
        if (arg.startsWith(name + "=")) {
          out.add(new Flag(node, field, i, false, arg.substring(name.length() + 1)));
        } else if (arg.equals(name) && i + 1 < args.size()) {
          out.add(new Flag(node, field, i, true, args.get(i + 1).asText("")));
        }
      }
    }
    return out;
  }
}
