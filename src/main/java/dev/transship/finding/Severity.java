package dev.transship.finding;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** How much a finding matters; ordered from least to most severe. */
public enum Severity {
  INFO,
  WARNING,
  ERROR;

  @JsonValue
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Severity parse(String text) {
    return valueOf(text.toUpperCase(Locale.ROOT));
  }
}
