package dev.transship.cli;

import dev.transship.finding.Finding;
import dev.transship.finding.Severity;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Errors and warnings on a terminal at any scale: each one when there are few (or with {@code
 * -v}), else one line per check with its count and a few examples; the report has the rest.
 */
final class FindingSummary {
  /** Up to this many findings are listed one by one. */
  static final int LIST_ALL_UP_TO = 20;
  static final int EXAMPLES = 3;

  private FindingSummary() {}

  static void print(PrintWriter out, List<Finding> findings, boolean verbose) {
    List<Finding> shown = findings.stream().filter(f -> f.severity() != Severity.INFO).toList();
    if (verbose || shown.size() <= LIST_ALL_UP_TO) {
      shown.forEach(f -> out.printf("  %-7s %-28s %s: %s%n", f.severity().label(), f.check(), f.object(), f.message()));
      return;
    }
    Map<String, List<Finding>> byCheck = new LinkedHashMap<>();
    shown.stream()
        .sorted(Comparator.comparing(Finding::severity).reversed())
        .forEach(f -> byCheck.computeIfAbsent(f.severity().label() + " " + f.check(), k -> new ArrayList<>()).add(f));
    List<Map.Entry<String, List<Finding>>> groups = new ArrayList<>(byCheck.entrySet());
    groups.sort(Comparator.<Map.Entry<String, List<Finding>>, Severity>comparing(e -> e.getValue().get(0).severity()).reversed()
        .thenComparing(e -> -e.getValue().size()));
    for (Map.Entry<String, List<Finding>> group : groups) {
      Finding first = group.getValue().get(0);
      out.printf("  %-7s %-28s %,d%n", first.severity().label(), first.check(), group.getValue().size());
      group.getValue().stream().limit(EXAMPLES).forEach(f -> out.printf("          %s: %s%n", f.object(), f.message()));
      if (group.getValue().size() > EXAMPLES) {
        out.printf("          ... and %,d more%n", group.getValue().size() - EXAMPLES);
      }
    }
    out.printf("  (%,d errors and warnings by check; -v lists each one)%n", shown.size());
  }
}
