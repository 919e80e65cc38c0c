package dev.transship.lint.checks;

import dev.transship.archive.ItemKey;
import dev.transship.cloud.Target;
import dev.transship.finding.ObjectRef;
import dev.transship.finding.Severity;
import dev.transship.kube.KubeObject;
import dev.transship.lint.Check;
import dev.transship.lint.CheckInfo;
import dev.transship.lint.LintContext;
import java.util.ArrayList;
import java.util.List;

/**
 * GKE objects that name Google Cloud resources of the source project by name (cloud-mapping §9
 * GKE-STATIC-IP, GKE-ARMOR, GKE-SSLPOL): restored in another project, the load balancer cannot
 * be built until resources of those names exist there.
 */
public final class GcpProjectResourceCheck implements Check {
  static final CheckInfo INFO = new CheckInfo("gcp-project-resource", Severity.WARNING, "Names a Google Cloud resource of the source project",
      "Static IP addresses, Cloud Armor policies and SSL policies are project resources referred to by name. In another project the "
          + "Ingress or Service stays without a load balancer until they exist there, and a new static IP means a DNS change.",
      "Reserve the addresses and recreate the policies in the target project (keeping the names, or rewriting them with a rule), "
          + "and plan the DNS change.");

  private static final String GENERATED_FROM = "transship.dev/generated-from";

  @Override
  public CheckInfo info() {
    return INFO;
  }

  @Override
  public void inspect(ItemKey key, KubeObject object, LintContext ctx) {
    // Objects transship generated for the target name the target's resources.
    if (ctx.options().target() != Target.GKE || object.annotation(GENERATED_FROM) != null) {
      return;
    }
    List<String> named = new ArrayList<>();
    var spec = object.node().path("spec");
    switch (object.kind()) {
      case "Ingress" -> {
        add(named, "static IP", object.annotation("kubernetes.io/ingress.global-static-ip-name"));
        add(named, "regional static IP", object.annotation("kubernetes.io/ingress.regional-static-ip-name"));
      }
      case "Service" -> {
        if ("LoadBalancer".equals(spec.path("type").asText())) {
          add(named, "load balancer IP", spec.path("loadBalancerIP").asText(null));
          add(named, "load balancer IP addresses", object.annotation("networking.gke.io/load-balancer-ip-addresses"));
        }
      }
      case "BackendConfig" -> add(named, "Cloud Armor policy", spec.path("securityPolicy").path("name").asText(null));
      case "FrontendConfig" -> add(named, "SSL policy", spec.path("sslPolicy").asText(null));
      default -> { }
    }
    if (!named.isEmpty()) {
      ctx.report(INFO, ObjectRef.of(object, key), "names " + String.join(", ", named) + " of the source project");
    }
  }

  private static void add(List<String> named, String what, String name) {
    if (name != null && !name.isBlank()) {
      named.add(what + " " + name);
    }
  }
}
