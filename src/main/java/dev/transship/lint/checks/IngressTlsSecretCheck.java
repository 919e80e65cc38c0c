package dev.transship.lint.checks;

import com.fasterxml.jackson.databind.JsonNode;
import dev.transship.archive.ItemKey;
import dev.transship.finding.ObjectRef;
import dev.transship.finding.Severity;
import dev.transship.kube.KubeObject;
import dev.transship.lint.Check;
import dev.transship.lint.CheckInfo;
import dev.transship.lint.LintContext;
import dev.transship.lint.Target;

/** GKE copies a TLS Secret into a load balancer certificate once: rotations do not reach it. */
public final class IngressTlsSecretCheck implements Check {
  static final CheckInfo INFO = new CheckInfo("ingress-tls-secret", Severity.WARNING, "Ingress TLS served from a Secret on GKE",
      "The GKE Ingress controller uploads the Secret as a self-managed certificate; renewing the Secret does not reach the load balancer "
          + "without re-creating the Ingress, so certificates silently expire.",
      "Use a Google-managed certificate or a pre-shared certificate with its own rotation.");

  @Override
  public CheckInfo info() {
    return INFO;
  }

  @Override
  public void inspect(ItemKey key, KubeObject object, LintContext ctx) {
    if (ctx.options().target() != Target.GKE || !"Ingress".equals(object.kind())) {
      return;
    }
    // Only Ingresses GKE's own controller serves: no class, or a gce one. nginx and the like read the
    // Secret themselves; ALB Ingresses are alb-ingress's finding.
    String cls = object.annotation("kubernetes.io/ingress.class");
    if (cls == null) {
      cls = object.node().path("spec").path("ingressClassName").asText("");
    }
    if (!cls.isEmpty() && !cls.startsWith("gce")) {
      return;
    }
    for (JsonNode tls : object.node().path("spec").path("tls")) {
      if (tls.hasNonNull("secretName")) {
        ctx.report(INFO, ObjectRef.of(object, key), "TLS for " + tls.path("hosts") + " comes from Secret " + tls.path("secretName").asText());
      }
    }
  }
}
