package dev.transship.restore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.transship.kube.Json;
import dev.transship.plan.PlanStep;
import dev.transship.testing.Cli;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.coordination.v1.LeaseBuilder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code transship restore} end to end against two mock API servers and a simulated Velero. */
class RestoreCommandTest {
  private static final String PASSWORD = "s3cr3t-token-value";

  @TempDir Path dir;
  private RestoreBed bed;

  @BeforeEach
  void setUp() throws Exception {
    bed = new RestoreBed(dir, true);
  }

  @AfterEach
  void tearDown() {
    bed.close();
  }

  private Cli.Run restore(Path plan, String... extra) {
    List<String> args = new ArrayList<>(List.of("restore", plan.toString(), "--kubeconfig", bed.kubeconfig.toString(),
        "--docker-config", dockerConfig().toString()));
    args.addAll(List.of(extra));
    if (!args.contains("--timeout")) {
      args.addAll(List.of("--timeout", "20s"));
    }
    return Cli.run(args.toArray(String[]::new));
  }

  private Path dockerConfig() {
    Path file = dir.resolve("docker-config.json");
    try {
      String auth = Base64.getEncoder().encodeToString(("robot:" + PASSWORD).getBytes(StandardCharsets.UTF_8));
      Files.writeString(file, "{\"auths\":{\"registry.example.com\":{\"auth\":\"" + auth + "\"}}}");
    } catch (java.io.IOException e) {
      throw new AssertionError(e);
    }
    return file;
  }

  private Path fullPlan() throws Exception {
    bed.sourceCronJob("payments", "invoice-run");
    bed.sourceCronJob("payments", "settlement");
    bed.restoresCronJobs("cutover-payments", "payments", "invoice-run", "settlement");
    return bed.writePlan(
        RestoreBed.stage("foundation", List.of()),
        RestoreBed.stage("config", List.of(new PlanStep.RegeneratePullSecrets(List.of("shop/regcred", "payments/regcred"),
            "registry.example.com", "dockerconfig"))),
        RestoreBed.stage("workloads", List.of()),
        RestoreBed.cutover("payments", "payments", "invoice-run", "settlement"));
  }

  @Test
  void runsEveryStageInOrderMintsPullSecretsAndCutsOverCronJobs() throws Exception {
    bed.syncBackup();
    Path plan = fullPlan();
    bed.activeSourceJob("payments", "invoice-run", "invoice-run-1");
    ScheduledExecutorService later = Executors.newSingleThreadScheduledExecutor();
    later.schedule(() -> bed.finishSourceJob("payments", "invoice-run-1"), 1500, TimeUnit.MILLISECONDS);

    Cli.Run run = restore(plan);

    later.shutdownNow();
    assertEquals(0, run.exitCode(), run.err() + run.out());
    assertEquals(List.of("shop-plan-foundation-1", "shop-plan-config-1", "shop-plan-workloads-1", "shop-plan-cutover-payments-1"),
        bed.velero.restoresSeen);
    assertTrue(run.out().contains("all 4 stages done"), run.out());
    assertTrue(run.err().contains("4/4 items, Completed"), run.err());
    // cut over: suspended in the source, running in the target
    assertTrue(bed.suspendedInSource("payments", "invoice-run"));
    assertTrue(bed.suspendedInSource("payments", "settlement"));
    assertFalse(Boolean.TRUE.equals(bed.target.batch().v1().cronjobs().inNamespace("payments").withName("settlement").get().getSpec().getSuspend()));
    // pull secrets minted in both namespaces, the token never printed
    Secret secret = bed.target.secrets().inNamespace("shop").withName("regcred").get();
    assertEquals("kubernetes.io/dockerconfigjson", secret.getType());
    String config = new String(Base64.getDecoder().decode(secret.getData().get(".dockerconfigjson")), StandardCharsets.UTF_8);
    assertEquals(PASSWORD, Json.MAPPER.readTree(config).path("auths").path("registry.example.com").path("password").asText());
    assertNotNull(bed.target.secrets().inNamespace("payments").withName("regcred").get());
    assertFalse((run.out() + run.err()).contains(PASSWORD));
    // the state says done, in the cluster and locally; the Lease is given back
    String state = bed.target.configMaps().inNamespace("velero").withName("transship-shop-plan").get().getData().get("state.json");
    assertTrue(state.contains("\"cutover-payments\":{\"attempt\":1,\"status\":\"done\""), state);
    assertFalse(state.contains(PASSWORD));
    assertTrue(Files.readString(dir.resolve("plan.yaml.state.json")).contains("\"status\":\"done\""));
    assertNull(bed.target.leases().inNamespace("velero").withName("transship-shop-plan").get());
  }

