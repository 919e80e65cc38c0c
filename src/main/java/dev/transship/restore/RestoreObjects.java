package dev.transship.restore;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.transship.kube.Json;
import dev.transship.plan.PlanStage;
import dev.transship.plan.RestoreNames;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The objects a run creates, built in one place so that a live run and {@code --dry-run} print
 * and send the same thing: a stage's Restore, the DownloadRequest for its results, a pull secret.
 */
final class RestoreObjects {
  static final String PLAN_ANNOTATION = "transship.dev/plan";
  static final String ATTEMPT_LABEL = "transship.dev/attempt";
  static final String MANAGED_BY = "app.kubernetes.io/managed-by";

  private RestoreObjects() {}

  /** apiVersion, kind, metadata.name and metadata.namespace: how every object here begins. */
  static ObjectNode object(String apiVersion, String kind, String name, String namespace) {
    ObjectNode object = Json.object();
    object.put("apiVersion", apiVersion);
    object.put("kind", kind);
    object.putObject("metadata").put("name", name).put("namespace", namespace);
    return object;
  }

  /**
   * The stage's Restore from the plan, named for this attempt and put in the Velero namespace.
   * The spec is the plan's, untouched: the plan is what was reviewed.
   */
  static ObjectNode restore(String planName, PlanStage stage, int attempt, String veleroNamespace) {
    ObjectNode restore = stage.restore().deepCopy();
    ObjectNode metadata = restore.with("metadata");
    metadata.put("name", RestoreNames.attempt(planName, stage.name(), attempt));
    metadata.put("namespace", veleroNamespace);
    metadata.with("labels").put(ATTEMPT_LABEL, Integer.toString(attempt));
    metadata.with("annotations").put(PLAN_ANNOTATION, planName);
    restore.remove("status");
    return restore;
  }

  /** A request for a Restore's detailed results ({@code restore-<r>-results.gz}, velero.md §2.3). */
  static ObjectNode resultsRequest(String restoreName, String requestName, String veleroNamespace) {
    return downloadRequest("RestoreResults", restoreName, requestName, veleroNamespace);
  }

  /** A request for one file of a backup or restore, {@code spec.target.kind} one of velero.md §2.3's kinds. */
  static ObjectNode downloadRequest(String kind, String targetName, String requestName, String veleroNamespace) {
    ObjectNode request = object(VeleroApi.API_VERSION, "DownloadRequest", requestName, veleroNamespace);
    request.putObject("spec").putObject("target").put("kind", kind).put("name", targetName);
    return request;
  }

  /**
   * A {@code kubernetes.io/dockerconfigjson} Secret for one registry login. Pass a null login for
   * the redacted copy {@code --dry-run} prints.
   */
  static ObjectNode pullSecret(String namespace, String name, String registry, RegistryLogin login) {
    ObjectNode secret = object("v1", "Secret", name, namespace);
    secret.with("metadata").putObject("labels").put(MANAGED_BY, "transship");
    secret.put("type", "kubernetes.io/dockerconfigjson");
    String config = login == null ? "<minted at restore time>" : base64(dockerConfig(registry, login));
    secret.putObject("data").put(".dockerconfigjson", config);
    return secret;
  }

  /** {@code {"auths":{registry:{username,password,auth}}}}, as docker login writes it. */
  static String dockerConfig(String registry, RegistryLogin login) {
    ObjectNode root = Json.object();
    ObjectNode entry = root.putObject("auths").putObject(registry);
    entry.put("username", login.username());
    entry.put("password", login.password());
    entry.put("auth", base64(login.username() + ":" + login.password()));
    return root.toString();
  }

  private static String base64(String text) {
    return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }
}
