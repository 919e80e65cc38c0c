package dev.transship.lint;

import dev.transship.finding.Severity;

/**
 * The catalogue entry of a check.
 *
 * @param id stable, kebab-case, used in suppressions and baselines
 * @param why why it matters for a restore or migration
 * @param fix how to fix it
 */
public record CheckInfo(String id, Severity severity, String title, String why, String fix) {}
