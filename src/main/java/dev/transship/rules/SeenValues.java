package dev.transship.rules;

import java.util.Collection;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * What an index pass saw of one kind of value (storage class names, role ARNs), for the message when
 * a parameter matches none of them. Bounded, so memory does not grow with the backup: past {@link
 * #LIMIT} distinct values only the count of further sightings grows.
 */
public final class SeenValues {
  static final int LIMIT = 1000;
  private final TreeSet<String> values = new TreeSet<>();

  public void add(String value) {
    if (value != null && !value.isEmpty() && values.size() < LIMIT) {
      values.add(value);
    }
  }

  public boolean contains(String value) {
    return values.contains(value);
  }

  /** The values seen, sorted. */
  public SortedSet<String> sorted() {
    return values;
  }

  /**
   * The values of {@code given} (as the user wrote them) not in {@code matched}, or null when all
   * matched; {@code seenAs} names the kind in the plural.
   */
  public UnmatchedValues unmatched(String parameter, boolean mapKeys, Collection<String> given, Collection<String> matched, String seenAs) {
    var missing = given.stream().filter(v -> !matched.contains(v)).toList();
    return missing.isEmpty() ? null : new UnmatchedValues(parameter, mapKeys, missing, seenAs, values);
  }
}
