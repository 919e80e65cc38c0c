package dev.transship.testing;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.transship.archive.ItemKey;
import dev.transship.kube.Json;
import dev.transship.kube.KubeObject;
import dev.transship.kube.ResourceCatalog;
import dev.transship.rules.ActionContext;
import dev.transship.rules.ActionFailedException;
import dev.transship.rules.ObjectAction;

/** Drives one action on one object, as the rule engine would. */
public final class Actions {
  private Actions() {}

  /** Parses a YAML (or JSON) object. */
  public static ObjectNode yaml(String text) {
    try {
      return (ObjectNode) Json.YAML.readTree(text);
    } catch (java.io.IOException e) {
      throw new AssertionError(e);
    }
  }

  /** The item key Velero would file the object under. */
  public static ItemKey keyOf(ObjectNode object) {
    KubeObject kube = new KubeObject(object);
    return new ItemKey(new ResourceCatalog().resourceOf(kube).groupResource(), kube.namespace(), kube.name());
  }

  /** The object as a stored item, for the questions an action answers before parsing. */
  public static dev.transship.archive.RawItem rawItem(ObjectNode object) {
    dev.transship.archive.ItemPath path = dev.transship.archive.ItemPath.legacy(keyOf(object));
    return new dev.transship.archive.RawItem(path, path.entryName(), object.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  /** Applies the action to a copy of {@code object} and returns the context to assert on. */
  public static ActionContext apply(ObjectAction action, ObjectNode object) throws ActionFailedException {
    ActionContext ctx = new ActionContext(keyOf(object), new KubeObject(object.deepCopy()), "test-rule");
    action.apply(ctx);
    return ctx;
  }
}
