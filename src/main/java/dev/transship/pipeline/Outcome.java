package dev.transship.pipeline;

import dev.transship.finding.Finding;
import java.util.List;

/**
 * What became of one backed-up object: the objects to write in its place (none when dropped; more
 * than one when a converter generated companions), whether the object itself changed, and what
 * the rules had to say about it.
 */
public record Outcome(boolean changed, List<Emitted> objects, List<Finding> findings) {
  public static Outcome unchanged(Emitted original) {
    return new Outcome(false, List.of(original), List.of());
  }
}
