package dev.transship.convert.gcp;

import com.fasterxml.jackson.databind.JsonNode;
import dev.transship.kube.KubeObject;
import dev.transship.rules.ActionContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * Settings that name Google Cloud resources by a project-local name, so they cannot follow the
 * move and must be recreated in the new project under the same name: static addresses, Cloud
 * Armor and SSL policies, IAP OAuth clients, subnets, node pools, KMS keys (warnings, nothing is
 * rewritten); and the status annotations ingress-gce and the L4 controllers wrote about the old
 * project's load balancer resources (removed). cloud-mapping.md §5.2 and §2.
 */
final class ProjectBoundSettings {
  private static final List<String> INGRESS_STATIC_IPS =
      List.of("kubernetes.io/ingress.global-static-ip-name", "kubernetes.io/ingress.regional-static-ip-name");
  private static final String MCI_STATIC_IP = "networking.gke.io/static-ip";
  private static final String MCI_PRE_SHARED_CERTS = "networking.gke.io/pre-shared-certs";
  private static final String SERVICE_STATIC_IPS = "networking.gke.io/load-balancer-ip-addresses";
  private static final List<String> SERVICE_SUBNETS =
      List.of("networking.gke.io/internal-load-balancer-subnet", "networking.gke.io/load-balancer-subnet");
  private static final String SECURITY_POLICY = "gcp-project-cloud-armor";
  private static final String SSL_POLICY = "gcp-project-ssl-policy";
  private static final String NODE_POOL = "cloud.google.com/gke-nodepool";
  private static final Set<String> INGRESS_STATUS = Set.of("backends", "url-map", "forwarding-rule",
      "https-forwarding-rule", "target-proxy", "https-target-proxy", "ssl-cert", "static-ip", "redirect-url-map");
  private static final Pattern SERVICE_STATUS = Pattern.compile(
      "cloud\\.google\\.com/neg-status|service\\.kubernetes\\.io/((tcp|udp|l3)-forwarding-rule|backend-service|firewall-rule|healthcheck)[-a-z0-9]*");

  private final ProjectReferences refs;

  ProjectBoundSettings(ProjectReferences refs) {
    this.refs = refs;
  }

  void apply(ActionContext ctx) {
    KubeObject object = ctx.object();
    JsonNode spec = object.node().path("spec");
    switch (object.group() + "/" + object.kind()) {
      case "networking.k8s.io/Ingress", "extensions/Ingress" -> ingress(ctx);
      case "networking.gke.io/MultiClusterIngress" -> multiClusterIngress(ctx);
      case "/Service" -> service(ctx, spec);
      case "cloud.google.com/BackendConfig" -> backendConfig(ctx, spec);
      case "networking.gke.io/FrontendConfig" -> policy(ctx, SSL_POLICY, "spec.sslPolicy", spec.path("sslPolicy"));
      case "networking.gke.io/GCPBackendPolicy" ->
          policy(ctx, SECURITY_POLICY, "spec.default.securityPolicy", spec.path("default").path("securityPolicy"));
      case "networking.gke.io/GCPGatewayPolicy" ->
          policy(ctx, SSL_POLICY, "spec.default.sslPolicy", spec.path("default").path("sslPolicy"));
      case "gateway.networking.k8s.io/Gateway" -> {
        for (JsonNode address : spec.path("addresses")) {
          if ("NamedAddress".equals(address.path("type").asText())) {
            staticAddress(ctx, "spec.addresses", address.path("value").asText());
          }
        }
      }
      case "storage.k8s.io/StorageClass" -> kmsKey(ctx);
      default -> { }
    }
  }

  private void ingress(ActionContext ctx) {
    for (String annotation : INGRESS_STATIC_IPS) {
      staticAddress(ctx, annotation, ctx.object().annotation(annotation));
    }
    removeStatus(ctx, k -> k.startsWith("ingress.kubernetes.io/") && INGRESS_STATUS.contains(k.substring(k.indexOf('/') + 1)));
  }

  /** Multi Cluster Ingress takes its address as an IP and its certificates by name, both the old project's (GKE MCI docs). */
  private void multiClusterIngress(ActionContext ctx) {
    String ip = ctx.object().annotation(MCI_STATIC_IP);
    if (ip != null && !ip.isEmpty()) {
      ctx.warn("gcp-project-static-ip", MCI_STATIC_IP + " " + ip + " is an address of the old project",
          "reserve a global address in " + refs.to() + " and set it here; the IP cannot move between projects, so DNS must be switched");
    }
    String certs = ctx.object().annotation(MCI_PRE_SHARED_CERTS);
    if (certs != null && !certs.isBlank()) {
      ctx.warn("gcp-project-certificate", MCI_PRE_SHARED_CERTS + " names " + certs.strip() + ", certificates of the old project",
          "create certificates of the same names in " + refs.to() + " before the traffic stage (a Google-managed certificate "
              + "cannot be exported: provision a new one there while the old project still serves DNS)");
    }
  }

