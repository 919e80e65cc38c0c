package dev.transship.rules;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A Kubernetes label selector: {@code matchLabels} and {@code matchExpressions} (In, NotIn,
 * Exists, DoesNotExist), or the string form {@code app=web,tier!=db,env in (a,b),!legacy}.
 */
public final class LabelSelector {
  private record Requirement(String key, String operator, Set<String> values) {
    boolean matches(Map<String, String> labels) {
      String value = labels.get(key);
      switch (operator) {
        case "In":
          return value != null && values.contains(value);
        case "NotIn":
          return value == null || !values.contains(value);
        case "Exists":
          return value != null;
        case "DoesNotExist":
          return value == null;
        default:
          throw new IllegalStateException(operator);
      }
    }
  }

  private final List<Requirement> requirements;

  private LabelSelector(List<Requirement> requirements) {
    this.requirements = requirements;
  }

  public boolean matches(Map<String, String> labels) {
    return requirements.stream().allMatch(r -> r.matches(labels));
  }

  /** @throws IllegalArgumentException with a user-facing message */
  public static LabelSelector parse(JsonNode node) {
    List<Requirement> out = new ArrayList<>();
    if (node.isTextual()) {
      for (String term : splitTerms(node.asText())) {
        out.add(parseTerm(term.trim()));
      }
      return new LabelSelector(out);
    }
    if (!node.isObject()) {
      throw new IllegalArgumentException("labelSelector must be a string or a map with matchLabels/matchExpressions");
    }
    node.fieldNames().forEachRemaining(f -> {
      if (!f.equals("matchLabels") && !f.equals("matchExpressions")) {
        throw new IllegalArgumentException("unknown labelSelector field '" + f + "' (expected matchLabels, matchExpressions)");
      }
    });
    node.path("matchLabels").fields().forEachRemaining(e -> out.add(new Requirement(e.getKey(), "In", Set.of(e.getValue().asText()))));
    for (JsonNode expr : node.path("matchExpressions")) {
      String op = expr.path("operator").asText();
      if (!List.of("In", "NotIn", "Exists", "DoesNotExist").contains(op)) {
        throw new IllegalArgumentException("matchExpressions operator '" + op + "' is not In, NotIn, Exists or DoesNotExist");
      }
      Set<String> values = new TreeSet<>();
      expr.path("values").forEach(v -> values.add(v.asText()));
      out.add(new Requirement(expr.path("key").asText(), op, values));
    }
    return new LabelSelector(out);
  }

  private static List<String> splitTerms(String text) {
    List<String> terms = new ArrayList<>();
    int depth = 0;
    StringBuilder current = new StringBuilder();
    for (char c : text.toCharArray()) {
      if (c == '(') {
        depth++;
      } else if (c == ')') {
        depth--;
      }
      if (c == ',' && depth == 0) {
        terms.add(current.toString());
        current.setLength(0);
      } else {
        current.append(c);
      }
    }
    if (!current.toString().isBlank()) {
      terms.add(current.toString());
    }
    return terms;
  }

  private static Requirement parseTerm(String term) {
    var setMatcher = java.util.regex.Pattern.compile("^([\\w./-]+)\\s+(in|notin)\\s+\\(([^)]*)\\)$").matcher(term);
    if (setMatcher.matches()) {
      Set<String> values = new TreeSet<>();
      for (String v : setMatcher.group(3).split(",")) {
        values.add(v.trim());
      }
      return new Requirement(setMatcher.group(1), setMatcher.group(2).equals("in") ? "In" : "NotIn", values);
    }
    if (term.contains("!=")) {
      String[] kv = term.split("!=", 2);
      return new Requirement(kv[0].trim(), "NotIn", Set.of(kv[1].trim()));
    }
    if (term.contains("=")) {
      String[] kv = term.split("==?", 2);
      return new Requirement(kv[0].trim(), "In", Set.of(kv[1].trim()));
    }
    if (term.startsWith("!")) {
      return new Requirement(term.substring(1).trim(), "DoesNotExist", Set.of());
    }
    if (term.matches("[\\w./-]+")) {
      return new Requirement(term, "Exists", Set.of());
    }
    throw new IllegalArgumentException("cannot parse label selector term '" + term + "'");
  }
}
