package dev.transship.restore;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.transship.kube.Json;
import dev.transship.plan.CutoverForecast;
import dev.transship.plan.PlanStage;
import dev.transship.plan.PlanStep;
import dev.transship.plan.PlanYaml;
import dev.transship.plan.RestorePlan;
import dev.transship.testing.CrdSchemas;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.CronJobBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** A source and a target API server (fabric8's mock, CRUD mode), Velero's CRDs in the target, a kubeconfig naming both. */
final class RestoreBed implements AutoCloseable {
  static final String BACKUP = "shop-on-gke";
  static final String PLAN = "shop-plan";

  /** Faults a test injects into the target's and the source's API; none unless a test adds them. */
  final ApiFaults targetFaults = ApiFaults.crud();
  final ApiFaults sourceFaults = ApiFaults.crud();
  final KubernetesMockServer targetServer = crudServer(targetFaults);
  final KubernetesMockServer sourceServer = crudServer(sourceFaults);
  final KubernetesClient target = targetServer.createClient();
  final KubernetesClient source = sourceServer.createClient();
  final Path dir;
  final Path kubeconfig;
  final FakeVelero velero;

  RestoreBed(Path dir, boolean installVelero) throws IOException {
    this.dir = dir;
    this.kubeconfig = Files.createDirectories(dir).resolve("kubeconfig");
    Files.writeString(kubeconfig, kubeconfig());
    velero = new FakeVelero(target);
    if (installVelero) {
      for (String crd : List.of("velero.io_restores.yaml", "velero.io_backups.yaml", "velero.io_downloadrequests.yaml",
          "velero.io_backupstoragelocations.yaml")) {
        target.apiextensions().v1().customResourceDefinitions()
            .resource(Json.YAML.readValue(CrdSchemas.veleroCrd(crd).toFile(), CustomResourceDefinition.class)).create();
      }
      namespace(target, FakeVelero.NS);
      velero.start();
    }
  }

  private static KubernetesMockServer crudServer(ApiFaults dispatcher) {
    KubernetesMockServer server = new KubernetesMockServer(new Context(), new MockWebServer(), dispatcher.responses(), dispatcher, false);
    server.init();
    return server;
  }

  private String kubeconfig() {
    return """
        apiVersion: v1
        kind: Config
        clusters:
        - name: target
          cluster: {server: "%s"}
        - name: source
          cluster: {server: "%s"}
        contexts:
        - name: target
          context: {cluster: target, user: tester}
        - name: source
          context: {cluster: source, user: tester}
        users:
        - name: tester
          user: {token: not-a-secret}
        current-context: target
        """.formatted(url(targetServer), url(sourceServer));
  }

  private static String url(KubernetesMockServer server) {
    return "http://" + server.getHostName() + ":" + server.getPort();
  }

  static void namespace(KubernetesClient client, String name) {
    client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(name).endMetadata().build()).create();
  }

  /** The converted Backup, as Velero's sync would create it, and its location (ReadOnly as it should be). */
  void syncBackup() {
    ObjectNode bsl = Json.object();
    bsl.put("apiVersion", "velero.io/v1").put("kind", "BackupStorageLocation");
    bsl.putObject("metadata").put("name", "gke-loc").put("namespace", FakeVelero.NS);
    bsl.putObject("spec").put("provider", "aws").put("accessMode", "ReadOnly").putObject("objectStorage").put("bucket", "b");
    target.genericKubernetesResources(VeleroApi.STORAGE_LOCATIONS).inNamespace(FakeVelero.NS).resource(VeleroApi.resource(bsl)).create();
    ObjectNode backup = Json.object();
    backup.put("apiVersion", "velero.io/v1").put("kind", "Backup");
    backup.putObject("metadata").put("name", BACKUP).put("namespace", FakeVelero.NS);
    backup.putObject("spec").put("storageLocation", "gke-loc");
    backup.putObject("status").put("phase", "Completed");
    target.genericKubernetesResources(VeleroApi.BACKUPS).inNamespace(FakeVelero.NS).resource(VeleroApi.resource(backup)).create();
  }

  static CronJob cronJob(String namespace, String name, boolean suspended) {
    return new CronJobBuilder().withNewMetadata().withName(name).withNamespace(namespace).endMetadata()
        .withNewSpec().withSchedule("0 * * * *").withSuspend(suspended).withNewJobTemplate().withNewSpec().withNewTemplate()
        .withNewSpec().addNewContainer().withName("c").withImage("busybox").endContainer().withRestartPolicy("Never").endSpec()
        .endTemplate().endSpec().endJobTemplate().endSpec().build();
  }

  void sourceCronJob(String namespace, String name) {
    if (source.namespaces().withName(namespace).get() == null) {
      namespace(source, namespace);
    }
    source.batch().v1().cronjobs().inNamespace(namespace).resource(cronJob(namespace, name, false)).create();
  }

  /** A running Job of the CronJob in the source. */
  void activeSourceJob(String namespace, String cronJob, String job) {
    source.batch().v1().jobs().inNamespace(namespace).resource(new JobBuilder().withNewMetadata().withName(job).withNamespace(namespace)
        .addNewOwnerReference().withApiVersion("batch/v1").withKind("CronJob").withName(cronJob).withUid("u1").endOwnerReference()
        .endMetadata().withNewSpec().withNewTemplate().withNewSpec().addNewContainer().withName("c").withImage("busybox").endContainer()
        .withRestartPolicy("Never").endSpec().endTemplate().endSpec().withNewStatus().withActive(1).endStatus().build()).create();
  }

  void finishSourceJob(String namespace, String job) {
    source.batch().v1().jobs().inNamespace(namespace).withName(job).edit(j -> {
      j.getStatus().setActive(0);
      j.getStatus().setCompletionTime("2026-12-04T15:00:00Z");
      return j;
    });
  }

  /** Restoring the stage creates these CronJobs in the target, labelled with the Restore's name as Velero does. */
  void restoresCronJobs(String stage, String namespace, String... names) {
    velero.effectByStage.put(stage, restoreName -> {
      if (target.namespaces().withName(namespace).get() == null) {
        namespace(target, namespace);
      }
      for (String name : names) {
        CronJob cj = cronJob(namespace, name, false);
        cj.getMetadata().setLabels(Map.of(VeleroApi.RESTORE_NAME_LABEL, restoreName));
        target.batch().v1().cronjobs().inNamespace(namespace).resource(cj).create();
      }
    });
  }

  static ObjectNode restoreOf(String stage) {
    ObjectNode restore = Json.object();
    restore.put("apiVersion", "velero.io/v1").put("kind", "Restore");
    ObjectNode metadata = restore.putObject("metadata");
    metadata.put("name", BACKUP + "-" + stage).put("namespace", FakeVelero.NS);
    metadata.putObject("labels").put("transship.dev/stage", stage);
    ObjectNode spec = restore.putObject("spec");
    spec.put("backupName", BACKUP);
    spec.putObject("labelSelector").putObject("matchLabels").put("transship.dev/stage", stage);
    spec.put("includeClusterResources", true);
    spec.put("existingResourcePolicy", "none");
    return restore;
  }

  static PlanStage stage(String name, List<PlanStep> before) {
    return new PlanStage(name, "the " + name + " stage", 3, before, restoreOf(name), List.of(), null);
  }

  static PlanStage cutover(String set, String namespace, String... cronJobs) {
    List<String> refs = Arrays.stream(cronJobs).map(c -> namespace + "/" + c).toList();
    return new PlanStage("cutover-" + set, "CronJobs cut over together", refs.size(),
        List.of(new PlanStep.SuspendSourceCronJobs(refs), new PlanStep.WaitForSourceJobs(refs, 1)), restoreOf("cutover-" + set),
        List.of(), new PlanStage.Cutover(set, refs, new CutoverForecast(Duration.ofMinutes(10), Instant.EPOCH, List.of(), List.of())));
  }

  static PlanStage gates(String name, String... gates) {
    return new PlanStage(name, "human steps", 0, Arrays.stream(gates).map(g -> (PlanStep) new PlanStep.Gate(g, "do " + g)).toList(),
        null, List.of(), null);
  }

  Path writePlan(PlanStage... stages) throws Exception {
    Path file = dir.resolve("plan.yaml");
    PlanYaml.write(new RestorePlan(PLAN, BACKUP, "s3://bucket/backups/" + BACKUP, "source", "target", FakeVelero.NS, List.of(stages)), file);
    return file;
  }

  List<GenericKubernetesResource> restores() {
    return target.genericKubernetesResources(VeleroApi.RESTORES).inNamespace(FakeVelero.NS).list().getItems();
  }

  boolean suspendedInSource(String namespace, String name) {
    return Boolean.TRUE.equals(source.batch().v1().cronjobs().inNamespace(namespace).withName(name).get().getSpec().getSuspend());
  }

  @Override
  public void close() {
    velero.close();
    target.close();
    source.close();
    targetServer.destroy();
    sourceServer.destroy();
  }
}
