package dev.transship.archive;

import java.util.Arrays;

/**
 * An open-addressing set of longs: 8 bytes a member, for remembering 64-bit hashes of names (entry
 * names, baseline keys) where a set of strings would grow with the backup.
 */
public final class LongSet {
  private static final long EMPTY = 0L;
  private long[] slots = new long[1024];
  private int size;
  private boolean hasZero;

  /** Adds a value; returns false when it was already present. */
  public boolean add(long value) {
    if (value == EMPTY) {
      boolean added = !hasZero;
      hasZero = true;
      return added;
    }
    if ((size + 1) * 2 > slots.length) {
      grow();
    }
    int mask = slots.length - 1;
    int i = (int) mix(value) & mask;
    while (slots[i] != EMPTY) {
      if (slots[i] == value) {
        return false;
      }
      i = (i + 1) & mask;
    }
    slots[i] = value;
    size++;
    return true;
  }

  public boolean contains(long value) {
    if (value == EMPTY) {
      return hasZero;
    }
    int mask = slots.length - 1;
    for (int i = (int) mix(value) & mask; slots[i] != EMPTY; i = (i + 1) & mask) {
      if (slots[i] == value) {
        return true;
      }
    }
    return false;
  }

  private void grow() {
    long[] old = slots;
    slots = new long[old.length * 2];
    size = 0;
    Arrays.stream(old).filter(v -> v != EMPTY).forEach(this::add);
  }

  private static long mix(long v) {
    v ^= v >>> 33;
    v *= 0xff51afd7ed558ccdL;
    return v ^ (v >>> 33);
  }

  /** A 64-bit FNV-1a hash: collisions among a million names are vanishingly unlikely. */
  public static long hash(String s) {
    long h = 0xcbf29ce484222325L;
    for (int i = 0; i < s.length(); i++) {
      h ^= s.charAt(i);
      h *= 0x100000001b3L;
    }
    return h;
  }
}
