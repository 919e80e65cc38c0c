package dev.transship.archive;

/** A set of item keys at 8 bytes a key (a 64-bit hash), so it stays small for huge backups. */
public final class ItemKeySet {
  private final LongSet hashes = new LongSet();

  /** Adds a key; false when it was already present. */
  public boolean add(ItemKey key) {
    return hashes.add(LongSet.hash(key.toString()));
  }

  public boolean contains(ItemKey key) {
    return hashes.contains(LongSet.hash(key.toString()));
  }
}
