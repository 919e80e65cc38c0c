package dev.transship.lint;

import dev.transship.TransshipException;
import dev.transship.archive.ArchiveItem;
import dev.transship.finding.Finding;
import dev.transship.finding.FindingLog;
import dev.transship.finding.ObjectRef;
import dev.transship.finding.Severity;
import dev.transship.kube.KubeObject;
import dev.transship.rules.RuleEngine;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Runs the check catalogue (and, given rule packs, the rules' warnings and errors) over every
 * object in one streaming pass, applying per-object {@code transship.dev/ignore} annotations and
 * the baseline as findings arrive. Memory holds what checks keep, never the objects; the findings
 * spill to disk past a bound ({@link FindingLog}).
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

  /** Whether {@code id} names a rule pack's finding ({@code rule:<check>}), which suppressions may name too. */
  public static boolean isRuleId(String id) {
    return id.startsWith(RULE_PREFIX) && id.length() > RULE_PREFIX.length();
  }

  /** The result: findings kept (in {@link FindingLog#ORDER}), and how many were suppressed. Close it to drop spilled findings. */
  public record Result(FindingLog findings, long suppressed, long objects) implements AutoCloseable {
    @Override
    public void close() {
      findings.close();
    }
  }

  public Result run(LintInput input, LintOptions options) throws TransshipException {
    Set<String> known = new HashSet<>();
    checks.forEach(c -> known.add(c.info().id()));
    if (rules != null && rules.needsIndex()) {
      input.forEach(rules::index);
    }
    Map<String, Set<String>> ignoredByObject = new HashMap<>();
    FindingLog kept = new FindingLog();
    long[] counts = {0, 0}; // objects, suppressed
    Consumer<Finding> sink = f -> {
      String path = Suppressions.path(f);
      if (ignoredByObject.getOrDefault(path, Set.of()).contains(f.check()) || baseline.suppressed(f.check(), path)) {
        counts[1]++;
      } else {
        kept.add(f);
      }
    };
    LintContext ctx = new LintContext(options, sink);
    try {
      input.forEach(item -> {
        counts[0]++;
        KubeObject object = item.kube();
        Set<String> ignored = ignoreAnnotation(input, item, known);
        if (!ignored.isEmpty()) {
          ignoredByObject.put(item.path().entryName(), ignored);
        }
        for (Check check : checks) {
          check.inspect(item.path().key(), object, ctx);
        }
        if (rules != null) {
          for (Finding f : rules.transform(item).findings()) {
            if (f.severity() != Severity.INFO) {
              sink.accept(new Finding(f.severity(), RULE_PREFIX + f.check(), f.object(), f.message(), f.hint()));
            }
          }
        }
      });
      checks.forEach(c -> c.finish(ctx));
      if (rules != null) {
        rules.finish(); // the rules' own end-of-backup checks, e.g. a --set value that occurs nowhere
      }
    } catch (TransshipException | RuntimeException e) {
      kept.close();
      if (e instanceof UncheckedIOException io) {
        throw new TransshipException(io.getMessage());
      }
      throw e;
    }
    return new Result(kept, counts[1], counts[0]);
  }

  private static Set<String> ignoreAnnotation(LintInput input, ArchiveItem item, Set<String> known) throws TransshipException {
    String value = item.kube().annotation(Suppressions.IGNORE_ANNOTATION);
    if (value == null || value.isBlank()) {
      return Set.of();
    }
    Set<String> ids = new HashSet<>();
    for (String id : value.split(",")) {
      String trimmed = id.trim();
      if (!known.contains(trimmed) && !isRuleId(trimmed)) {
        throw new TransshipException(input.where(item) + ": " + ObjectRef.of(item.kube(), item.path().key()) + ": annotation "
            + Suppressions.IGNORE_ANNOTATION + " names unknown check '" + trimmed + "' (see transship lint --list-checks)");
      }
      ids.add(trimmed);
    }
    return ids;
  }
}
