package dev.transship.lint.output;

import dev.transship.finding.Finding;
import dev.transship.finding.Severity;
import dev.transship.lint.CheckInfo;
import java.util.List;

/** What every lint output renders: the input, the catalogue that ran, and the findings kept. */
public record LintReport(String input, List<CheckInfo> catalogue, List<Finding> findings, int suppressed, long objects) {
  public long count(Severity severity) {
    return findings.stream().filter(f -> f.severity() == severity).count();
  }

  /** The catalogue entry of a finding; rule findings ({@code rule:...}) have none. */
  public CheckInfo info(String check) {
    return catalogue.stream().filter(c -> c.id().equals(check)).findFirst().orElse(null);
  }
}
