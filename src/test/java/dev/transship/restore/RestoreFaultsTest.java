package dev.transship.restore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.transship.plan.PlanStep;
import dev.transship.cli.CliSettings;
import dev.transship.testing.Cli;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * API errors and hung answers injected at each call {@code transship restore} makes, against the
 * mock servers of {@link RestoreBed}: the run says in one line what failed, exits 2 when nothing
 * was written yet and 3 once a stage has started, never creates a Restore twice, never leaves the
 * source's CronJobs suspended when the target failed, and {@code --resume} then completes.
 */
class RestoreFaultsTest {
  private static final String VELERO = "/apis/velero.io/v1/namespaces/velero/";
  private static final String CONFIG_MAPS = "/api/v1/namespaces/velero/configmaps";
  private static final String LEASES = "/apis/coordination.k8s.io/v1/namespaces/velero/leases";
  private static final String CRONJOBS = "/apis/batch/v1/namespaces/payments/cronjobs/";

  @TempDir Path dir;
  private RestoreBed bed;
  /** A hung response fails within a second, so the tests exercise it quickly. */
  private static final ClusterTimeouts QUICK = ClusterTimeouts.DEFAULTS.withRequest(Duration.ofSeconds(1));

  @BeforeEach
  void setUp() throws Exception {
    bed = new RestoreBed(dir, true);
  }

  @AfterEach
  void tearDown() {
    bed.close();
  }

  private Cli.Run restore(Path plan, String... extra) throws Exception {
    return restore(QUICK, plan, extra);
  }

  private Cli.Run restore(ClusterTimeouts timeouts, Path plan, String... extra) throws Exception {
    Path docker = dir.resolve("docker-config.json");
    Files.writeString(docker, "{\"auths\":{\"registry.example.com\":{\"auth\":\"cm9ib3Q6cHc=\"}}}");
    List<String> args = new ArrayList<>(List.of("restore", plan.toString(), "--kubeconfig", bed.kubeconfig.toString(),
        "--docker-config", docker.toString()));
    args.addAll(List.of(extra));
    if (!args.contains("--timeout")) {
      args.addAll(List.of("--timeout", "3s"));
    }
    return Cli.run(CliSettings.FROM_ENVIRONMENT.withClusterTimeouts(timeouts), args.toArray(String[]::new));
  }

  private Path onePlan() throws Exception {
    bed.syncBackup();
    return bed.writePlan(RestoreBed.stage("foundation", List.of()));
  }

  private Path cutoverPlan() throws Exception {
    bed.syncBackup();
    bed.sourceCronJob("payments", "invoice-run");
    bed.sourceCronJob("payments", "settlement");
    bed.restoresCronJobs("cutover-payments", "payments", "invoice-run", "settlement");
    return bed.writePlan(RestoreBed.cutover("payments", "payments", "invoice-run", "settlement"));
  }

  /** Exit 2 and one line naming what failed; no Restore, no state, no Lease left behind. */
  private void refusedBeforeWriting(Cli.Run run, String expected) {
    bed.targetFaults.clear();
    assertEquals(2, run.exitCode(), run.err());
    assertEquals(1, run.err().lines().count(), run.err());
    assertTrue(run.err().startsWith("transship: " + expected), run.err());
    assertTrue(bed.restores().isEmpty());
    assertNull(bed.target.configMaps().inNamespace("velero").withName("transship-shop-plan").get());
    assertNull(bed.target.leases().inNamespace("velero").withName("transship-shop-plan").get());
  }

  /** Exit 3, no stack trace, the stage's failure in one line naming the call. */
  private void stageFailed(Cli.Run run, String expected) {
    bed.targetFaults.clear();
    bed.sourceFaults.clear();
    assertEquals(3, run.exitCode(), run.err() + run.out());
    assertFalse(run.err().contains("internal error") || run.err().contains("\tat "), run.err());
    assertTrue(run.err().lines().anyMatch(l -> l.startsWith("stage ") && l.contains(" failed: ") && l.contains(expected)), run.err());
  }