  @Test
  void adoptsAnExistingRestoreInsteadOfCreatingASecond() throws Exception {
    bed.syncBackup();
    Path plan = bed.writePlan(RestoreBed.stage("foundation", List.of()), RestoreBed.stage("config", List.of()));
    var existing = RestoreObjects.restore(RestoreBed.PLAN, RestoreBed.stage("foundation", List.of()), 1, "velero");
    existing.putObject("status").put("phase", "Completed");
    bed.target.genericKubernetesResources(VeleroApi.RESTORES).inNamespace("velero").resource(VeleroApi.resource(existing)).create();

    Cli.Run run = restore(plan);

    assertEquals(0, run.exitCode(), run.err());
    assertTrue(run.out().contains("adopted existing Restore velero/shop-plan-foundation-1"), run.out());
    assertEquals(List.of("shop-plan-config-1"), bed.velero.restoresSeen);
    assertEquals(2, bed.restores().size());
  }

  @Test
  void partiallyFailedCutoverStopsWithExit3AndUnsuspendsTheSource() throws Exception {
    bed.syncBackup();
    Path plan = fullPlan();
    bed.velero.outcomeByStage.put("cutover-payments", "PartiallyFailed");
    bed.velero.results.put("shop-plan-cutover-payments-1",
        "{\"warnings\":{\"namespaces\":{\"payments\":[\"could not restore, already exists\"]}},"
            + "\"errors\":{\"namespaces\":{\"payments\":[\"error restoring cronjobs.batch/payments/settlement: admission webhook denied\"]}}}");

    Cli.Run run = restore(plan);

    assertEquals(3, run.exitCode(), run.err());
    assertTrue(run.err().contains("Restore shop-plan-cutover-payments-1 PartiallyFailed (1 warnings, 1 errors)"), run.err());
    assertTrue(run.err().contains("errors (namespace payments):\n    error restoring cronjobs.batch/payments/settlement"), run.err());
    assertTrue(run.err().contains("un-suspended in the source: payments/invoice-run, payments/settlement"), run.err());
    assertFalse(bed.suspendedInSource("payments", "invoice-run"));
    assertFalse(bed.suspendedInSource("payments", "settlement"));
    // what the failed Restore created in the target is taken away again: never active in both
    assertNull(bed.target.batch().v1().cronjobs().inNamespace("payments").withName("invoice-run").get());

    // fixed: the retry is a second attempt under a new name, the first is left alone
    bed.velero.outcomeByStage.remove("cutover-payments");
    Cli.Run retry = restore(plan, "--resume");
    assertEquals(0, retry.exitCode(), retry.err());
    assertTrue(retry.out().contains("(attempt 2)"), retry.out());
    assertTrue(bed.velero.restoresSeen.contains("shop-plan-cutover-payments-2"));
    assertTrue(bed.suspendedInSource("payments", "invoice-run"));
  }

  @Test
  void failedRestorePrintsVelerosReason() throws Exception {
    bed.syncBackup();
    Path plan = bed.writePlan(RestoreBed.stage("foundation", List.of()));
    bed.velero.outcomeByStage.put("foundation", "Failed");

    Cli.Run run = restore(plan);

    assertEquals(3, run.exitCode());
    assertTrue(run.err().contains("Restore shop-plan-foundation-1 Failed (0 warnings, 0 errors): error downloading backup tarball"), run.err());
  }

