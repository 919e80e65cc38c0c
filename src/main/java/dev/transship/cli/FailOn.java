package dev.transship.cli;

import dev.transship.finding.Severity;
import java.util.Locale;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/** {@code --fail-on}: the least severe finding that makes lint and convert exit 1, or none. */
enum FailOn {
  ERROR(Severity.ERROR),
  WARNING(Severity.WARNING),
  NEVER(null);

  private final Severity threshold;

  FailOn(Severity threshold) {
    this.threshold = threshold;
  }

  static FailOn parse(CommandSpec spec, String value) {
    try {
      return valueOf(value.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), "--fail-on must be error, warning or never, not '" + value + "'");
    }
  }

  /** Whether a finding of this severity reaches the threshold. */
  boolean reachedBy(Severity severity) {
    return threshold != null && severity.compareTo(threshold) >= 0;
  }

  /** The threshold, or null for never. */
  Severity threshold() {
    return threshold;
  }
}
