package dev.transship.lint.output;

import dev.transship.finding.Finding;
import dev.transship.finding.Severity;
import java.io.PrintWriter;
import java.util.Comparator;
import java.util.List;

/** Findings for a terminal: grouped by severity, then object; colour only on a terminal without NO_COLOR. */
public final class TextOutput {
  private TextOutput() {}

  public static void write(LintReport report, PrintWriter out, boolean colour) {
    for (Severity severity : List.of(Severity.ERROR, Severity.WARNING, Severity.INFO)) {
      List<Finding> group = report.findings().stream().filter(f -> f.severity() == severity)
          .sorted(Comparator.comparing((Finding f) -> f.object() == null ? "" : f.object().toString()).thenComparing(Finding::check))
          .toList();
      if (group.isEmpty()) {
        continue;
      }
      out.println(paint(colour, severity, severity.label().toUpperCase() + "S (" + group.size() + ")"));
      String lastObject = null;
      for (Finding f : group) {
        String object = f.object() == null ? "(backup)" : f.object().toString();
        if (!object.equals(lastObject)) {
          out.println("  " + object);
          lastObject = object;
        }
        out.println("    " + paint(colour, severity, f.check()) + ": " + f.message());
        if (!f.hint().isEmpty()) {
          out.println("      fix: " + f.hint());
        }
      }
      out.println();
    }
    out.printf("%s: %d objects, %d errors, %d warnings, %d info%s%n", report.input(), report.objects(), report.count(Severity.ERROR),
        report.count(Severity.WARNING), report.count(Severity.INFO), report.suppressed() > 0 ? ", " + report.suppressed() + " suppressed" : "");
  }

  private static String paint(boolean colour, Severity severity, String text) {
    if (!colour) {
      return text;
    }
    String code = severity == Severity.ERROR ? "31" : severity == Severity.WARNING ? "33" : "36";
    return "\u001b[" + code + ";1m" + text + "\u001b[0m";
  }
}
