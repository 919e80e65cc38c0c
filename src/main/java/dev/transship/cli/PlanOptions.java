package dev.transship.cli;

import dev.transship.TransshipException;
import dev.transship.kube.KubeNames;
import dev.transship.plan.DuplicationPolicy;
import dev.transship.plan.Planner;
import dev.transship.plan.StageAssignment;
import dev.transship.rules.RuleBook;
import dev.transship.rules.RulePack;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/** Options that shape a restore plan, shared by {@code convert --plan} and {@code plan}. */
final class PlanOptions {
  @Option(names = "--cronjob-default", paramLabel = "POLICY", defaultValue = "forbidden",
      description = "Duplication policy of CronJobs without a transship.dev/duplication label: forbidden (safe, default), allowed or disabled.")
  String cronJobDefault;

  @Option(names = "--max-set-size", paramLabel = "N", defaultValue = "10",
      description = "Most CronJobs cut over together in one set (default: ${DEFAULT-VALUE}).")
  int maxSetSize;

  @Option(names = "--cutover-window", paramLabel = "DURATION", defaultValue = "10m",
      description = "How long a cutover takes, e.g. 10m or 1h (default: ${DEFAULT-VALUE}).")
  String window;

  @Option(names = "--cutover-at", paramLabel = "TIME",
      description = "When the cutover starts (ISO-8601, e.g. 2026-11-24T22:00:00Z); default now. Missed runs are listed for it.")
  String cutoverAt;

  @Option(names = "--source-context", paramLabel = "CONTEXT", description = "kubeconfig context of the source cluster.")
  String sourceContext;

  @Option(names = "--target-context", paramLabel = "CONTEXT", description = "kubeconfig context of the target cluster.")
  String targetContext;

  @Option(names = "--velero-namespace", paramLabel = "NS", defaultValue = "velero", description = "Velero's namespace in the target (default: ${DEFAULT-VALUE}).")
  String veleroNamespace;

  Planner.Options toOptions(Instant now, boolean stamp) throws TransshipException {
    DuplicationPolicy policy;
    try {
      policy = DuplicationPolicy.parse(cronJobDefault);
    } catch (IllegalArgumentException e) {
      throw new TransshipException("--cronjob-default: " + e.getMessage());
    }
    if (maxSetSize < 1) {
      throw new TransshipException("--max-set-size must be at least 1");
    }
    Instant at = now;
    if (cutoverAt != null) {
      try {
        // An offset is required; a zone name may follow, as in 2026-11-24T23:00+01:00[Europe/Berlin].
        at = ZonedDateTime.parse(cutoverAt, DateTimeFormatter.ISO_DATE_TIME).toInstant();
      } catch (DateTimeParseException e) {
        throw new TransshipException("--cutover-at: '" + cutoverAt + "' is not an ISO-8601 time with an offset, such as 2026-11-24T22:00Z");
      }
    }
    if (!KubeNames.isDnsLabel(veleroNamespace)) {
      throw new TransshipException("--velero-namespace: '" + veleroNamespace + "' is not a namespace name (lower-case letters, digits and '-')");
    }
    return new Planner.Options(policy, maxSetSize, duration(), at, sourceContext, targetContext, veleroNamespace, stamp);
  }

  /** Options that only mean something for a plan: an error without one, not a silent no-op. */
  void checkUnusedWithoutPlan(CommandSpec spec) {
    if (cutoverAt != null) {
      throw new ParameterException(spec.commandLine(), "--cutover-at needs --plan");
    }
  }

  private Duration duration() throws TransshipException {
    String w = window.trim().toLowerCase(java.util.Locale.ROOT);
    Duration duration = null;
    try {
      if (w.endsWith("m")) {
        duration = Duration.ofMinutes(Long.parseLong(w.substring(0, w.length() - 1)));
      } else if (w.endsWith("h")) {
        duration = Duration.ofHours(Long.parseLong(w.substring(0, w.length() - 1)));
      }
    } catch (NumberFormatException e) {
      // fall through to the error
    }
    if (duration == null || duration.isNegative() || duration.isZero()) {
      throw new TransshipException("--cutover-window: '" + window + "' is not a positive duration such as 10m or 1h");
    }
    return duration;
  }

  /** The stages of the one rule pack that defines {@code stages:}, else the defaults. */
  static StageAssignment stages(RuleBook book) throws TransshipException {
    RulePack defining = null;
    if (book != null) {
      for (RulePack pack : book.packs()) {
        if (pack.stages() != null) {
          if (defining != null) {
            throw new TransshipException(pack.file() + ": defines stages, but so does " + defining.file() + "; keep one stages: section");
          }
          defining = pack;
        }
      }
    }
    return defining == null ? StageAssignment.defaults() : StageAssignment.fromRulePack(defining.yaml(), defining.stages());
  }
}
