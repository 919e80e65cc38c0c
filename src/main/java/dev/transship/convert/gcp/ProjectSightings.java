package dev.transship.convert.gcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.transship.kube.KubeObject;
import dev.transship.kube.PodTemplates;
import dev.transship.kube.SecretRedaction;
import dev.transship.rules.SeenValues;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Whether the backup names {@code fromProject} where {@link GcpProjectMove} rewrites or reports it,
 * and which project IDs it names there instead, for the message when it names the old one nowhere.
 * The places are the converter's: container images, env values, commands and args, Workload Identity
 * annotations, ConfigMap data, PV volume handles, Config Connector annotations and specs, kubectl's
 * last-applied copy. Secrets count for the old project but never add to the IDs listed.
 */
final class ProjectSightings {
  private static final String ID = "([a-z][a-z0-9-]{4,28}[a-z0-9])";
  /** Project IDs in registry paths, service account emails, resource names and kubeconfig contexts. */
  private static final Pattern PROJECT = Pattern.compile("(?:-docker\\.pkg\\.dev/|gcr\\.io/)" + ID + "/"
      + "|@" + ID + "\\.iam\\.gserviceaccount\\.com" + "|projects/" + ID + "/" + "|(?<![A-Za-z0-9_-])gke_" + ID + "_");

  private final ProjectReferences refs;
  private final SeenValues seen = new SeenValues();
  private boolean found;

  ProjectSightings(ProjectReferences refs) {
    this.refs = refs;
  }

  /** Once the old project is found, nothing more needs looking at. */
  void observe(KubeObject object) {
    if (found) {
      return;
    }
    Consumer<String> text = this::text;
    String configConnector = object.annotation(GcpProjectMove.CONFIG_CONNECTOR_PROJECT);
    if (configConnector != null) {
      seen.add(configConnector);
      found |= configConnector.equals(refs.from());
    }
    boolean core = object.group().isEmpty();
    if (core && "Secret".equals(object.kind())) {
      secret(object);
      return;
    }
    String lastApplied = object.annotation(SecretRedaction.LAST_APPLIED);
    if (lastApplied != null) {
      text(lastApplied);
    }
    if (core && "ServiceAccount".equals(object.kind()) && object.annotation(GcpProjectMove.WORKLOAD_IDENTITY) != null) {
      text(object.annotation(GcpProjectMove.WORKLOAD_IDENTITY));
    }
    if (core && "ConfigMap".equals(object.kind())) {
      object.node().path("data").forEach(value -> text(value.asText()));
    }
    if (core && "PersistentVolume".equals(object.kind())) {
      text(object.node().path("spec").path("csi").path("volumeHandle").asText(""));
    }
    if (object.group().endsWith(GcpProjectMove.CONFIG_CONNECTOR_GROUP)) {
      strings(object.node().path("spec"), text);
    }
    for (ObjectNode container : PodTemplates.containerNodes(object)) {
      text(container.path("image").asText(""));
      container.path("env").forEach(env -> text(env.path("value").asText("")));
      for (String field : List.of("command", "args")) {
        container.path(field).forEach(word -> text(word.asText("")));
      }
    }
  }

  private void text(String text) {
    if (text.isEmpty()) {
      return;
    }
    if (refs.mentions(text) || refs.image(text) != null) {
      found = true;
    }
    Matcher m = PROJECT.matcher(text);
    while (m.find()) {
      for (int g = 1; g <= m.groupCount(); g++) {
        seen.add(m.group(g));
      }
    }
  }

  /** The converter reports a Secret that mentions the old project; its values are never listed. */
  private void secret(KubeObject secret) {
    secret.node().path("data").forEach(value -> {
      try {
        found |= refs.mentions(new String(Base64.getDecoder().decode(value.asText()), StandardCharsets.UTF_8));
      } catch (IllegalArgumentException notBase64) {
        // not a value the converter can read either
      }
    });
    secret.node().path("stringData").forEach(value -> found |= refs.mentions(value.asText()));
  }

  private static void strings(JsonNode node, Consumer<String> text) {
    if (node.isTextual()) {
      text.accept(node.asText());
    } else {
      node.forEach(child -> strings(child, text));
    }
  }

  boolean found() {
    return found;
  }

  SeenValues seen() {
    return seen;
  }
}
