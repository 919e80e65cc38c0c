package dev.transship.restore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Schema;
import com.sun.net.httpserver.HttpServer;
import dev.transship.archive.Gzip;
import dev.transship.kube.Json;
import dev.transship.kube.KubeNames;
import dev.transship.testing.Backups;
import dev.transship.cli.CliSettings;
import dev.transship.testing.Cli;
import dev.transship.testing.CrdSchemas;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code velero://CONTEXT/BACKUP}: inspect, lint and convert read the EKS sample through a mock
 * API server whose simulated Velero answers DownloadRequests with the sample folder's files.
 */
class VeleroApiBackupSourceTest {
  private static final String NAME = Backups.EKS_SAMPLE;
  private static final String ADDRESS = "velero://target/" + NAME;
  /** The file of the backup folder each DownloadRequest kind serves (velero.md §2.3). */
  private static final Map<String, String> FILE_BY_KIND = Map.of(
      "BackupContents", ".tar.gz",
      "BackupResourceList", "-resource-list.json.gz",
      "BackupResults", "-results.gz",
      "BackupVolumeInfos", "-volumeinfo.json.gz",
      "BackupVolumeSnapshots", "-volumesnapshots.json.gz",
      "BackupItemOperations", "-itemoperations.json.gz",
      "BackupLog", "-logs.gz");

  @TempDir Path dir;
  private RestoreBed bed;
  private HttpServer store;
  private final ExecutorService storeThreads = Executors.newCachedThreadPool();
  private SharedIndexInformer<GenericKubernetesResource> velero;
  private final Set<String> requestsSeen = Collections.synchronizedSet(new HashSet<>());
  /** Velero in this test signs URLs within seconds; 20 s leaves room on a loaded machine. */
  private static final CliSettings SETTINGS = settings(Duration.ofSeconds(20));

  private static CliSettings settings(Duration downloadProcessing) {
    return CliSettings.FROM_ENVIRONMENT.withClusterTimeouts(ClusterTimeouts.DEFAULTS.withDownloadProcessing(downloadProcessing));
  }

  @BeforeEach
  void setUp() throws Exception {
    bed = new RestoreBed(dir, false);
    for (String crd : List.of("velero.io_restores.yaml", "velero.io_backups.yaml", "velero.io_downloadrequests.yaml",
        "velero.io_podvolumebackups.yaml")) {
      bed.target.apiextensions().v1().customResourceDefinitions()
          .resource(Json.YAML.readValue(CrdSchemas.veleroCrd(crd).toFile(), CustomResourceDefinition.class)).create();
    }
    RestoreBed.namespace(bed.target, FakeVelero.NS);
    store = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    store.createContext("/bucket/", exchange -> {
      Path file = Backups.eksSample().resolve(exchange.getRequestURI().getPath().substring("/bucket/".length()));
      if (!Files.isRegularFile(file)) {
        exchange.sendResponseHeaders(404, -1);
      } else {
        exchange.sendResponseHeaders(200, 0);
        try (OutputStream out = exchange.getResponseBody()) {
          Files.copy(file, out);
        }
      }
      exchange.close();
    });
    store.setExecutor(storeThreads);
    store.start();
    System.setProperty("kubeconfig", bed.kubeconfig.toString());
  }

  @AfterEach
  void tearDown() {
    System.clearProperty("kubeconfig");
    if (velero != null) {
      velero.close();
    }
    store.stop(0);
    storeThreads.shutdownNow();
    bed.close();
  }

  /** The sample's Backup and PodVolumeBackups in the target, as Velero's sync would have created them. */
  private void syncSample() throws Exception {
    ObjectNode backup = (ObjectNode) Json.MAPPER.readTree(Backups.eksSample().resolve("velero-backup.json").toFile());
    backup.with("metadata").put("namespace", FakeVelero.NS);
    bed.target.genericKubernetesResources(VeleroApi.BACKUPS).inNamespace(FakeVelero.NS).resource(VeleroApi.resource(backup)).create();
    JsonNode pvbs = Json.parse(Gzip.decompress(Files.readAllBytes(Backups.eksSample().resolve(NAME + "-podvolumebackups.json.gz"))));
    for (JsonNode pvb : pvbs) {
      ObjectNode copy = (ObjectNode) pvb.deepCopy();
      copy.with("metadata").put("namespace", FakeVelero.NS);
      bed.target.genericKubernetesResources(VeleroApi.POD_VOLUME_BACKUPS).inNamespace(FakeVelero.NS).resource(VeleroApi.resource(copy)).create();
    }
  }

