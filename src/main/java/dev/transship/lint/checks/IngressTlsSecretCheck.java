package dev.transship.lint.checks;

import com.fasterxml.jackson.databind.JsonNode;
import dev.transship.archive.ItemKey;
import dev.transship.cloud.IngressClassIndex;
import dev.transship.cloud.Target;
import dev.transship.finding.ObjectRef;
import dev.transship.finding.Severity;
import dev.transship.kube.KubeObject;
import dev.transship.lint.Check;
import dev.transship.lint.CheckInfo;
import dev.transship.lint.LintContext;
import java.util.ArrayList;
import java.util.List;

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

  private record TlsIngress(ObjectRef ref, String className, List<String> tls) {}

  private final IngressClassIndex classes = new IngressClassIndex();
  private final List<TlsIngress> ingresses = new ArrayList<>();

  @Override
  public void inspect(ItemKey key, KubeObject object, LintContext ctx) {
    if (ctx.options().target() != Target.GKE) {
      return;
    }
    classes.observe(object);
    if (!"Ingress".equals(object.kind())) {
      return;
    }
    List<String> tls = new ArrayList<>();
    for (JsonNode entry : object.node().path("spec").path("tls")) {
      if (entry.hasNonNull("secretName")) {
        tls.add("TLS for " + entry.path("hosts") + " comes from Secret " + entry.path("secretName").asText());
      }
    }
    if (!tls.isEmpty()) {
      ingresses.add(new TlsIngress(ObjectRef.of(object, key), IngressClassIndex.namedClass(object), tls));
    }
  }

  /** Only Ingresses GKE's own controller serves: nginx and the like read the Secret themselves; ALB ones are alb-ingress's. */
  @Override
  public void finish(LintContext ctx) {
    for (TlsIngress ingress : ingresses) {
      if (classes.controller(ingress.className()) == IngressClassIndex.Controller.GCE) {
        ingress.tls().forEach(message -> ctx.report(INFO, ingress.ref(), message));
      }
    }
  }
}
