package dev.transship.restore;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import dev.transship.archive.Gzip;
import dev.transship.kube.Json;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

/**
 * Plays Velero's server in the target mock API: a new Restore goes InProgress, then to the phase
 * the test chose for its stage (after the stage's effect, e.g. CronJobs appearing); a new
 * DownloadRequest gets {@code Processed} and a downloadURL served by an in-process HTTP server
 * with the gzipped results JSON.
 */
final class FakeVelero implements AutoCloseable {
  static final String NS = "velero";

  private final KubernetesClient target;
  private final HttpServer http;
  private final ExecutorService worker = Executors.newSingleThreadExecutor();
  private final ExecutorService httpThreads = Executors.newCachedThreadPool();
  private final List<SharedIndexInformer<GenericKubernetesResource>> informers = new ArrayList<>();
  private final Set<String> handled = ConcurrentHashMap.newKeySet();
  /** Every Restore Velero saw created, in order: a duplicate would show twice or with a second attempt. */
  final List<String> restoresSeen = Collections.synchronizedList(new ArrayList<>());
  /** Phase to end each stage's Restore in (Completed when absent). */
  final Map<String, String> outcomeByStage = new ConcurrentHashMap<>();
  /** What restoring a stage does to the target, run before the Restore ends. */
  final Map<String, Consumer<String>> effectByStage = new ConcurrentHashMap<>();
  /** The results file of each Restore. */
  final Map<String, String> results = new ConcurrentHashMap<>();
  /** HTTP status the results URL answers with instead of the file, when not 200 (a store that fails). */
  volatile int resultsStatus = 200;
  /** When set, the results URL does not answer until the fake closes (a store that hangs). */
  volatile boolean resultsHang;
  private final CountDownLatch closing = new CountDownLatch(1);
  /** When set, Restores stay InProgress (a Velero that is slow). */
  volatile boolean stall;

  FakeVelero(KubernetesClient target) throws IOException {
    this.target = target;
    http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    http.createContext("/results/", exchange -> {
      String restore = exchange.getRequestURI().getPath().substring("/results/".length());
      if (resultsHang) {
        awaitClosing();
      }
      if (resultsStatus != 200) {
        exchange.sendResponseHeaders(resultsStatus, -1);
        exchange.close();
        return;
      }
      byte[] body = Gzip.compress(results.getOrDefault(restore, "{\"warnings\":{},\"errors\":{}}").getBytes(StandardCharsets.UTF_8));
      exchange.sendResponseHeaders(200, body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    });
    http.setExecutor(httpThreads);
    http.start();
  }

  private void awaitClosing() {
    try {
      closing.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  void start() {
    informers.add(target.genericKubernetesResources(VeleroApi.RESTORES).inNamespace(NS).inform(handler(this::onRestore)));
    informers.add(target.genericKubernetesResources(VeleroApi.DOWNLOAD_REQUESTS).inNamespace(NS).inform(handler(this::onDownloadRequest)));
  }

  private ResourceEventHandler<GenericKubernetesResource> handler(Consumer<GenericKubernetesResource> onNew) {
    return new ResourceEventHandler<>() {
      @Override
      public void onAdd(GenericKubernetesResource r) {
        if (VeleroApi.json(r).path("status").path("phase").asText("").isEmpty() && handled.add(r.getKind() + "/" + r.getMetadata().getName())) {
          worker.submit(() -> onNew.accept(r));
        }
      }

      @Override
      public void onUpdate(GenericKubernetesResource oldObj, GenericKubernetesResource newObj) {}

      @Override
      public void onDelete(GenericKubernetesResource r, boolean unknown) {}
    };
  }

  private void onRestore(GenericKubernetesResource restore) {
    String name = restore.getMetadata().getName();
    restoresSeen.add(name);
    String stage = restore.getMetadata().getLabels().get("transship.dev/stage");
    setStatus(VeleroApi.RESTORES, name, Map.of("phase", "InProgress", "progress", Map.of("totalItems", 4, "itemsRestored", 1)));
    if (stall) {
      return;
    }
    effectByStage.getOrDefault(stage, n -> {}).accept(name);
    String phase = outcomeByStage.getOrDefault(stage, "Completed");
    JsonNode res = results.containsKey(name) ? parse(results.get(name)) : Json.object();
    Map<String, Object> status = new LinkedHashMap<>();
    status.put("phase", phase);
    status.put("progress", Map.of("totalItems", 4, "itemsRestored", phase.equals("Completed") ? 4 : 3));
    status.put("warnings", count(res.path("warnings")));
    status.put("errors", count(res.path("errors")));
    if (phase.equals("Failed")) {
      status.put("failureReason", "error downloading backup tarball");
    }
    if (phase.equals("FailedValidation")) {
      status.put("validationErrors", List.of("backup " + restore.get("spec") + " not found"));
    }
    setStatus(VeleroApi.RESTORES, name, status);
  }

  private void onDownloadRequest(GenericKubernetesResource request) {
    JsonNode spec = VeleroApi.json(request).path("spec").path("target");
    String url = "http://127.0.0.1:" + http.getAddress().getPort() + "/results/" + spec.path("name").asText();
    setStatus(VeleroApi.DOWNLOAD_REQUESTS, request.getMetadata().getName(), Map.of("phase", "Processed", "downloadURL", url));
  }

  private void setStatus(io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext kind, String name, Map<String, Object> status) {
    target.genericKubernetesResources(kind).inNamespace(NS).withName(name).edit(r -> {
      r.setAdditionalProperty("status", status);
      return r;
    });
  }

  private static int count(JsonNode result) {
    int n = result.path("velero").size() + result.path("cluster").size();
    for (JsonNode ns : result.path("namespaces")) {
      n += ns.size();
    }
    return n;
  }

  private static JsonNode parse(String json) {
    try {
      return Json.MAPPER.readTree(json);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    closing.countDown();
    informers.forEach(SharedIndexInformer::close);
    worker.shutdownNow();
    http.stop(0);
    httpThreads.shutdownNow();
  }
}
