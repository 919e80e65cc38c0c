package dev.transship.plan;

import static dev.transship.testing.Actions.yaml;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.transship.kube.Json;
import dev.transship.kube.KubeObject;
import dev.transship.testing.Backups;
import dev.transship.testing.Cli;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The gate that lists the third-party APIs and operators a restore needs before the workloads stage. */
class RequiredOperatorsTest {
  @TempDir Path tmp;

  private static KubeObject object(String text) {
    return new KubeObject(yaml(text));
  }

  @Test
  void namesEachThirdPartyApiWithItsCrdAndInstallerAndIgnoresWhatThePlatformServes() {
    RequiredOperators operators = new RequiredOperators();
    operators.see("foundation", object("""
        apiVersion: apiextensions.k8s.io/v1
        kind: CustomResourceDefinition
        metadata:
          name: servicemonitors.monitoring.coreos.com
          annotations: {meta.helm.sh/release-name: kube-prometheus-stack, meta.helm.sh/release-namespace: monitoring}
        spec: {group: monitoring.coreos.com, names: {kind: ServiceMonitor, plural: servicemonitors}, scope: Namespaced}
        """));
    operators.see("foundation", object("""
        apiVersion: apiextensions.k8s.io/v1
        kind: CustomResourceDefinition
        metadata: {name: certificates.cert-manager.io}
        spec:
          group: cert-manager.io
          names: {kind: Certificate, plural: certificates}
          conversion:
            strategy: Webhook
            webhook: {clientConfig: {service: {name: cert-manager-webhook, namespace: cert-manager, path: /convert}}, conversionReviewVersions: [v1]}
        """));
    operators.see("foundation", object("""
        apiVersion: apiextensions.k8s.io/v1
        kind: CustomResourceDefinition
        metadata: {name: backendconfigs.cloud.google.com}
        spec: {group: cloud.google.com, names: {kind: BackendConfig, plural: backendconfigs}}
        """));
    operators.see("workloads", object("apiVersion: monitoring.coreos.com/v1\nkind: ServiceMonitor\nmetadata: {name: web, namespace: shop}"));
    operators.see("workloads", object("apiVersion: external-secrets.io/v1beta1\nkind: ExternalSecret\nmetadata: {name: db, namespace: shop}"));
    operators.see("traffic", object("apiVersion: cloud.google.com/v1\nkind: BackendConfig\nmetadata: {name: web, namespace: shop}"));
    operators.see("workloads", object("apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web, namespace: shop}"));

    PlanStep.Gate gate = operators.gate();
    assertEquals("install-operators", gate.name());
    String message = gate.message();
    assertTrue(message.contains("cert-manager.io (Certificate; CRD certificates.cert-manager.io restored in this plan; "
        + "conversion webhook Service cert-manager/cert-manager-webhook)"), message);
    assertTrue(message.contains("external-secrets.io (ExternalSecret, 1 object; CRD not in this backup: install it in the target first"), message);
    assertTrue(message.contains("monitoring.coreos.com (ServiceMonitor, 1 object; CRD servicemonitors.monitoring.coreos.com restored in this plan; "
        + "Helm release monitoring/kube-prometheus-stack)"), message);
    assertTrue(!message.contains("cloud.google.com") && !message.contains("apps"), "GKE and Kubernetes serve these: " + message);
    assertEquals("workloads", operators.stageBefore(List.of("foundation", "config", "workloads", "traffic")));
    RequiredOperators custom = new RequiredOperators();
    custom.see("apps", object("apiVersion: monitoring.coreos.com/v1\nkind: PodMonitor\nmetadata: {name: web, namespace: shop}"));
    assertEquals("apps", custom.stageBefore(List.of("base", "apps", "edge")), "a pack's own stages: the first that restores one");

    RequiredOperators platformOnly = new RequiredOperators();
    platformOnly.see("traffic", object("apiVersion: networking.gke.io/v1\nkind: ManagedCertificate\nmetadata: {name: web, namespace: shop}"));
    assertNull(platformOnly.gate(), "nothing to install: no gate");
  }

  @Test
  void anEksUpgradePlanStopsBeforeWorkloadsForTheControllersTheNewClusterNeeds() throws Exception {
    Path root = Backups.repoRoot();
    Path plan = tmp.resolve("plan.yaml");
    var run = Cli.run("convert", "--fail-on", "never", root.resolve("sample-backups/eks-shop/backups/eks-shop-nightly-20261120").toString(),
        "--rules", root.resolve("rules/eks-upgrade.yaml").toString(), "--to", tmp.resolve("out").toString(), "--name", "shop-green",
        "--plan", plan.toString(), "--cutover-at", "2026-11-24T01:55:00Z");
    assertEquals(0, run.exitCode(), run.err());
    JsonNode doc = Json.YAML.readTree(plan.toFile());
    List<String> gated = new ArrayList<>();
    for (JsonNode stage : doc.path("stages")) {
      for (JsonNode step : stage.path("before")) {
        if (step.path("gate").path("name").asText().equals("install-operators")) {
          gated.add(stage.path("name").asText());
          String message = step.path("gate").path("message").asText();
          assertTrue(message.contains("karpenter.sh (NodePool, 1 object; CRD not in this backup"), message);
          assertTrue(message.contains("elbv2.k8s.aws (") && message.contains("targetgroupbindings.elbv2.k8s.aws restored in this plan"), message);
          assertTrue(message.contains("appmesh.k8s.aws ("), message);
          assertTrue(!message.contains("crd.k8s.amazonaws.com") && !message.contains("vpcresources.k8s.aws"), "EKS installs these: " + message);
        }
      }
    }
    assertEquals(List.of("workloads"), gated);
  }
}
