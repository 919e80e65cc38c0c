package dev.transship.rules;

import dev.transship.TransshipException;
import dev.transship.archive.ItemKey;
import dev.transship.archive.RawItem;
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

  /** Whether {@link #index} needs this item, judged before it is parsed (by resource, say). */
  default boolean indexes(RawItem item) {
    return needsIndex();
  }

  /**
   * Whether {@link #apply} on this item reads what {@link #index} learned; such items wait until
   * the whole backup was indexed. Every item, unless the action says which.
   */
  default boolean readsIndex(RawItem item) {
    return needsIndex();
  }

  /** Sees every object {@link #indexes} asks for, unmodified, before any {@link #apply}. */
  default void index(ItemKey key, KubeObject object) throws TransshipException {}

  /**
   * Whether {@link #apply} could change or report anything on this item, judged from its path and
   * stored bytes before it is parsed; false lets the item pass through as bytes. Say false only
   * when certain ({@link dev.transship.archive.RawText#mayMention} helps).
   */
  default boolean mayApply(RawItem item) {
    return true;
  }

  /**
   * Whether every change {@link #apply} makes comes with a finding. The engine reports a change
   * by a rule that said nothing ("rule-changed"), and only has to watch rules with an action that
   * does not report (the generic patches).
   */
  default boolean reportsItsChanges() {
    return false;
  }

  /**
   * Sees, before any rule changes it, each object this action's rule matches and could change; only
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