  private void service(ActionContext ctx, JsonNode spec) {
    staticAddress(ctx, SERVICE_STATIC_IPS, ctx.object().annotation(SERVICE_STATIC_IPS));
    String ip = spec.path("loadBalancerIP").asText("");
    if (!ip.isEmpty()) {
      ctx.warn("gcp-project-static-ip", "spec.loadBalancerIP " + ip + " is an address of the old project",
          "reserve an address in " + refs.to() + " and set it here (an external IP cannot move between projects, so DNS "
              + "must be switched); internal IPs can be reserved again in the new VPC");
    }
    for (String annotation : SERVICE_SUBNETS) {
      String subnet = ctx.object().annotation(annotation);
      if (subnet != null) {
        ctx.warn("gcp-project-subnet", annotation + " names subnet " + subnet + " of the old project's network",
            "set the name of the matching subnet in the new cluster's VPC");
      }
    }
    removeStatus(ctx, k -> SERVICE_STATUS.matcher(k).matches());
  }

  private void backendConfig(ActionContext ctx, JsonNode spec) {
    policy(ctx, SECURITY_POLICY, "spec.securityPolicy.name", spec.path("securityPolicy").path("name"));
    String iapSecret = spec.path("iap").path("oauthclientCredentials").path("secretName").asText("");
    if (!iapSecret.isEmpty()) {
      ctx.warn("gcp-project-iap-client", "IAP uses the OAuth client in Secret " + iapSecret + ", a client of the old project",
          "create an OAuth client (and consent screen) in " + refs.to() + " and put its id and secret in that Secret");
    }
  }

  private void kmsKey(ActionContext ctx) {
    String key = ctx.object().node().path("parameters").path("disk-encryption-kms-key").asText("");
    if (refs.mentions(key)) {
      ctx.warn("gcp-project-kms-key", "disk-encryption-kms-key " + key + " stays in the old project",
          "grant roles/cloudkms.cryptoKeyEncrypterDecrypter on it to the Compute Engine service agent of " + refs.to()
              + ", or create a key in " + refs.to() + " and name it here");
    }
  }

  /** Pods pinned to node pools by name need pools of the same names in the new cluster. */
  void nodePools(ActionContext ctx, JsonNode podSpec) {
    TreeSet<String> pools = new TreeSet<>();
    String selected = podSpec.path("nodeSelector").path(NODE_POOL).asText("");
    if (!selected.isEmpty()) {
      pools.add(selected);
    }
    JsonNode nodeAffinity = podSpec.path("affinity").path("nodeAffinity");
    List<JsonNode> terms = new ArrayList<>();
    nodeAffinity.path("requiredDuringSchedulingIgnoredDuringExecution").path("nodeSelectorTerms").forEach(terms::add);
    nodeAffinity.path("preferredDuringSchedulingIgnoredDuringExecution").forEach(p -> terms.add(p.path("preference")));
    for (JsonNode term : terms) {
      for (JsonNode expression : term.path("matchExpressions")) {
        if (NODE_POOL.equals(expression.path("key").asText())) {
          expression.path("values").forEach(v -> pools.add(v.asText()));
        }
      }
    }
    if (!pools.isEmpty()) {
      ctx.warn("gcp-project-node-pool", "pinned to node pool " + String.join(", ", pools) + " by " + NODE_POOL,
          "create node pools of the same names in the new cluster, or change the selector");
    }
  }

  private void staticAddress(ActionContext ctx, String where, String name) {
    if (name != null && !name.isEmpty()) {
      ctx.warn("gcp-project-static-ip", where + " names reserved address " + name + " of the old project",
          "reserve an address named " + name + " in " + refs.to() + " before restoring; it gets a new IP, so DNS must be "
              + "switched to it");
    }
  }

  private void policy(ActionContext ctx, String check, String field, JsonNode name) {
    String what = check.equals(SSL_POLICY) ? "SSL policy" : "Cloud Armor security policy";
    if (name.isTextual() && !name.asText().isEmpty()) {
      ctx.warn(check, field + " names " + what + " " + name.asText() + ", which exists per project",
          "create " + what + " " + name.asText() + " in " + refs.to() + " ("
              + (check.equals(SSL_POLICY) ? "same profile and minimum TLS version" : "same rules") + ") before restoring");
    }
  }

  private static void removeStatus(ActionContext ctx, Predicate<String> isStatus) {
    List<String> removed = new ArrayList<>();
    for (String key : new ArrayList<>(ctx.object().annotations().keySet())) {
      if (isStatus.test(key)) {
        ctx.object().removeAnnotation(key);
        removed.add(key);
      }
    }
    if (!removed.isEmpty()) {
      ctx.info("gke-status-annotations", "removed " + String.join(", ", removed)
          + ": status the controllers wrote about the old project's load balancer resources");
    }
  }
}