  /** Velero's DownloadRequest controller: sign a URL to the file the request's kind names. */
  private void startVelero() {
    velero = bed.target.genericKubernetesResources(VeleroApi.DOWNLOAD_REQUESTS).inNamespace(FakeVelero.NS).inform(new ResourceEventHandler<>() {
      @Override
      public void onAdd(GenericKubernetesResource request) {
        JsonNode target = VeleroApi.json(request).path("spec").path("target");
        String name = request.getMetadata().getName();
        if (!requestsSeen.add(name)) {
          return;
        }
        String url = "http://127.0.0.1:" + store.getAddress().getPort() + "/bucket/" + target.path("name").asText()
            + FILE_BY_KIND.get(target.path("kind").asText());
        bed.target.genericKubernetesResources(VeleroApi.DOWNLOAD_REQUESTS).inNamespace(FakeVelero.NS).withName(name).edit(r -> {
          r.setAdditionalProperty("status", Map.of("phase", "Processed", "downloadURL", url));
          return r;
        });
      }

      @Override
      public void onUpdate(GenericKubernetesResource oldObj, GenericKubernetesResource newObj) {}

      @Override
      public void onDelete(GenericKubernetesResource r, boolean unknown) {}
    });
  }

  private List<GenericKubernetesResource> downloadRequestsLeft() {
    return bed.target.genericKubernetesResources(VeleroApi.DOWNLOAD_REQUESTS).inNamespace(FakeVelero.NS).list().getItems();
  }

  private static ObjectNode inspectJson(Cli.Run run) throws Exception {
    assertEquals(0, run.exitCode(), run.err());
    ObjectNode summary = (ObjectNode) Json.MAPPER.readTree(run.out());
    summary.remove("address");
    summary.remove("tarballBytes"); // a signed URL's size is known only once it is downloaded
    return summary;
  }

  @Test
  void inspectsABackupThroughVelerosApiAsFromItsFolder() throws Exception {
    syncSample();
    startVelero();
    Cli.Run viaApi = Cli.run(SETTINGS, "inspect", ADDRESS, "-o", "json");
    assertEquals(inspectJson(Cli.run(SETTINGS, "inspect", Backups.eksSample().toString(), "-o", "json")), inspectJson(viaApi));
    assertTrue(requestsSeen.size() >= 1, "a BackupContents DownloadRequest");
    assertEquals(List.of(), downloadRequestsLeft(), "every DownloadRequest is deleted");
  }

  @Test
  void convertsABackupThroughVelerosApiToTheSameItemsAndSideFiles() throws Exception {
    syncSample();
    startVelero();
    Cli.Run fromFolder = Cli.run(SETTINGS, "convert", Backups.eksSample().toString(), "--to", dir.resolve("folder").toString(), "--name", "copy");
    assertEquals(0, fromFolder.exitCode(), fromFolder.err());
    Cli.Run viaApi = Cli.run(SETTINGS, "convert", ADDRESS + "?namespace=velero", "--to", dir.resolve("api").toString(), "--name", "copy");
    assertEquals(0, viaApi.exitCode(), viaApi.err());

    Path folderCopy = dir.resolve("folder/backups/copy");
    Path apiCopy = dir.resolve("api/backups/copy");
    assertEquals(Backups.items(folderCopy.resolve("copy.tar.gz")), Backups.items(apiCopy.resolve("copy.tar.gz")));
    for (String side : List.of("-volumeinfo.json.gz", "-volumesnapshots.json.gz", "-itemoperations.json.gz")) {
      assertEquals(gunzipped(folderCopy.resolve("copy" + side)), gunzipped(apiCopy.resolve("copy" + side)), side);
    }
    assertEquals(podVolumeBackups(folderCopy), podVolumeBackups(apiCopy));
    assertEquals(List.of(), downloadRequestsLeft(), "every DownloadRequest is deleted");
  }

  @Test
  void lintsABackupThroughVelerosApi() throws Exception {
    syncSample();
    startVelero();
    Cli.Run fromFolder = Cli.run(SETTINGS, "lint", Backups.eksSample().toString(), "--format", "json", "--fail-on", "never");
    Cli.Run viaApi = Cli.run(SETTINGS, "lint", ADDRESS, "--format", "json", "--fail-on", "never");
    assertEquals(0, viaApi.exitCode(), viaApi.err());
    assertEquals(fromFolder.out().replace(Backups.eksSample().toString(), "X"), viaApi.out().replace(ADDRESS, "X"));
  }

  @Test
  void anUnreachableClusterIsOneLineExit2() throws Exception {
    Path kubeconfig = Files.writeString(dir.resolve("unreachable"), """
        apiVersion: v1
        kind: Config
        clusters: [{name: gone, cluster: {server: "http://127.0.0.1:1"}}]
        contexts: [{name: gone, context: {cluster: gone, user: u}}]
        users: [{name: u, user: {token: t}}]
        current-context: gone
        """);
    System.setProperty("kubeconfig", kubeconfig.toString());
    Cli.Run run = Cli.run(SETTINGS, "lint", "velero://gone/" + NAME);
    assertEquals(2, run.exitCode(), run.err());
    assertEquals(1, run.err().strip().lines().count(), run.err());
    assertTrue(run.err().contains("cannot reach the backup's cluster (context gone, http://127.0.0.1:1"), run.err());
  }

