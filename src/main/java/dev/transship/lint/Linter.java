package dev.transship.lint;

import dev.transship.TransshipException;
import dev.transship.archive.ArchiveItem;
import dev.transship.convert.Outcome;
import dev.transship.finding.Finding;
import dev.transship.finding.ObjectRef;
import dev.transship.finding.Severity;
import dev.transship.kube.KubeObject;
import dev.transship.rules.RuleEngine;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Runs the check catalogue (and, given rule packs, the rules' warnings and errors) over every
 * object in one streaming pass, applying per-object {@code transship.dev/ignore} annotations and
 * the baseline. Memory holds the findings and what checks keep, never the objects.
 */
public final class Linter {
  /** Prefix of findings that come from rule packs rather than the catalogue. */
  public static final String RULE_PREFIX = "rule:";

  private final List<Check> checks;
  private final RuleEngine rules;
  private final Suppressions baseline;

  public Linter(List<Check> checks, RuleEngine rules, Suppressions baseline) {
    this.checks = checks;
    this.rules = rules;
    this.baseline = baseline;
  }

  /** The result: findings kept, and how many were suppressed. */
  public record Result(List<Finding> findings, int suppressed, long objects) {}

  public Result run(LintInput input, LintOptions options) throws TransshipException {
    Set<String> known = new HashSet<>();
    checks.forEach(c -> known.add(c.info().id()));
    if (rules != null && rules.needsIndex()) {
      input.forEach(rules::index);
    }
    LintContext ctx = new LintContext(options);
    Map<String, Set<String>> ignoredByObject = new HashMap<>();
    long[] objects = {0};
    List<Finding> ruleFindings = new ArrayList<>();
    input.forEach(item -> {
      objects[0]++;
      KubeObject object = item.kube();
      Set<String> ignored = ignoreAnnotation(item, known);
      if (!ignored.isEmpty()) {
        ignoredByObject.put(item.path().entryName(), ignored);
      }
      for (Check check : checks) {
        check.inspect(item.path().key(), object, ctx);
      }
      if (rules != null) {
        Outcome outcome = rules.transform(item);
        for (Finding f : outcome.findings()) {
          if (f.severity() != Severity.INFO) {
            ruleFindings.add(new Finding(f.severity(), RULE_PREFIX + f.check(), f.object(), f.message(), f.hint()));
          }
        }
      }
    });
    checks.forEach(c -> c.finish(ctx));
    List<Finding> all = new ArrayList<>(ctx.findings());
    all.addAll(ruleFindings);
    List<Finding> kept = new ArrayList<>();
    int suppressed = 0;
    for (Finding f : all) {
      String path = f.object() == null ? "" : f.object().itemPath();
      boolean byAnnotation = ignoredByObject.getOrDefault(path, Set.of()).contains(f.check());
      if (byAnnotation || baseline.suppressed(f)) {
        suppressed++;
      } else {
        kept.add(f);
      }
    }
    return new Result(kept, suppressed, objects[0]);
  }

  private static Set<String> ignoreAnnotation(ArchiveItem item, Set<String> known) throws TransshipException {
    String value = item.kube().annotation(Suppressions.IGNORE_ANNOTATION);
    if (value == null || value.isBlank()) {
      return Set.of();
    }
    Set<String> ids = new HashSet<>();
    for (String id : value.split(",")) {
      String trimmed = id.trim();
      if (!known.contains(trimmed) && !trimmed.startsWith(RULE_PREFIX)) {
        throw new TransshipException(ObjectRef.of(item.kube(), item.path().key()) + ": annotation "
            + Suppressions.IGNORE_ANNOTATION + " names unknown check '" + trimmed + "' (see transship lint --list-checks)");
      }
      ids.add(trimmed);
    }
    return ids;
  }
}
