package dev.transship.rules;

import dev.transship.TransshipException;
import dev.transship.archive.ItemKey;
import dev.transship.kube.KubeObject;

/**
 * One step a rule takes on a matched object. Generic actions (patches, labels, image rewrites) and
 * the built-in converters share this interface, so a rule pack calls either and tests drive them
 * the same way.
 */
public interface ObjectAction {
  /**
   * Edits {@code ctx.object()} in place, or reports, generates or drops through {@code ctx}.
   *
   * @throws ActionFailedException when the action cannot apply to this object (a patch path that
   *     does not exist, say); the engine names the object and the rule
   */
  void apply(ActionContext ctx) throws ActionFailedException;

  /**
   * Whether {@link #index} must see every object of the backup first. Converters that need a
   * whole-backup view (which Services an Ingress routes to) say yes and keep only small facts.
   */
  default boolean needsIndex() {
    return false;
  }

  /** Sees every object of the backup, unmodified, before any {@link #apply}. */
  default void index(ItemKey key, KubeObject object) throws TransshipException {}
}
