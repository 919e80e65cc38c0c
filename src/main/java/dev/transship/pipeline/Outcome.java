package dev.transship.pipeline;

import dev.transship.archive.ItemKey;
import dev.transship.finding.Finding;
import java.util.List;

/**
 * What became of one backed-up object: the objects to write in its place (none when dropped; more
 * than one when a converter generated companions), whether the object itself changed, and what
 * the rules had to say about it.
 */
public record Outcome(boolean changed, List<Emitted> objects, List<Finding> findings) {
  /**
   * What was written in place of the object stored at {@code original}: the emitted object at the
   * same key, or at the key of another API group when a rule moved it there (a converted
   * apiVersion); null when it was dropped.
   */
  public Emitted self(ItemKey original) {
    Emitted moved = null;
    for (Emitted e : objects) {
      if (e.key().equals(original)) {
        return e;
      }
      if (moved == null && e.key().isMovedFrom(original)) {
        moved = e;
      }
    }
    return moved;
  }

  public static Outcome unchanged(Emitted original) {
    return new Outcome(false, List.of(original), List.of());
  }
}