  @Test
  void stopsAtAGateWithExit4AndApproveResumeContinues() throws Exception {
    bed.syncBackup();
    Path plan = bed.writePlan(RestoreBed.stage("foundation", List.of()), RestoreBed.gates("dns-cutover", "switch-dns"),
        RestoreBed.stage("traffic", List.of()));

    Cli.Run first = restore(plan);
    assertEquals(4, first.exitCode(), first.err());
    assertTrue(first.out().contains("waiting at gate switch-dns (stage dns-cutover): do switch-dns"), first.out());
    assertTrue(first.out().contains("--resume --approve switch-dns"), first.out());
    assertEquals(List.of("shop-plan-foundation-1"), bed.velero.restoresSeen);

    Cli.Run again = restore(plan, "--resume");
    assertEquals(4, again.exitCode(), "without --approve the gate holds");

    Cli.Run approved = restore(plan, "--resume", "--approve", "switch-dns");
    assertEquals(0, approved.exitCode(), approved.err());
    assertEquals(List.of("shop-plan-foundation-1", "shop-plan-traffic-1"), bed.velero.restoresSeen);
  }

  @Test
  void resumesAfterACrashFromTheStateInTheCluster() throws Exception {
    bed.syncBackup();
    Path plan = bed.writePlan(RestoreBed.stage("foundation", List.of()), RestoreBed.stage("config", List.of()));
    String state = "{\"plan\":\"shop-plan\",\"stages\":{\"foundation\":{\"attempt\":1,\"status\":\"done\",\"restore\":\"shop-plan-foundation-1\"},"
        + "\"config\":{\"attempt\":1,\"status\":\"running\",\"restore\":\"shop-plan-config-1\"}}}";
    bed.target.configMaps().inNamespace("velero").resource(new ConfigMapBuilder().withNewMetadata().withName("transship-shop-plan")
        .endMetadata().addToData("state.json", state).build()).create();

    Cli.Run fresh = restore(plan);
    assertEquals(2, fresh.exitCode());
    assertTrue(fresh.err().contains("has already been started"), fresh.err());

    Cli.Run run = restore(plan, "--resume");
    assertEquals(0, run.exitCode(), run.err());
    assertEquals(List.of("shop-plan-config-1"), bed.velero.restoresSeen);
  }

  @Test
  void resumeAdoptsARestoreStillRunningWhenTheRunDied() throws Exception {
    bed.syncBackup();
    Path plan = bed.writePlan(RestoreBed.stage("foundation", List.of()));
    bed.velero.stall = true;
    Cli.Run first = restore(plan, "--timeout", "1s");
    assertEquals(3, first.exitCode(), first.err());
    assertTrue(first.err().contains("keeps running in Velero"), first.err());

    // Velero finishes it while nobody watches; the resumed run adopts it, no second Restore
    bed.target.genericKubernetesResources(VeleroApi.RESTORES).inNamespace("velero").withName("shop-plan-foundation-1").edit(r -> {
      r.setAdditionalProperty("status", java.util.Map.of("phase", "Completed"));
      return r;
    });
    Cli.Run resumed = restore(plan, "--resume");
    assertEquals(0, resumed.exitCode(), resumed.err());
    assertTrue(resumed.out().contains("adopted existing Restore"), resumed.out());
    assertEquals(1, bed.restores().size());
  }

  @Test
  void aLeaseHeldByAnotherRunRefusesTheRun() throws Exception {
    bed.syncBackup();
    Path plan = bed.writePlan(RestoreBed.stage("foundation", List.of()));
    bed.target.leases().inNamespace("velero").resource(new LeaseBuilder().withNewMetadata().withName("transship-shop-plan").endMetadata()
        .withNewSpec().withHolderIdentity("ops@laptop pid 42").withLeaseDurationSeconds(30).withRenewTime(ZonedDateTime.now(ZoneOffset.UTC))
        .endSpec().build()).create();

    Cli.Run run = restore(plan);

    assertEquals(2, run.exitCode());
    assertTrue(run.err().startsWith("transship: plan shop-plan is already being run by ops@laptop pid 42"), run.err());
    assertEquals(1, run.err().lines().count());
    assertTrue(bed.restores().isEmpty());
  }

  @Test
  void aBackupThatNeverAppearsTimesOutWithExit2() throws Exception {
    Path plan = bed.writePlan(RestoreBed.stage("foundation", List.of()));

    Cli.Run run = restore(plan, "--timeout", "2s");

    assertEquals(2, run.exitCode());
    assertTrue(run.err().contains("transship: Backup shop-on-gke did not appear in velero of target context target within 2s"), run.err());
    assertTrue(bed.restores().isEmpty());
    assertNull(bed.target.configMaps().inNamespace("velero").withName("transship-shop-plan").get());
  }