  private void resumeCompletes(Path plan) throws Exception {
    bed.targetFaults.clear();
    bed.sourceFaults.clear();
    Cli.Run resumed = restore(plan, "--resume");
    assertEquals(0, resumed.exitCode(), resumed.err() + resumed.out());
    assertTrue(resumed.out().contains("stages done"), resumed.out());
    List<String> names = bed.restores().stream().map(r -> r.getMetadata().getName()).toList();
    assertEquals(names.stream().distinct().count(), names.size());
    assertTrue(bed.velero.restoresSeen.stream().noneMatch(n -> n.endsWith("-2")), "no second attempt: " + bed.velero.restoresSeen);
  }

  /** A one-stage plan whose Restore ends Completed with a warning, so the run fetches its results. */
  private Path planWhoseRestoreWarns() throws Exception {
    Path plan = onePlan();
    bed.velero.results.put("shop-plan-foundation-1", "{\"warnings\":{\"namespaces\":{\"shop\":[\"already exists\"]}},\"errors\":{}}");
    return plan;
  }

  private static void goesOnWithWarning(Cli.Run run, String warning) {
    assertEquals(0, run.exitCode(), run.err());
    assertTrue(run.err().contains("warning: " + warning), run.err());
  }

  /** The stage fails before its Restore is created; --resume then creates it, once. */
  private void failsBeforeAnyRestoreThenResumes(Path plan, String expected) throws Exception {
    Cli.Run run = restore(plan);
    stageFailed(run, expected);
    assertTrue(bed.restores().isEmpty());
    resumeCompletes(plan);
  }

  /** A cutover stage failed before its Restore: the source has its CronJobs back; --resume cuts them over. */
  private void cutoverFailsThenResumes(Cli.Run run, Path plan, String expected) throws Exception {
    stageFailed(run, expected);
    sourceNotSuspended();
    assertTrue(bed.restores().isEmpty());
    resumeCompletes(plan);
    assertTrue(bed.suspendedInSource("payments", "invoice-run") && bed.suspendedInSource("payments", "settlement"), "cut over");
  }

  private void sourceNotSuspended() {
    assertFalse(bed.suspendedInSource("payments", "invoice-run"), "invoice-run left suspended");
    assertFalse(bed.suspendedInSource("payments", "settlement"), "settlement left suspended");
  }

  // --- before anything is written: exit 2 ---

  /** A call made before anything is written, the error it gets, and the line the run must print. */
  static Stream<Arguments> callsBeforeAnyWrite() {
    String unreachable = "cannot reach the target cluster (context target, ";
    return Stream.of(
        Arguments.of("GET", "/apis/velero.io/v1", 500, unreachable),
        Arguments.of("GET", "/api/v1/namespaces/velero", 403, unreachable),
        Arguments.of("POST", LEASES, 500, "cannot take Lease velero/transship-shop-plan: 500 "),
        Arguments.of("POST", LEASES, 409, "plan shop-plan was just taken by another run"),
        Arguments.of("GET", CONFIG_MAPS + "/transship-shop-plan", 403, "cannot read the run state ConfigMap velero/transship-shop-plan: 403 "),
        Arguments.of("GET", VELERO + "backups/shop-on-gke", 500, unreachable));
  }

  @ParameterizedTest(name = "{0} {1} -> {2}")
  @MethodSource("callsBeforeAnyWrite")
  void anErrorBeforeAnyWriteIsOneLineExit2(String method, String path, int code, String expected) throws Exception {
    Path plan = onePlan();
    bed.targetFaults.fail(method, path, code);
    refusedBeforeWriting(restore(plan), expected);
  }

  @Test
  void hungDiscoveryTimesOutAsUnreachable() throws Exception {
    Path plan = onePlan();
    bed.targetFaults.hang("GET", "/apis/velero.io/v1", Duration.ofSeconds(30));
    long start = System.nanoTime();
    refusedBeforeWriting(restore(plan), "cannot reach the target cluster (context target, ");
    assertTrue(Duration.ofNanos(System.nanoTime() - start).toSeconds() < 10);
  }

