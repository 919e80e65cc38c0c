package dev.transship.convert.gcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.transship.convert.PodTemplates;
import dev.transship.kube.KubeObject;
import dev.transship.rules.ActionContext;
import dev.transship.rules.ConverterDescriptor;
import dev.transship.rules.ConverterSpec;
import dev.transship.rules.ObjectAction;
import dev.transship.rules.ParameterDoc;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Moves project IDs when a GKE backup restores in another Google Cloud project (cloud-mapping.md
 * §5.2): images, Workload Identity service accounts, env and ConfigMap values, Config Connector
 * annotations; and reports what cannot follow (static IPs, Cloud Armor and SSL policies, PD
 * disks). GKE's status annotations from the old load balancers are removed.
 */
public final class GcpProjectMove implements ObjectAction {
  /** Annotations the GKE Ingress controller writes about the load balancer it built. */
  private static final List<String> STATUS_ANNOTATIONS = List.of("ingress.kubernetes.io/backends", "ingress.kubernetes.io/forwarding-rule",
      "ingress.kubernetes.io/https-forwarding-rule", "ingress.kubernetes.io/target-proxy", "ingress.kubernetes.io/https-target-proxy",
      "ingress.kubernetes.io/url-map", "ingress.kubernetes.io/ssl-cert", "ingress.kubernetes.io/static-ip", "cloud.google.com/neg-status");

  private final String from;
  private final String to;
  private final Pattern token;

  GcpProjectMove(String from, String to) {
    if (from.isBlank() || to.isBlank()) {
      throw new IllegalArgumentException("fromProject and toProject must not be empty");
    }
    this.from = from;
    this.to = to;
    // The project as a whole token: not part of a longer name such as acme-prod-1234.
    this.token = Pattern.compile("(?<![A-Za-z0-9-])" + Pattern.quote(from) + "(?![A-Za-z0-9-])");
  }

  @Override
  public void apply(ActionContext ctx) {
    KubeObject object = ctx.object();
    stripStatusAnnotations(ctx, object);
    rewriteAnnotation(ctx, object, "iam.gke.io/gcp-service-account", "Workload Identity service account");
    rewriteAnnotation(ctx, object, "cnrm.cloud.google.com/project-id", "Config Connector project");
    for (ObjectNode container : PodTemplates.containers(object)) {
      String image = container.path("image").asText("");
      String moved = replace(image);
      if (!moved.equals(image)) {
        container.put("image", moved);
        ctx.info("gcp-project-image", "container " + container.path("name").asText() + ": " + image + " -> " + moved);
      }
      for (JsonNode env : container.path("env")) {
        String value = env.path("value").asText(null);
        if (value != null && !replace(value).equals(value)) {
          ((ObjectNode) env).put("value", replace(value));
          ctx.info("gcp-project-env", "container " + container.path("name").asText() + ": env " + env.path("name").asText() + " now names project " + to);
        }
      }
    }
    switch (object.kind()) {
      case "ConfigMap":
        configMap(ctx, object);
        break;
      case "PersistentVolume":
        String handle = object.node().path("spec").path("csi").path("volumeHandle").asText("");
        if (handle.startsWith("projects/" + from + "/")) {
          ctx.warn("gcp-project-disk", "PD disk " + handle + " belongs to project " + from + " and does not move with the backup",
              "restore its data by file-system backup or the data mover, or snapshot the disk into " + to + " (velero-plugin-for-gcp volumeProject)");
        }
        break;
      case "BackendConfig":
        if (object.node().path("spec").has("securityPolicy")) {
          ctx.warn("gcp-project-cloud-armor", "Cloud Armor policy " + object.node().path("spec").path("securityPolicy").path("name").asText()
              + " is project-scoped", "create it in " + to + " before the traffic stage");
        }
        break;
      case "FrontendConfig":
        if (object.node().path("spec").has("sslPolicy")) {
          ctx.warn("gcp-project-ssl-policy", "SSL policy " + object.node().path("spec").path("sslPolicy").asText() + " is project-scoped", "create it in " + to);
        }
        break;
      case "Ingress":
        for (String key : List.of("kubernetes.io/ingress.global-static-ip-name", "kubernetes.io/ingress.regional-static-ip-name")) {
          if (object.annotation(key) != null) {
            ctx.warn("gcp-project-static-ip", "static IP " + object.annotation(key) + " cannot follow the project: the new one has a different address",
                "reserve an address named " + object.annotation(key) + " in " + to + " and move DNS to it");
          }
        }
        break;
      default:
        break;
    }
  }

  private void configMap(ActionContext ctx, KubeObject cm) {
    if (!(cm.node().path("data") instanceof ObjectNode data)) {
      return;
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = data.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      String moved = replace(e.getValue().asText());
      if (!moved.equals(e.getValue().asText())) {
        e.setValue(data.textNode(moved));
        ctx.warn("gcp-project-configmap", "key " + e.getKey() + " named project " + from + "; rewritten to " + to,
            "check the resource it names exists in " + to);
      }
    }
  }

  private void rewriteAnnotation(ActionContext ctx, KubeObject object, String key, String what) {
    String value = object.annotation(key);
    if (value != null && !replace(value).equals(value)) {
      object.setAnnotation(key, replace(value));
      ctx.info("gcp-project-" + (key.startsWith("iam") ? "workload-identity" : "annotation"), what + " " + value + " -> " + replace(value));
    }
  }

  private void stripStatusAnnotations(ActionContext ctx, KubeObject object) {
    List<String> removed = new ArrayList<>();
    for (String key : STATUS_ANNOTATIONS) {
      if (object.removeAnnotation(key)) {
        removed.add(key);
      }
    }
    if (!removed.isEmpty()) {
      ctx.info("gke-status-annotations", "removed annotations about the old project's load balancer: " + String.join(", ", removed));
    }
  }

  private String replace(String value) {
    Matcher m = token.matcher(value);
    return m.find() ? m.replaceAll(Matcher.quoteReplacement(to)) : value;
  }

  public static final ConverterSpec SPEC = new ConverterDescriptor(
      "gcpProjectMove",
      "GKE project move: rewrite the project ID in images, Workload Identity service accounts, env and ConfigMap values and "
          + "Config Connector annotations; remove the old load balancer's status annotations; report static IPs, Cloud Armor "
          + "and SSL policies and PD disks, which do not follow the project.",
      List.of(ParameterDoc.required("fromProject", "string", "project ID of the source cluster"),
          ParameterDoc.required("toProject", "string", "project ID of the target cluster")),
      "- convert: gcpProjectMove\n  with: {fromProject: acme-prod-123, toProject: acme-prod-456}",
      config -> new GcpProjectMove(config.string("fromProject", ""), config.string("toProject", "")));
}
