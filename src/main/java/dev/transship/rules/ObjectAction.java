package dev.transship.rules;

import dev.transship.TransshipException;
import dev.transship.archive.ItemKey;
import dev.transship.kube.KubeObject;
import java.util.List;

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

  /**
   * Sees, in the index pass, each object of the backup this action's rule matches, unmodified; only
   * called when the user set one of the parameters {@link #unmatched} checks. Keeps small facts.
   */
  default void observe(ItemKey key, KubeObject object) {}

  /**
   * After {@link #observe} saw the backup: the values of this action's parameters that occur
   * nowhere in it (a project ID, a map key), each with what the backup does hold. Empty when every
   * value matched something or the action checks none.
   */
  default List<UnmatchedValues> unmatched() {
    return List.of();
  }
}
