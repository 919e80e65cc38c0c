package dev.transship.lint.output;

import dev.transship.finding.Severity;
import java.io.PrintWriter;

/** Findings for a terminal: grouped by severity, then object; colour only on a terminal without NO_COLOR. */
public final class TextOutput {
  private TextOutput() {}

  public static void write(LintReport report, PrintWriter out, boolean colour) {
    // The log is ordered by severity, object and check, so a group starts where the value changes.
    Severity[] severity = {null};
    String[] object = {null};
    report.findings().forEach(f -> {
      if (f.severity() != severity[0]) {
        if (severity[0] != null) {
          out.println();
        }
        severity[0] = f.severity();
        object[0] = null;
        out.println(paint(colour, f.severity(), f.severity().label().toUpperCase() + "S (" + report.count(f.severity()) + ")"));
      }
      String name = f.object() == null ? "(backup)" : f.object().toString();
      if (!name.equals(object[0])) {
        out.println("  " + name);
        object[0] = name;
      }
      out.println("    " + paint(colour, f.severity(), f.check()) + ": " + f.message());
      if (!f.hint().isEmpty()) {
        out.println("      fix: " + f.hint());
      }
    });
    if (severity[0] != null) {
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
