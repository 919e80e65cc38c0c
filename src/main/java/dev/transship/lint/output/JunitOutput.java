package dev.transship.lint.output;

import dev.transship.finding.Severity;
import dev.transship.lint.CheckInfo;
import dev.transship.report.Markup;
import java.io.IOException;
import java.io.Writer;
import java.util.List;

/**
 * JUnit XML for GitLab and Jenkins: a test case per check and object with findings (failures for
 * errors and warnings), and one passing case per check that found nothing, so the checks that ran show.
 */
public final class JunitOutput {
  private JunitOutput() {}

  public static void write(LintReport report, Writer out) throws IOException {
    List<CheckInfo> quiet = report.catalogue().stream().filter(c -> !report.findings().checks().contains(c.id())).toList();
    long tests = quiet.size() + report.findings().size();
    long failures = report.count(Severity.ERROR) + report.count(Severity.WARNING);
    out.write("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"transship lint\" tests=\"" + tests + "\" failures=\"" + failures + "\">\n");
    out.write("  <testsuite name=\"transship lint " + xml(report.input()) + "\" tests=\"" + tests + "\" failures=\"" + failures
        + "\" errors=\"0\" skipped=\"0\">\n");
    for (CheckInfo check : quiet) {
      out.write("    <testcase classname=\"" + xml(check.id()) + "\" name=\"" + xml(check.title()) + "\"/>\n");
    }
    report.findings().forEach(f -> {
      out.write("    <testcase classname=\"" + xml(f.check()) + "\" name=\"" + xml(f.object() == null ? "backup" : f.object().toString()) + "\"");
      if (f.severity() == Severity.INFO) {
        out.write(">\n      <system-out>" + xml(f.message()) + "</system-out>\n    </testcase>\n");
        return;
      }
      out.write(">\n      <failure message=\"" + xml(f.message()) + "\" type=\"" + f.severity().label() + "\">"
          + xml(f.message() + (f.hint().isEmpty() ? "" : "\nFix: " + f.hint()) + (f.object() == null ? "" : "\nItem: " + f.object().itemPath()))
          + "</failure>\n    </testcase>\n");
    });
    out.write("  </testsuite>\n</testsuites>\n");
  }

  private static String xml(String s) {
    return Markup.escape(s);
  }
}
