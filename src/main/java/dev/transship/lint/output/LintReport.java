package dev.transship.lint.output;

import dev.transship.finding.Finding;
import dev.transship.finding.FindingLog;
import dev.transship.finding.ObjectRef;
import dev.transship.finding.Severity;
import dev.transship.finding.SourceLocation;
import dev.transship.lint.CheckInfo;
import java.util.List;
import java.util.function.Function;

/**
 * What every lint output renders: the input, the catalogue that ran, and the findings kept.
 *
 * @param locations where a finding's object is written down, as the input knows it (LintInput::locate)
 */
public record LintReport(String input, List<CheckInfo> catalogue, FindingLog findings, long suppressed, long objects,
    Function<ObjectRef, SourceLocation> locations) {
  public long count(Severity severity) {
    return findings.count(severity);
  }

  /** The file and line a finding points at. */
  public SourceLocation location(Finding finding) {
    return locations.apply(finding.object());
  }
}