  @Test
  void everyDownloadRequestItSendsMatchesVelerosSchema() {
    Schema schema = CrdSchemas.load(CrdSchemas.veleroCrd("velero.io_downloadrequests.yaml"), "v1");
    String longest = "b".repeat(253);
    List<String> kinds = new java.util.ArrayList<>(VeleroApiBackupSource.SIDE_FILE_KINDS.values());
    kinds.add("BackupContents");
    for (String kind : kinds) {
      String requestName = DownloadRequests.requestName(longest);
      assertTrue(KubeNames.isDnsSubdomain(requestName), requestName);
      assertEquals(List.of(), CrdSchemas.errors(schema, RestoreObjects.downloadRequest(kind, longest, requestName, "velero")), kind);
    }
    assertFalse(DownloadRequests.requestName(NAME).equals(DownloadRequests.requestName(NAME)), "unique names");
  }

  private static String gunzipped(Path file) throws Exception {
    return new String(Gzip.decompress(Files.readAllBytes(file)), java.nio.charset.StandardCharsets.UTF_8);
  }

  /** The PodVolumeBackups' names and specs: the API server adds its own metadata (resourceVersion, uid). */
  private static List<String> podVolumeBackups(Path copy) throws Exception {
    return java.util.stream.StreamSupport.stream(Json.parse(Gzip.decompress(Files.readAllBytes(copy.resolve("copy-podvolumebackups.json.gz")))).spliterator(), false)
        .map(p -> p.path("metadata").path("name").asText() + " " + p.path("metadata").path("labels") + " " + p.path("spec"))
        .sorted().toList();
  }

  @Test
  void aBackupMissingFromVelerosNamespaceIsOneLineExit2() {
    startVelero();
    Cli.Run run = Cli.run(SETTINGS, "convert", ADDRESS, "--to", dir.resolve("out").toString(), "--name", "copy");
    assertEquals(2, run.exitCode(), run.err());
    assertEquals(1, run.err().strip().lines().count(), run.err());
    assertTrue(run.err().contains("Backup " + NAME + " not found in namespace velero of context target"), run.err());
    assertFalse(Files.exists(dir.resolve("out")));
  }

  @Test
  void aDownloadRequestVeleroNeverProcessesIsOneLineExit2() throws Exception {
    syncSample(); // but no Velero server answering
    Cli.Run run = Cli.run(settings(Duration.ofMillis(1500)), "convert", ADDRESS, "--to", dir.resolve("out").toString(), "--name", "copy");
    assertEquals(2, run.exitCode(), run.err());
    assertEquals(1, run.err().strip().lines().count(), run.err());
    assertTrue(run.err().contains("Velero did not process DownloadRequest velero/" + NAME + "-"), run.err());
    assertTrue(run.err().contains("(BackupContents of " + NAME + ") within"), run.err());
    assertFalse(Files.exists(dir.resolve("out/backups/copy")));
    assertEquals(List.of(), downloadRequestsLeft(), "the unanswered DownloadRequest is deleted");
  }

  @Test
  void anUnknownContextOrAClusterWithoutVeleroIsOneLineExit2() {
    Cli.Run unknown = Cli.run(SETTINGS, "inspect", "velero://nowhere/" + NAME);
    assertEquals(2, unknown.exitCode(), unknown.err());
    assertTrue(unknown.err().contains("unknown backup's context 'nowhere' (contexts: source, target)"), unknown.err());
    Cli.Run noVelero = Cli.run(SETTINGS, "inspect", "velero://source/" + NAME);
    assertEquals(2, noVelero.exitCode(), noVelero.err());
    assertTrue(noVelero.err().contains("Velero is not installed in backup's context source"), noVelero.err());
    assertEquals(1, noVelero.err().strip().lines().count(), noVelero.err());
    Cli.Run noNamespace = Cli.run(SETTINGS, "inspect", ADDRESS + "?namespace=backups");
    assertEquals(2, noNamespace.exitCode(), noNamespace.err());
    assertTrue(noNamespace.err().contains("backup's context target has no namespace 'backups'"), noNamespace.err());
    Cli.Run badAddress = Cli.run(SETTINGS, "inspect", "velero://target");
    assertEquals(2, badAddress.exitCode(), badAddress.err());
    assertTrue(badAddress.err().contains("expected velero://CONTEXT/BACKUP[?namespace=NS]"), badAddress.err());
  }
}