  @Test
  void dryRunPrintsEveryObjectAndWritesNothing() throws Exception {
    bed.syncBackup();
    Path plan = fullPlan();

    Cli.Run run = restore(plan, "--dry-run");

    assertEquals(0, run.exitCode(), run.err());
    assertTrue(run.out().contains("kind: Restore"), run.out());
    assertTrue(run.out().contains("name: shop-plan-cutover-payments-1"), run.out());
    assertTrue(run.out().contains("kind: DownloadRequest"), run.out());
    assertTrue(run.out().contains("kind: Lease"), run.out());
    assertTrue(run.out().contains("\"<minted at restore time>\"") || run.out().contains("<minted at restore time>"), run.out());
    assertTrue(run.out().contains("suspend: true"), run.out());
    assertTrue(bed.restores().isEmpty());
    assertTrue(bed.target.configMaps().inNamespace("velero").list().getItems().isEmpty());
    assertTrue(bed.target.leases().inNamespace("velero").list().getItems().isEmpty());
    assertTrue(bed.target.secrets().inAnyNamespace().list().getItems().isEmpty());
    assertFalse(bed.suspendedInSource("payments", "invoice-run"));
    assertFalse(Files.exists(dir.resolve("plan.yaml.state.json")));
  }

  @Test
  void badInputIsOneLineExit2AndCreatesNothing() throws Exception {
    bed.syncBackup();
    Path plan = bed.writePlan(RestoreBed.stage("foundation", List.of()), RestoreBed.gates("dns", "switch-dns"));

    Cli.Run unknownContext = restore(plan, "--target-context", "nope");
    assertEquals(2, unknownContext.exitCode());
    assertEquals("transship: unknown target context 'nope' (contexts: source, target)", unknownContext.err().strip());

    Cli.Run unknownGate = restore(plan, "--resume", "--approve", "switch-dsn");
    assertEquals(2, unknownGate.exitCode());
    assertEquals("transship: --approve switch-dsn: the plan has no such gate (gates: switch-dns)", unknownGate.err().strip());

    Cli.Run noNamespace = restore(plan, "--velero-namespace", "velero-nope");
    assertEquals(2, noNamespace.exitCode());
    assertTrue(noNamespace.err().contains("has no namespace 'velero-nope'"), noNamespace.err());

    Files.writeString(plan, Files.readString(plan).replace("backupName: shop-on-gke", "backupName: other"));
    Cli.Run edited = restore(plan);
    assertEquals(2, edited.exitCode());
    assertTrue(edited.err().contains("stage 'foundation': restore.spec.backupName 'other' is not the plan's backup 'shop-on-gke'"), edited.err());

    assertTrue(bed.restores().isEmpty());
    assertTrue(bed.target.configMaps().inNamespace("velero").list().getItems().isEmpty());
  }

  @Test
  void aTargetWithoutVeleroIsBadInput() throws Exception {
    try (RestoreBed bare = new RestoreBed(dir.resolve("bare"), false)) {
      Path plan = bare.writePlan(RestoreBed.stage("foundation", List.of()));
      Cli.Run run = Cli.run("restore", plan.toString(), "--kubeconfig", bare.kubeconfig.toString());
      assertEquals(2, run.exitCode());
      assertEquals("transship: Velero is not installed in target context target: the API server does not serve "
          + "backups.velero.io, downloadrequests.velero.io, restores.velero.io", run.err().strip());
    }
  }

  @Test
  void anUnreachableClusterIsBadInput() throws Exception {
    Path plan = bed.writePlan(RestoreBed.stage("foundation", List.of()));
    Path kubeconfig = dir.resolve("dead-kubeconfig");
    Files.writeString(kubeconfig, Files.readString(bed.kubeconfig).replaceFirst("http://[^\"]+", "http://127.0.0.1:1"));
    Cli.Run run = Cli.run("restore", plan.toString(), "--kubeconfig", kubeconfig.toString());
    assertEquals(2, run.exitCode(), run.err());
    assertTrue(run.err().startsWith("transship: cannot reach the target cluster (context target, http://127.0.0.1:1"), run.err());
    assertEquals(1, run.err().lines().count(), run.err());
  }

}
