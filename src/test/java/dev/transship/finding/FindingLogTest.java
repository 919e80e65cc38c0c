package dev.transship.finding;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.transship.archive.ItemKey;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FindingLogTest {
  private static final Severity[] SEVERITIES = Severity.values();

  /** Findings with every shape a log must carry back: cluster-scoped, backup-wide, empty hint, long text, non-ASCII. */
  private static List<Finding> findings(int n, long seed) {
    Random random = new Random(seed);
    List<Finding> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      Severity severity = SEVERITIES[random.nextInt(SEVERITIES.length)];
      String check = "check-" + random.nextInt(5);
      ObjectRef object = switch (random.nextInt(4)) {
        case 0 -> null;
        case 1 -> new ObjectRef("v1", "Namespace", new ItemKey("namespaces", null, "ns-" + random.nextInt(50)));
        default -> new ObjectRef("apps/v1", "Deployment", new ItemKey("deployments.apps", "ns-" + random.nextInt(20), "web-" + random.nextInt(100)));
      };
      String message = i % 97 == 0 ? "x".repeat(70_000) : "finding " + i + " – état " + random.nextInt(1000);
      out.add(new Finding(severity, check, object, message, i % 3 == 0 ? "" : "fix " + check));
    }
    return out;
  }

  @Test
  void spilledRunsMergeIntoTheSameOrderAsAnInMemorySort() {
    List<Finding> input = findings(2_000, 42);
    List<Finding> expected = new ArrayList<>(input);
    expected.sort(FindingLog.ORDER);
    try (FindingLog log = new FindingLog(150)) {
      input.forEach(log::add);
      assertEquals(13, log.spilledRuns().size(), "2,000 findings in runs of 150 leave 13 files and 50 in memory");
      assertEquals(expected, log.toList());
      assertEquals(expected, log.toList(), "a log can be read more than once");
    }
  }

  @Test
  void readingFromASeverityUpGivesTheSameFindingsAsFilteringAll() {
    List<Finding> input = findings(2_000, 7);
    for (int runSize : new int[] {150, 10_000}) { // spilled runs merged, and the buffer alone
      try (FindingLog log = new FindingLog(runSize)) {
        input.forEach(log::add);
        for (Severity least : SEVERITIES) {
          List<Finding> expected = log.toList().stream().filter(f -> f.severity().compareTo(least) >= 0).toList();
          List<Finding> read = new ArrayList<>();
          log.forEach(least, read::add);
          assertEquals(expected, read, least + " and above, runs of " + runSize);
        }
      }
    }
  }

  @Test
  void countsAndChecksAreKnownBeforeReading() {
    List<Finding> input = findings(500, 7);
    try (FindingLog log = new FindingLog(64)) {
      input.forEach(log::add);
      for (Severity s : SEVERITIES) {
        assertEquals(input.stream().filter(f -> f.severity() == s).count(), log.count(s), s.label());
      }
      assertEquals(500, log.size());
      assertEquals(Set.of("check-0", "check-1", "check-2", "check-3", "check-4"), log.checks());
      assertTrue(log.anyAtLeast(Severity.ERROR));
      String check = input.get(0).check();
      assertEquals(input.stream().filter(f -> f.check().equals(check)).map(Finding::severity).max(Severity::compareTo).orElseThrow(), log.worst(check));
      assertEquals(null, log.worst("never-reported"));
    }
  }

  @Test
  void severityThresholdIgnoresLowerFindings() {
    try (FindingLog log = new FindingLog()) {
      log.add(Finding.info("c", null, "m"));
      assertFalse(log.anyAtLeast(Severity.WARNING));
      assertTrue(log.anyAtLeast(Severity.INFO));
    }
  }

  @Test
  void mostSevereFirstThenObjectThenCheck() {
    ObjectRef a = new ObjectRef("v1", "ConfigMap", new ItemKey("configmaps", "a", "x"));
    ObjectRef b = new ObjectRef("v1", "ConfigMap", new ItemKey("configmaps", "b", "x"));
    try (FindingLog log = new FindingLog(2)) {
      log.add(Finding.warning("w", a, "m", ""));
      log.add(Finding.error("z", b, "m", ""));
      log.add(Finding.error("y", b, "m", ""));
      log.add(Finding.error("z", a, "m", ""));
      log.add(Finding.info("i", null, "m"));
      assertEquals(List.of("error z ConfigMap a/x", "error y ConfigMap b/x", "error z ConfigMap b/x", "warning w ConfigMap a/x", "info i"),
          log.toList().stream().map(f -> f.severity().label() + " " + f.check() + (f.object() == null ? "" : " " + f.object())).toList());
    }
  }

  @Test
  void sameNamedObjectsOfTwoResourcesStayApart() {
    ObjectRef legacy = new ObjectRef("extensions/v1beta1", "Ingress", new ItemKey("ingresses.extensions", "a", "web"));
    ObjectRef current = new ObjectRef("networking.k8s.io/v1", "Ingress", new ItemKey("ingresses.networking.k8s.io", "a", "web"));
    try (FindingLog log = new FindingLog()) {
      log.add(Finding.error("x", current, "m", ""));
      log.add(Finding.error("y", legacy, "m", ""));
      log.add(Finding.error("y", current, "m", ""));
      log.add(Finding.error("x", legacy, "m", ""));
      assertEquals(List.of("x ingresses.extensions", "y ingresses.extensions", "x ingresses.networking.k8s.io", "y ingresses.networking.k8s.io"),
          log.toList().stream().map(f -> f.check() + " " + f.object().key().groupResource()).toList());
    }
  }

  @Test
  void closeDeletesTheSpilledRuns() {
    FindingLog log = new FindingLog(10);
    findings(35, 1).forEach(log::add);
    List<Path> runs = log.spilledRuns();
    assertEquals(3, runs.size());
    assertTrue(runs.stream().allMatch(Files::exists));
    log.close();
    assertTrue(runs.stream().noneMatch(Files::exists), runs.toString());
  }
}
