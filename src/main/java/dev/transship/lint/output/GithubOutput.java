package dev.transship.lint.output;

import dev.transship.finding.Severity;
import dev.transship.finding.SourceLocation;
import dev.transship.report.Markup;
import java.io.PrintWriter;

/** GitHub Actions workflow commands: one annotation per finding. */
public final class GithubOutput {
  private GithubOutput() {}

  public static void write(LintReport report, PrintWriter out) {
    report.findings().forEach(f -> {
      String command = f.severity() == Severity.ERROR ? "error" : f.severity() == Severity.WARNING ? "warning" : "notice";
      SourceLocation at = report.location(f);
      out.println("::" + command + " file=" + property(at.file()) + ",line=" + at.line() + ",title=" + property(f.check()) + "::"
          + data((f.object() == null ? "" : f.object() + ": ") + f.message() + (f.hint().isEmpty() ? "" : "\nFix: " + f.hint())));
    });
  }

  /** GitHub's escaping of a command's message; other control characters are shown, not sent to the log. */
  static String data(String s) {
    String escaped = s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A");
    return Markup.printable(escaped);
  }

  /** GitHub's escaping of a command property. */
  static String property(String s) {
    return data(s).replace(":", "%3A").replace(",", "%2C");
  }
}
