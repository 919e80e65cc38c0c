package dev.transship.cli;

import dev.transship.finding.Finding;
import dev.transship.finding.FindingLog;
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

  /** One check's findings at one severity: how many, and the first few in the log's order. */
  private static final class Group {
    final Finding first;
    final List<Finding> examples = new ArrayList<>();
    long count;

    Group(Finding first) {
      this.first = first;
    }
  }

  /** Reads the errors and warnings of {@code findings} once, in its order (most severe first), holding a few examples per check. */
  static void print(PrintWriter out, FindingLog findings, boolean verbose) {
    long shown = findings.count(Severity.ERROR) + findings.count(Severity.WARNING);
    if (verbose || shown <= LIST_ALL_UP_TO) {
      findings.forEach(Severity.WARNING, f -> out.printf("  %-7s %-28s %s: %s%n", f.severity().label(), f.check(), f.object(), f.message()));
      return;
    }
    Map<String, Group> byCheck = new LinkedHashMap<>();
    findings.forEach(Severity.WARNING, f -> {
      Group group = byCheck.computeIfAbsent(f.severity().label() + " " + f.check(), k -> new Group(f));
      if (group.count++ < EXAMPLES) {
        group.examples.add(f);
      }
    });
    List<Group> groups = new ArrayList<>(byCheck.values());
    groups.sort(Comparator.<Group, Severity>comparing(g -> g.first.severity()).reversed().thenComparing(g -> -g.count));
    for (Group group : groups) {
      out.printf("  %-7s %-28s %,d%n", group.first.severity().label(), group.first.check(), group.count);
      group.examples.forEach(f -> out.printf("          %s: %s%n", f.object(), f.message()));
      if (group.count > EXAMPLES) {
        out.printf("          ... and %,d more%n", group.count - EXAMPLES);
      }
    }
    out.printf("  (%,d errors and warnings by check; -v lists each one)%n", shown);
  }
}
