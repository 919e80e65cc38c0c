package dev.transship.lint.output;

import dev.transship.finding.Finding;
import dev.transship.finding.FindingLog;
import dev.transship.finding.Severity;
import dev.transship.lint.CheckInfo;
import dev.transship.report.Markup;
import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * JUnit XML for GitLab and Jenkins: one test case per check and object with findings, and one
 * passing case per check that found nothing, so the checks that ran show. A case fails when its
 * findings are at or above {@code --fail-on} (errors under {@code never}, so the report still shows
 * what is broken): by default the test report is red exactly when the job is.
 */
public final class JunitOutput {
  private JunitOutput() {}

  /** The findings of one check on one object, at one severity: adjacent in {@link FindingLog#ORDER}. */
  private record Case(Severity severity, String check, Finding first, List<String> messages) {
    boolean takes(Finding f) {
      return f.severity() == severity && f.check().equals(check) && Objects.equals(f.object(), first.object());
    }
  }

  /** Visits the cases in report order. */
  private interface CaseVisitor {
    void visit(Case c) throws IOException;
  }

  /**
   * @param failAt the lowest severity that fails a case; null (--fail-on never) counts as error,
   *     so the report still shows what is broken
   */
  public static void write(LintReport report, Severity failAt, Writer out) throws IOException {
    Severity threshold = failAt == null ? Severity.ERROR : failAt;
    List<CheckInfo> quiet = report.catalogue().stream().filter(c -> !report.findings().checks().contains(c.id())).toList();
    long[] cases = {quiet.size(), 0};
    forEachCase(report.findings(), c -> {
      cases[0]++;
      cases[1] += c.severity().compareTo(threshold) >= 0 ? 1 : 0;
    });
    String counts = "tests=\"" + cases[0] + "\" failures=\"" + cases[1] + "\"";
    out.write("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"transship lint\" " + counts + ">\n");
    out.write("  <testsuite name=\"transship lint " + xml(report.input()) + "\" " + counts + " errors=\"0\" skipped=\"0\">\n");
    for (CheckInfo check : quiet) {
      out.write("    <testcase classname=\"" + xml(check.id()) + "\" name=\"" + xml(check.title()) + "\"/>\n");
    }
    forEachCase(report.findings(), c -> {
      Finding f = c.first();
      out.write("    <testcase classname=\"" + xml(c.check()) + "\" name=\"" + xml(f.object() == null ? "backup" : f.object().toString()) + "\">\n");
      String text = String.join("\n", c.messages());
      if (c.severity().compareTo(threshold) < 0) {
        out.write("      <system-out>" + xml(c.severity().label() + ": " + text) + "</system-out>\n    </testcase>\n");
        return;
      }
      out.write("      <failure message=\"" + xml(c.messages().get(0)) + "\" type=\"" + c.severity().label() + "\">"
          + xml(text + (f.hint().isEmpty() ? "" : "\nFix: " + f.hint()) + (f.object() == null ? "" : "\nItem: " + f.object().itemPath()))
          + "</failure>\n    </testcase>\n");
    });
    out.write("  </testsuite>\n</testsuites>\n");
  }

  private static void forEachCase(FindingLog findings, CaseVisitor visitor) throws IOException {
    Case[] open = {null};
    findings.forEach(f -> {
      if (open[0] != null && open[0].takes(f)) {
        open[0].messages().add(f.message());
        return;
      }
      if (open[0] != null) {
        visitor.visit(open[0]);
      }
      List<String> messages = new ArrayList<>();
      messages.add(f.message());
      open[0] = new Case(f.severity(), f.check(), f, messages);
    });
    if (open[0] != null) {
      visitor.visit(open[0]);
    }
  }

  private static String xml(String s) {
    return Markup.escape(s);
  }
}
