package dev.transship.lint;

import dev.transship.finding.Finding;
import dev.transship.finding.ObjectRef;
import java.util.ArrayList;
import java.util.List;

/** Where checks report, and what they check against. */
public final class LintContext {
  private final LintOptions options;
  private final List<Finding> findings = new ArrayList<>();

  public LintContext(LintOptions options) {
    this.options = options;
  }

  public LintOptions options() {
    return options;
  }

  /** Reports a finding of {@code check} at its catalogue severity. */
  public void report(CheckInfo check, ObjectRef object, String message) {
    findings.add(new Finding(check.severity(), check.id(), object, message, check.fix()));
  }

  /** Reports with a hint specific to this object instead of the catalogue's fix. */
  public void report(CheckInfo check, ObjectRef object, String message, String hint) {
    findings.add(new Finding(check.severity(), check.id(), object, message, hint));
  }

  public List<Finding> findings() {
    return findings;
  }
}