  @Test
  void aHungLeaseCreateIsRefusedBeforeWritingWithinTheRequestTimeout() throws Exception {
    Path plan = onePlan();
    bed.targetFaults.hang("POST", LEASES, Duration.ofSeconds(30));
    long start = System.nanoTime();
    Cli.Run run = restore(plan);
    assertEquals(2, run.exitCode(), run.err());
    assertTrue(bed.restores().isEmpty());
    assertNull(bed.target.configMaps().inNamespace("velero").withName("transship-shop-plan").get(), "no state written");
    assertTrue(Duration.ofNanos(System.nanoTime() - start).toSeconds() < 15);
  }

  @Test
  void aHungStateSaveInterruptsTheRunWithExit5AndResumeCompletes() throws Exception {
    Path plan = onePlan();
    bed.targetFaults.hang("POST", CONFIG_MAPS, Duration.ofSeconds(30));
    long start = System.nanoTime();
    Cli.Run run = restore(plan);
    assertEquals(5, run.exitCode(), run.err());
    assertTrue(run.err().startsWith("transship: stage foundation interrupted: cannot save the run state"), run.err());
    assertTrue(Duration.ofNanos(System.nanoTime() - start).toSeconds() < 15);
    assertTrue(bed.restores().isEmpty());
    resumeCompletes(plan);
  }

  @Test
  void aHungPullSecretWriteFailsTheStageAndResumeCompletes() throws Exception {
    bed.syncBackup();
    Path plan = bed.writePlan(RestoreBed.stage("config", List.of(new PlanStep.RegeneratePullSecrets(List.of("shop/regcred"),
        "registry.example.com", "dockerconfig"))));
    bed.targetFaults.hang("POST", "/api/v1/namespaces/shop/secrets", Duration.ofSeconds(30));
    failsBeforeAnyRestoreThenResumes(plan, "cannot write pull secret shop/regcred in the target: ");
  }

  @Test
  void sourceErrorIsUnreachableAndNothingIsSuspended() throws Exception {
    Path plan = cutoverPlan();
    bed.sourceFaults.fail("GET", "/version", 500);
    refusedBeforeWriting(restore(plan), "cannot reach the source cluster (context source, ");
    sourceNotSuspended();
  }

