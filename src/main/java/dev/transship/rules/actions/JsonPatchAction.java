package dev.transship.rules.actions;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.transship.kube.Json;
import dev.transship.rules.ActionContext;
import dev.transship.rules.ActionDescriptor;
import dev.transship.rules.ActionFailedException;
import dev.transship.rules.ActionType;
import dev.transship.rules.ObjectAction;
import dev.transship.rules.ParameterDoc;
import io.fabric8.zjsonpatch.JsonPatch;
import java.util.List;
import java.util.Set;

/**
 * RFC 6902 JSON Patch. Unlike Velero's resource modifiers, values are real YAML values (no string
 * type inference) and a failing operation fails the object instead of restoring it unpatched.
 */
public final class JsonPatchAction implements ObjectAction {
  private static final Set<String> OPS = Set.of("add", "remove", "replace", "move", "copy", "test");
  private final JsonNode patch;

  private JsonPatchAction(JsonNode patch) {
    this.patch = patch;
  }

  /**
   * Applies the operations one by one. RFC 6902 makes removing, replacing, moving or copying a
   * missing path an error; zjsonpatch quietly ignores some of those, so each is checked first.
   */
  @Override
  public void apply(ActionContext ctx) throws ActionFailedException {
    JsonNode current = ctx.object().node();
    for (JsonNode op : patch) {
      String kind = op.path("op").asText();
      String target = kind.equals("move") || kind.equals("copy") ? op.path("from").asText() : op.path("path").asText();
      if (!kind.equals("add") && !kind.equals("test") && current.at(JsonPointer.compile(target)).isMissingNode()) {
        throw new ActionFailedException("JSON patch failed: " + kind + " " + target + ": no such path");
      }
      try {
        current = JsonPatch.apply(Json.MAPPER.createArrayNode().add(op), current);
      } catch (RuntimeException e) {
        throw new ActionFailedException("JSON patch failed: " + kind + " " + op.path("path").asText() + ": " + e.getMessage());
      }
    }
    ctx.replace((ObjectNode) current);
  }

  public static final ActionType TYPE = new ActionDescriptor(
      "jsonPatch",
      "Apply an RFC 6902 JSON Patch (add, remove, replace, move, copy, test). A failing operation fails the object.",
      List.of(ParameterDoc.required("(list)", "list", "operations: {op, path, value?, from?}")),
      "- jsonPatch:\n    - {op: replace, path: /spec/replicas, value: 0}\n    - {op: remove, path: /spec/template/spec/nodeSelector}",
      JsonPatchAction::create);

  private static ObjectAction create(JsonNode config) {
    if (!config.isArray() || config.isEmpty()) {
      throw new IllegalArgumentException("jsonPatch expects a non-empty list of operations");
    }
    for (JsonNode op : config) {
      if (!OPS.contains(op.path("op").asText())) {
        throw new IllegalArgumentException("jsonPatch operation needs op: one of " + String.join(", ", OPS.stream().sorted().toList()));
      }
      if (!op.path("path").isTextual()) {
        throw new IllegalArgumentException("jsonPatch operation '" + op.path("op").asText() + "' needs a path");
      }
      for (String pointer : new String[] {"path", "from"}) {
        String value = op.path(pointer).asText("");
        if (!value.isEmpty() && !value.startsWith("/")) {
          throw new IllegalArgumentException("jsonPatch " + pointer + " '" + value + "' is not a JSON pointer: it starts with '/', as in /metadata/labels");
        }
      }
      if (Set.of("add", "replace", "test").contains(op.path("op").asText()) && !op.has("value")) {
        throw new IllegalArgumentException("jsonPatch operation '" + op.path("op").asText() + "' needs a value");
      }
    }
    return new JsonPatchAction(config);
  }
}
