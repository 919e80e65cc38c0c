package dev.transship.lint.output;

import dev.transship.finding.FindingLog;
import dev.transship.finding.Severity;
import dev.transship.lint.CheckInfo;
import java.util.List;

/** What every lint output renders: the input, the catalogue that ran, and the findings kept. */
public record LintReport(String input, List<CheckInfo> catalogue, FindingLog findings, long suppressed, long objects) {
  public long count(Severity severity) {
    return findings.count(severity);
  }
}