  /** Calls the run can do without: an error there is a warning and the run goes on. */
  static Stream<Arguments> callsThatOnlyWarn() {
    return Stream.of(
        Arguments.of("GET", VELERO + "backupstoragelocations/gke-loc", "cannot read BackupStorageLocation velero/gke-loc: 403 "),
        Arguments.of("POST", VELERO + "downloadrequests",
            "no detailed results: cannot fetch the results of Restore shop-plan-foundation-1: 403 "));
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("callsThatOnlyWarn")
  void aForbiddenOptionalCallIsAWarning(String method, String path, String warning) throws Exception {
    Path plan = planWhoseRestoreWarns();
    bed.targetFaults.fail(method, path, 403);
    goesOnWithWarning(restore(plan), warning);
  }

  // --- once a stage has started: exit 3, then --resume completes ---

  @Test
  void failingLeaseRenewalsDoNotStopTheRun() throws Exception {
    Path plan = planWhoseRestoreWarns();
    bed.velero.resultsHang = true; // the run lasts the timeout of the results download: many renewal periods
    var renewals = bed.targetFaults.fail("PATCH", LEASES + "/transship-shop-plan", 500);
    Cli.Run run = restore(QUICK.withLeaseRenewal(Duration.ofMillis(100)), plan, "--timeout", "3s");
    assertEquals(0, run.exitCode(), run.err());
    assertTrue(renewals.hits.get() > 0, "renewed");
    assertNull(bed.target.leases().inNamespace("velero").withName("transship-shop-plan").get(), "given back");
  }

  @Test
  void stateWriteErrorStopsTheRunAndResumeCompletes() throws Exception {
    Path plan = onePlan();
    bed.targetFaults.fail("POST", CONFIG_MAPS, 500);
    Cli.Run run = restore(plan);
    assertEquals(5, run.exitCode(), "interrupted, not bad input: " + run.err());
    assertFalse(run.err().contains("internal error"), run.err());
    assertTrue(run.err().contains("transship: stage foundation interrupted: cannot save the run state to ConfigMap velero/transship-shop-plan: 500 "), run.err());
    assertTrue(run.err().contains("continue with --resume"), run.err());
    assertTrue(bed.restores().isEmpty());
    resumeCompletes(plan);
  }

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource({
      "GET, " + VELERO + "restores/shop-plan-foundation-1, cannot read Restore velero/shop-plan-foundation-1: 500 ",
      "POST, " + VELERO + "restores, cannot create Restore velero/shop-plan-foundation-1: 500 "})
  void aRestoreCallErrorFailsTheStageAndResumeCreatesItOnce(String method, String path, String expected) throws Exception {
    Path plan = onePlan();
    bed.targetFaults.fail(method, path, 500);
    failsBeforeAnyRestoreThenResumes(plan, expected);
    assertEquals(List.of("shop-plan-foundation-1"), bed.velero.restoresSeen);
  }

  @Test
  void restoreCreateAnsweredTooLateIsAdoptedOnResumeNotDuplicated() throws Exception {
    Path plan = onePlan();
    bed.targetFaults.hang("POST", VELERO + "restores", Duration.ofSeconds(30));
    Cli.Run run = restore(plan);
    stageFailed(run, "cannot create Restore velero/shop-plan-foundation-1: ");
    assertTrue(run.err().contains("keeps running in Velero"), run.err()); // it reached Velero: state stays, resume adopts it
    resumeCompletes(plan);
    assertEquals(List.of("shop-plan-foundation-1"), bed.velero.restoresSeen);
  }

  @Test
  void aRestoreCreatedByARacingRunIsAdoptedOnConflict() throws Exception {
    Path plan = onePlan();
    var racing = RestoreObjects.restore(RestoreBed.PLAN, RestoreBed.stage("foundation", List.of()), 1, "velero");
    racing.putObject("status").put("phase", "Completed");
    bed.target.genericKubernetesResources(VeleroApi.RESTORES).inNamespace("velero").resource(VeleroApi.resource(racing)).create();
    // our read misses it; the create then gets the API server's own 409
    bed.targetFaults.fail("GET", VELERO + "restores/shop-plan-foundation-1", 404, 0, 1);
    Cli.Run run = restore(plan);
    assertEquals(0, run.exitCode(), run.err());
    assertTrue(run.out().contains("adopted existing Restore velero/shop-plan-foundation-1"), run.out());
    assertEquals(1, bed.restores().size());
  }

  @Test
  void aLostWatchOnARunningRestoreUndoesNothingAndResumeAdoptsIt() throws Exception {
    Path plan = cutoverPlan();
    bed.targetFaults.fail("GET", VELERO + "restores?fieldSelector", 500);
    watchGoneUndoesNothing(plan, "lost the watch on Restore velero/shop-plan-cutover-payments-1: 500 ");
  }

  @Test
  void aHungWatchOnTheRestoreUndoesNothingAndResumeAdoptsIt() throws Exception {
    Path plan = cutoverPlan();
    bed.targetFaults.hang("GET", VELERO + "restores?fieldSelector", Duration.ofSeconds(30));
    watchGoneUndoesNothing(plan, "Restore shop-plan-cutover-payments-1 has not finished after 3s");
  }

  /** The Restore may still be putting the CronJobs in the target: the source keeps them suspended, resume adopts it. */
  private void watchGoneUndoesNothing(Path plan, String expected) throws Exception {
    Cli.Run run = restore(plan);
    stageFailed(run, expected);
    assertTrue(run.err().contains("keeps running in Velero"), run.err());
    assertTrue(bed.suspendedInSource("payments", "invoice-run"));
    resumeCompletes(plan);
    assertEquals(List.of("shop-plan-cutover-payments-1"), bed.velero.restoresSeen);
  }

  @Test
  void aHungSuspendPatchFailsTheStageAndResumeCompletes() throws Exception {
    Path plan = cutoverPlan();
    bed.sourceFaults.hang("PATCH", CRONJOBS + "invoice-run", Duration.ofSeconds(30));
    failsBeforeAnyRestoreThenResumes(plan, "CronJob payments/invoice-run in the source");
  }

  @Test
  void aFailingResultsUrlIsAWarning() throws Exception {
    Path plan = planWhoseRestoreWarns();
    bed.velero.resultsStatus = 500;
    goesOnWithWarning(restore(plan), "no detailed results: downloading restore results failed with HTTP 500");
  }

  @Test
  void aHungResultsUrlGivesUpAfterTheTimeout() throws Exception {
    Path plan = planWhoseRestoreWarns();
    bed.velero.resultsHang = true;
    long start = System.nanoTime();
    Cli.Run run = restore(plan, "--timeout", "2s");
    goesOnWithWarning(run, "no detailed results: cannot download restore results");
    assertTrue(Duration.ofNanos(System.nanoTime() - start).toSeconds() < 15);
  }

  @Test
  void aPullSecretWriteErrorFailsTheStageAndResumeCompletes() throws Exception {
    bed.syncBackup();
    Path plan = bed.writePlan(RestoreBed.stage("config", List.of(new PlanStep.RegeneratePullSecrets(List.of("shop/regcred"),
        "registry.example.com", "dockerconfig"))));
    bed.targetFaults.fail("POST", "/api/v1/namespaces/shop/secrets", 403);
    failsBeforeAnyRestoreThenResumes(plan, "cannot write pull secret shop/regcred in the target: 403 ");
  }

  @Test
  void aSuspendPatchErrorGivesTheSourceItsCronJobsBack() throws Exception {
    Path plan = cutoverPlan();
    bed.sourceFaults.fail("PATCH", CRONJOBS + "settlement", 500, 0, 3); // the client retries a 500 twice
    cutoverFailsThenResumes(restore(plan), plan, "cannot suspend CronJob payments/settlement in the source: 500 ");
  }

  @Test
  void aTargetFailingAfterTheSuspendGivesTheSourceItsCronJobsBack() throws Exception {
    Path plan = cutoverPlan();
    bed.targetFaults.fail("POST", VELERO + "restores", 403);
    cutoverFailsThenResumes(restore(plan), plan, "cannot create Restore velero/shop-plan-cutover-payments-1: 403 ");
  }

  @Test
  void anUnsuspendErrorAfterAFailedStageIsExit3AndResumeCompletes() throws Exception {
    Path plan = cutoverPlan();
    bed.targetFaults.fail("POST", VELERO + "restores", 403);
    bed.sourceFaults.fail("PATCH", CRONJOBS + "invoice-run", 403, 1, -1); // the suspend goes through, the un-suspend not
    Cli.Run run = restore(plan);
    stageFailed(run, "cannot create Restore velero/shop-plan-cutover-payments-1: 403 ");
    assertTrue(run.err().contains("cannot un-suspend CronJob payments/invoice-run in the source: 403 "), run.err());
    resumeCompletes(plan);
  }

  @Test
  void aJobListErrorFailsTheStageAndGivesTheSourceItsCronJobsBack() throws Exception {
    Path plan = cutoverPlan();
    bed.sourceFaults.fail("GET", "/apis/batch/v1/namespaces/payments/jobs", 403);
    Cli.Run run = restore(plan);
    assertTrue(run.err().lines().noneMatch(l -> l.startsWith("Received status") || l.startsWith("Message:")), run.err());
    cutoverFailsThenResumes(run, plan, "lost the watch on Jobs in the source namespace payments: 403 ");
  }
}
