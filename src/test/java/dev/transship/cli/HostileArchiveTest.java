package dev.transship.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.transship.testing.Backups;
import dev.transship.testing.Cli;
import dev.transship.testing.HostileArchives;
import dev.transship.testing.HostileArchives.Case;
import dev.transship.testing.HostileArchives.Outcome;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every hostile backup of {@link HostileArchives} through {@code inspect}, {@code lint}, {@code
 * convert} (with the EKS -> GKE pack, so the converters meet the odd shapes too) and {@code plan}:
 * one error line naming the file and exit 2, or a warning and a normal exit; never a stack trace,
 * never output left behind by a failed run.
 */
class HostileArchiveTest {
  /** Far above what one run of a 20 MB input needs; a reader that buffered a bomb would pass it. */
  private static final long MAX_ALLOCATED_BYTES = 3L << 30;

  @TempDir Path tmp;

  static Stream<Case> cases() {
    return HostileArchives.all().stream();
  }

  @Test
  void theSuiteCoversAtLeastThirtyCases() {
    List<Case> cases = HostileArchives.all();
    assertTrue(cases.size() >= 30, "only " + cases.size() + " cases");
    assertEquals(cases.size(), cases.stream().map(Case::name).distinct().count(), "case names are unique");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  @Timeout(value = 120, unit = TimeUnit.SECONDS) // a hang guard, not a speed target
  void everyCommandGivesOneClearAnswer(Case hostile) throws Exception {
    Path tarball = Files.write(tmp.resolve("hostile.tar.gz"), hostile.tarball());
    Path dest = Files.createDirectory(tmp.resolve("dest"));
    Path plan = tmp.resolve("plan.yaml");
    Path report = tmp.resolve("report.json");
    String file = tarball.toString();
    List<String[]> commands = List.of(
        new String[] {"inspect", file},
        new String[] {"lint", file, "--target", "gke", "--target-version", "1.32", "--fail-on", "never"},
        new String[] {"convert", file, "--to", dest.toString(), "--name", "copy", "--rules",
            Backups.repoRoot().resolve("rules/eks-to-gke.yaml").toString(), "--set", "gcpProject=acme-prod",
            "--on-error", "report", "--report", report.toString(), "--plan", plan.toString()},
        // no rules: every item passes through unparsed, checked on the token stream
        new String[] {"convert", file, "--to", dest.toString(), "--name", "copy"},
        new String[] {"plan", file, "--output-file", plan.toString()});
    List<String> failures = new ArrayList<>();
    for (String[] args : commands) {
      // Without rules, convert makes exactly the checks inspect makes: no rule or plan looks inside an item.
      boolean identity = args[0].equals("convert") && !List.of(args).contains("--rules");
      Outcome expected = hostile.outcomeFor(identity ? "inspect" : args[0]);
      Cli.Run run = check(hostile, expected, args, failures);
      if (expected == Outcome.ERROR && (Files.exists(plan) || Files.exists(report) || Files.list(dest).findAny().isPresent())) {
        failures.add(args[0] + " left partial output behind after: " + run.err());
      }
      if (args[0].equals("convert") && !identity && run.exitCode() == ExitCodes.OK) {
        // plan reads only what convert stamped: the converted copy is where it meets the odd shapes.
        check(hostile, Outcome.ACCEPTED, new String[] {"plan", dest.resolve("backups/copy").toString(), "--output-file", "-"}, failures);
      }
      Files.deleteIfExists(plan);
      Files.deleteIfExists(report);
      clear(dest);
    }
    assertTrue(failures.isEmpty(), hostile.name() + ":\n" + String.join("\n---\n", failures));
  }

  /** Runs one command and records in {@code failures} how its answer falls short of {@code expected}. */
  private static Cli.Run check(Case hostile, Outcome expected, String[] args, List<String> failures) {
    String file = args[1];
    long before = allocatedBytes();
    Cli.Run run = Cli.run(args);
    long allocated = allocatedBytes() - before;
    String what = String.join(" ", args).replace(file, "FILE") + ": exit " + run.exitCode() + "\nstdout: " + cut(run.out())
        + "\nstderr: " + cut(run.err());
    List<String> errLines = run.err().strip().lines().filter(l -> !l.startsWith("warning: ")).toList();
    boolean oneErrorLine = run.exitCode() == ExitCodes.BAD_INPUT && run.err().strip().lines().count() == 1 && errLines.size() == 1
        && errLines.get(0).startsWith("transship: ") && errLines.get(0).contains(file);
    if (run.err().contains("\tat ") || run.err().contains("Exception") || run.exitCode() == ExitCodes.INTERNAL) {
      failures.add("a crash, not an answer: " + what);
    } else if (expected == Outcome.ERROR) {
      if (!oneErrorLine || !errLines.get(0).contains(hostile.expected())) {
        failures.add("expected one line naming the file and '" + hostile.expected() + "', exit 2: " + what);
      }
      if (!run.out().isEmpty()) {
        failures.add("printed output before failing: " + what);
      }
    } else if (args[0].equals("plan") && oneErrorLine && errLines.get(0).contains("no " + STAGE_LABEL + " label")) {
      // plan refuses a backup convert did not stamp; the converted copy is planned separately
    } else {
      if (run.exitCode() != ExitCodes.OK) {
        failures.add("expected success: " + what);
      }
      if (expected == Outcome.WARNING && !(run.err().contains("warning: ") && run.err().contains(hostile.expected()))) {
        failures.add("expected a warning with '" + hostile.expected() + "': " + what);
      }
    }
    if (allocated > MAX_ALLOCATED_BYTES) {
      failures.add(args[0] + " allocated " + (allocated >> 20) + " MiB");
    }
    return run;
  }

  private static final String STAGE_LABEL = "transship.dev/stage";

  private static String cut(String text) {
    return text.length() > 2000 ? text.substring(0, 2000) + "..." : text;
  }

  private static long allocatedBytes() {
    return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean()).getCurrentThreadAllocatedBytes();
  }

  private static void clear(Path dir) throws Exception {
    try (Stream<Path> walk = Files.walk(dir)) {
      walk.sorted(java.util.Comparator.reverseOrder()).filter(p -> !p.equals(dir)).forEach(p -> p.toFile().delete());
    }
  }
}
