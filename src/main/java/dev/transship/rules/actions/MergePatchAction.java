package dev.transship.rules.actions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.transship.rules.ActionContext;
import dev.transship.rules.ActionDescriptor;
import dev.transship.rules.ActionType;
import dev.transship.rules.ObjectAction;
import dev.transship.rules.ParameterDoc;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/** RFC 7386 JSON Merge Patch: maps merge, {@code null} deletes, anything else replaces. */
public final class MergePatchAction implements ObjectAction {
  private final ObjectNode patch;

  private MergePatchAction(ObjectNode patch) {
    this.patch = patch;
  }

  @Override
  public void apply(ActionContext ctx) {
    merge(ctx.object().node(), patch);
  }

  static void merge(ObjectNode target, ObjectNode patch) {
    for (Iterator<Map.Entry<String, JsonNode>> it = patch.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      JsonNode value = e.getValue();
      if (value.isNull()) {
        target.remove(e.getKey());
      } else if (value.isObject() && target.get(e.getKey()) instanceof ObjectNode existing) {
        merge(existing, (ObjectNode) value);
      } else if (value.isObject()) {
        ObjectNode fresh = target.putObject(e.getKey());
        merge(fresh, (ObjectNode) value);
      } else {
        target.set(e.getKey(), value.deepCopy());
      }
    }
  }

  public static final ActionType TYPE = new ActionDescriptor(
      "mergePatch",
      "Apply an RFC 7386 JSON Merge Patch: maps merge, null deletes a field, other values replace.",
      List.of(ParameterDoc.required("(map)", "map", "the patch document")),
      "- mergePatch:\n    spec:\n      suspend: true\n    metadata:\n      annotations: {legacy-annotation: null}",
      MergePatchAction::create);

  private static ObjectAction create(JsonNode config) {
    if (!(config instanceof ObjectNode object)) {
      throw new IllegalArgumentException("mergePatch expects a map");
    }
    return new MergePatchAction(object);
  }
}
