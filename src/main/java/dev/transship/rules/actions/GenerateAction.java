package dev.transship.rules.actions;

import dev.transship.archive.RawItem;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.transship.kube.KubeObject;
import dev.transship.rules.ActionContext;
import dev.transship.rules.ActionDescriptor;
import dev.transship.rules.ActionType;
import dev.transship.rules.ObjectAction;
import dev.transship.rules.ParameterDoc;
import java.util.List;

/**
 * Adds an object to the backup next to each matched object. {@code ${object.metadata.name}} and
 * {@code ${object.metadata.namespace}} in string values refer to the matched object; a generated
 * object without a namespace gets the matched object's.
 */
public final class GenerateAction implements ObjectAction {
  private final ObjectNode template;

  private GenerateAction(ObjectNode template) {
    this.template = template;
  }

  /** A generated custom object is filed under the resource its CRD names, and the CRD may come later in the backup. */
  @Override
  public boolean readsIndex(RawItem item) {
    return true;
  }

  @Override
  public void apply(ActionContext ctx) {
    ObjectNode generated = (ObjectNode) fill(template.deepCopy(), ctx.object());
    KubeObject object = new KubeObject(generated);
    if (object.namespace() == null && ctx.object().namespace() != null) {
      object.metadata().put("namespace", ctx.object().namespace());
    }
    object.setAnnotation("transship.dev/generated-from", ctx.object().describe());
    ctx.generate(generated);
    ctx.info("object-generated", "generated " + object.describe());
  }

  private static JsonNode fill(JsonNode node, KubeObject source) {
    if (node.isTextual()) {
      String ns = source.namespace() == null ? "" : source.namespace();
      return node.textValue().contains("${object.")
          ? com.fasterxml.jackson.databind.node.TextNode.valueOf(
              node.textValue().replace("${object.metadata.name}", source.name()).replace("${object.metadata.namespace}", ns))
          : node;
    }
    if (node.isObject()) {
      node.fields().forEachRemaining(e -> e.setValue(fill(e.getValue(), source)));
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        ((com.fasterxml.jackson.databind.node.ArrayNode) node).set(i, fill(node.get(i), source));
      }
    }
    return node;
  }

  public static final ActionType TYPE = new ActionDescriptor(
      "generate",
      "Add a new object to the backup for each matched object (apiVersion, kind and metadata.name required).",
      List.of(ParameterDoc.required("(object)", "map", "the object; ${object.metadata.name} and ${object.metadata.namespace} refer to the matched object")),
      "- generate:\n    apiVersion: v1\n    kind: ConfigMap\n    metadata: {name: \"${object.metadata.name}-migrated\"}\n    data: {source: eks}",
      GenerateAction::create);

  private static ObjectAction create(JsonNode config) {
    if (!(config instanceof ObjectNode object)) {
      throw new IllegalArgumentException("generate expects an object");
    }
    for (String field : new String[] {"apiVersion", "kind"}) {
      if (!object.path(field).isTextual()) {
        throw new IllegalArgumentException("generate: the object needs " + field);
      }
    }
    if (!object.path("metadata").path("name").isTextual()) {
      throw new IllegalArgumentException("generate: the object needs metadata.name");
    }
    return new GenerateAction(object);
  }
}
