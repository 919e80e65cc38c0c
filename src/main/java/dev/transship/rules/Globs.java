package dev.transship.rules;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * A match's resource or namespace globs, any of which may match. Asked of every item for every
 * rule, while a backup holds a few dozen resources and namespaces: each answer is computed once.
 */
final class Globs {
  static final Globs ANY = new Globs(List.of());

  private final List<Pattern> patterns;
  private final Map<String, Boolean> answers = new ConcurrentHashMap<>();

  Globs(List<Pattern> patterns) {
    this.patterns = List.copyOf(patterns);
  }

  /** True when no glob was given. */
  boolean any() {
    return patterns.isEmpty();
  }

  boolean matches(String value) {
    if (patterns.isEmpty()) {
      return true;
    }
    Boolean known = answers.get(value);
    if (known == null) {
      known = patterns.stream().anyMatch(p -> p.matcher(value).matches());
      answers.put(value, known);
    }
    return known;
  }
}
