package dev.transship.lint.output;

import dev.transship.finding.Severity;
import dev.transship.report.Markup;
import java.io.PrintWriter;
import java.util.Locale;

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
        out.println(paint(colour, f.severity(), f.severity().label().toUpperCase(Locale.ROOT) + "S (" + report.count(f.severity()) + ")"));
      }
      // Names and messages come from the backup: never let them drive the terminal.
      String name = f.object() == null ? "(backup)" : Markup.printable(f.object().toString());
      if (!name.equals(object[0])) {
        out.println("  " + name);
        object[0] = name;
      }
      out.println("    " + paint(colour, f.severity(), f.check()) + ": " + Markup.printable(f.message()));
      if (!f.hint().isEmpty()) {
        out.println("      fix: " + Markup.printable(f.hint()));
      }
    });
    if (severity[0] != null) {
      out.println();
    }
    out.println(report.input() + ": " + plural(report.objects(), "object") + ", " + plural(report.count(Severity.ERROR), "error") + ", "
        + plural(report.count(Severity.WARNING), "warning") + ", " + report.count(Severity.INFO) + " info"
        + (report.suppressed() > 0 ? ", " + report.suppressed() + " suppressed" : ""));
  }

  /** Colour on a terminal unless NO_COLOR is set to anything non-empty (no-color.org). */
  public static boolean colourFor(boolean terminal, String noColor) {
    return terminal && (noColor == null || noColor.isEmpty());
  }

  private static String plural(long n, String noun) {
    return n + " " + noun + (n == 1 ? "" : "s");
  }

  private static String paint(boolean colour, Severity severity, String text) {
    if (!colour) {
      return text;
    }
    String code = severity == Severity.ERROR ? "31" : severity == Severity.WARNING ? "33" : "36";
    return "\u001b[" + code + ";1m" + text + "\u001b[0m";
  }
}
