package dev.transship.rules;

import java.util.List;
import java.util.SortedSet;
import java.util.stream.Collectors;

/**
 * Values a user gave a converter parameter that occur nowhere in the backup (almost always a typo:
 * the conversion would succeed and rewrite nothing), and the values of that kind the backup does
 * hold. {@code seen} must never come from Secret data.
 *
 * @param parameter the converter's parameter name
 * @param mapKeys whether {@code values} are keys of a map parameter (else the parameter's own value)
 * @param values the values that match nothing, in the order given
 * @param seenAs what {@code seen} holds, in the plural ("projects", "storage classes")
 * @param seen the values of that kind in the backup, sorted
 */
public record UnmatchedValues(String parameter, boolean mapKeys, List<String> values, String seenAs, SortedSet<String> seen) {
  /** How many seen values a message lists before "and N more". */
  static final int SHOWN = 10;

  /** One clause for the user: {@code parameter fromProject (--set): 'old-projct' occurs nowhere in the backup; projects seen: ...}. */
  public String describe(String spelledAs) {
    String quoted = values.stream().map(v -> "'" + v + "'").collect(Collectors.joining(", "));
    String subject = mapKeys ? (values.size() == 1 ? "key " : "keys ") + quoted : quoted;
    String verb = values.size() == 1 ? " occurs" : " occur";
    return "parameter " + spelledAs + ": " + subject + verb + " nowhere in the backup; " + seenAs + " seen: " + listed(seen);
  }

  private static String listed(SortedSet<String> seen) {
    if (seen.isEmpty()) {
      return "none";
    }
    String shown = seen.stream().limit(SHOWN).collect(Collectors.joining(", "));
    return seen.size() > SHOWN ? shown + " and " + (seen.size() - SHOWN) + " more" : shown;
  }

  /** This with only those values that are also unmatched in {@code other} (one user parameter feeding two actions). */
  public UnmatchedValues alsoUnmatchedIn(UnmatchedValues other) {
    SortedSet<String> both = new java.util.TreeSet<>(seen);
    both.addAll(other.seen());
    return new UnmatchedValues(parameter, mapKeys, values.stream().filter(other.values()::contains).toList(), seenAs, both);
  }
}
