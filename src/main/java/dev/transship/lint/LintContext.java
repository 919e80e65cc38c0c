package dev.transship.lint;

import dev.transship.finding.Finding;
import dev.transship.finding.ObjectRef;
import java.util.function.Consumer;

/** Where checks report, and what they check against. */
public final class LintContext {
  private final LintOptions options;
  private final Consumer<Finding> sink;

  /** Checks' findings go to {@code sink} as they are reported. */
  public LintContext(LintOptions options, Consumer<Finding> sink) {
    this.options = options;
    this.sink = sink;
  }

  public LintOptions options() {
    return options;
  }

  /** Reports a finding of {@code check} at its catalogue severity. */
  public void report(CheckInfo check, ObjectRef object, String message) {
    sink.accept(new Finding(check.severity(), check.id(), object, message, check.fix()));
  }

  /** Reports with a hint specific to this object instead of the catalogue's fix. */
  public void report(CheckInfo check, ObjectRef object, String message, String hint) {
    sink.accept(new Finding(check.severity(), check.id(), object, message, hint));
  }
}
