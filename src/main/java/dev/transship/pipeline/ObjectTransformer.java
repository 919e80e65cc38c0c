package dev.transship.pipeline;

import dev.transship.TransshipException;
import dev.transship.archive.ArchiveItem;
import dev.transship.archive.RawItem;
import java.util.List;

/**
 * Rewrites a backup object by object. Whatever needs a whole-backup view (which Services an Ingress
 * points at, which PVs have file-system backups) is collected in {@link #index}, a cheap first pass
 * over the same stream that keeps only small facts.
 */
public interface ObjectTransformer {
  /** The identity: every object is written as it was. */
  ObjectTransformer IDENTITY = new ObjectTransformer() {
    @Override
    public boolean mayChange(RawItem item) {
      return false;
    }

    @Override
    public boolean changesNothing() {
      return true;
    }

    @Override
    public Outcome transform(ArchiveItem item) {
      return Outcome.unchanged(new Emitted(item.path().key(), item.object(), item.raw()));
    }
  };

  /**
   * Whether every item comes out as it went in, whatever the backup holds: then a conversion copies
   * the source's compressed tarball byte for byte instead of compressing it again.
   */
  default boolean changesNothing() {
    return false;
  }

  /** Whether {@link #index} must see every object before {@link #transform} sees the first. */
  default boolean needsIndex() {
    return false;
  }

  /** Whether {@link #index} needs this item, judged from its path and bytes before it is parsed. */
  default boolean indexes(RawItem item) {
    return needsIndex();
  }

  default void index(ArchiveItem item) throws TransshipException {}

  /**
   * Whether {@link #transform} of this item reads what {@link #index} learned from the whole
   * backup. Such items wait until the pass has indexed every item; the rest are transformed as
   * they stream by, in the same pass.
   */
  default boolean readsIndex(RawItem item) {
    return needsIndex();
  }

  /**
   * Whether {@link #transform} could change or report on this item, judged from its path and bytes
   * before it is parsed. Items it cannot are written as they were stored, never parsed: most of a
   * backup, for a pack that rewrites workloads and Ingresses.
   */
  default boolean mayChange(RawItem item) {
    return true;
  }

  Outcome transform(ArchiveItem item) throws TransshipException;

  /** Generated objects not tied to a single input object, written after all others. */
  default Outcome finish() throws TransshipException {
    return new Outcome(false, List.of(), List.of());
  }
}
