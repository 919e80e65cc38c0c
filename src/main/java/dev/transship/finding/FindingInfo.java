package dev.transship.finding;

import java.util.Set;

/**
 * The catalogue entry of a finding id that convert emits (lint checks have their {@code CheckInfo}).
 *
 * @param severities the levels the id is emitted with
 * @param help what the finding means and what to do about it
 */
public record FindingInfo(String id, Set<Severity> severities, String title, String help) {
  public FindingInfo {
    severities = Set.copyOf(severities);
  }

  /** The worst level, for a SARIF rule's default. */
  public Severity worst() {
    return severities.stream().max(Enum::compareTo).orElse(Severity.INFO);
  }
}
