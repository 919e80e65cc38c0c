package dev.transship.lint.output;

import dev.transship.finding.Finding;
import dev.transship.finding.Severity;
import dev.transship.lint.CheckInfo;
import java.util.List;

/**
 * JUnit XML for GitLab and Jenkins: a test case per check and object with findings (failures for
 * errors and warnings), and one passing case per check that found nothing, so the checks that ran show.
 */
public final class JunitOutput {
  private JunitOutput() {}

  public static String render(LintReport report) {
    StringBuilder cases = new StringBuilder();
    int tests = 0;
    int failures = 0;
    for (CheckInfo check : report.catalogue()) {
      List<Finding> found = report.findings().stream().filter(f -> f.check().equals(check.id())).toList();
      if (found.isEmpty()) {
        tests++;
        cases.append("    <testcase classname=\"").append(xml(check.id())).append("\" name=\"").append(xml(check.title())).append("\"/>\n");
      }
    }
    for (Finding f : report.findings()) {
      tests++;
      cases.append("    <testcase classname=\"").append(xml(f.check())).append("\" name=\"").append(xml(f.object() == null ? "backup" : f.object().toString())).append("\"");
      if (f.severity() == Severity.INFO) {
        cases.append(">\n      <system-out>").append(xml(f.message())).append("</system-out>\n    </testcase>\n");
        continue;
      }
      failures++;
      cases.append(">\n      <failure message=\"").append(xml(f.message())).append("\" type=\"").append(f.severity().label()).append("\">")
          .append(xml(f.message() + (f.hint().isEmpty() ? "" : "\nFix: " + f.hint()) + (f.object() == null ? "" : "\nItem: " + f.object().itemPath())))
          .append("</failure>\n    </testcase>\n");
    }
    return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"transship lint\" tests=\"" + tests + "\" failures=\"" + failures + "\">\n"
        + "  <testsuite name=\"transship lint " + xml(report.input()) + "\" tests=\"" + tests + "\" failures=\"" + failures + "\" errors=\"0\" skipped=\"0\">\n"
        + cases + "  </testsuite>\n</testsuites>\n";
  }

  static String xml(String s) {
    StringBuilder out = new StringBuilder(s.length());
    for (char c : s.toCharArray()) {
      switch (c) {
        case '<': out.append("&lt;"); break;
        case '>': out.append("&gt;"); break;
        case '&': out.append("&amp;"); break;
        case '"': out.append("&quot;"); break;
        case '\'': out.append("&apos;"); break;
        default:
          if (c >= 0x20 || c == '\n' || c == '\t' || c == '\r') {
            out.append(c);
          }
      }
    }
    return out.toString();
  }
}
