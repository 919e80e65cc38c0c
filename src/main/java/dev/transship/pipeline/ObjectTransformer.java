package dev.transship.pipeline;

import dev.transship.TransshipException;
import dev.transship.archive.ArchiveItem;
import java.util.List;

/**
 * Rewrites a backup object by object. Whatever needs a whole-backup view (which Services an Ingress
 * points at, which PVs have file-system backups) is collected in {@link #index}, a cheap first pass
 * over the same stream that keeps only small facts.
 */
public interface ObjectTransformer {
  /** The identity: every object is written as it was. */
  ObjectTransformer IDENTITY = item -> Outcome.unchanged(new Emitted(item.path().key(), item.object(), item.raw()));

  /** Whether {@link #index} must see every object before {@link #transform} sees the first. */
  default boolean needsIndex() {
    return false;
  }

  default void index(ArchiveItem item) throws TransshipException {}

  Outcome transform(ArchiveItem item) throws TransshipException;

  /** Generated objects not tied to a single input object, written after all others. */
  default Outcome finish() throws TransshipException {
    return new Outcome(false, List.of(), List.of());
  }
}
