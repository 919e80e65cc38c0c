package dev.transship.lint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.transship.finding.Finding;
import dev.transship.lint.KubeVersion;
import dev.transship.testing.Backups;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each check fires where it should on the samples, and stays quiet where it should not. */
class LintChecksTest {
  @TempDir Path tmp;
  private static final Instant NOW = Instant.parse("2026-11-22T00:00:00Z");

  private static List<Finding> lint(Path manifests, Target target, String version, String cluster) throws Exception {
    LintOptions options = new LintOptions(target, version == null ? null : KubeVersion.parse(version), cluster, NOW);
    try (Linter.Result result = new Linter(CheckCatalog.create(), null, Suppressions.none()).run(LintInput.manifests(manifests), options)) {
      return result.findings().toList();
    }
  }

  private static Set<String> fired(List<Finding> findings, String object) {
    return findings.stream().filter(f -> f.object() != null && f.object().toString().equals(object)).map(Finding::check)
        .collect(Collectors.toCollection(TreeSet::new));
  }

  private static final Path EKS = Backups.repoRoot().resolve("sample-backups/eks-shop/manifests");
  private static final Path GKE = Backups.repoRoot().resolve("sample-backups/gke-store/manifests");

  @Test
  void eksSampleForGkeFiresEveryAwsCheckOnTheRightObjects() throws Exception {
    List<Finding> findings = lint(EKS, Target.GKE, "1.32", "prod-eks-1");
    assertEquals(Set.of("alb-ingress", "controller-finalizer"), fired(findings, "Ingress shop/web"));
    assertEquals(Set.of("aws-load-balancer-service", "controller-finalizer"), fired(findings, "Service shop/api-internal-nlb"));
    assertEquals(Set.of("controller-finalizer", "target-group-binding"), fired(findings, "TargetGroupBinding shop/web-tgb"));
    assertEquals(Set.of("ecr-token-expired"), fired(findings, "Secret shop/regcred"));
    assertEquals(Set.of("ecr-image", "source-cluster-name"), fired(findings, "Deployment shop/web"));
    assertEquals(Set.of("irsa-service-account"), fired(findings, "ServiceAccount shop/web"));
    assertEquals(Set.of("aws-storage-class", "stateful-without-data-backup"), fired(findings, "StatefulSet shop/db"));
    assertEquals(Set.of("aws-storage-class"), fired(findings, "StatefulSet shop/redis"), "redis has a file-system backup");
    assertEquals(Set.of("aws-volume-without-data", "controller-finalizer"), fired(findings, "PersistentVolume pvc-5e6f7081-0000-4000-8000-0000000007a2"));
    assertEquals(Set.of("controller-finalizer"), fired(findings, "PersistentVolume pvc-5e6f7081-0000-4000-8000-0000000007b3"), "redis's volume data travels");
    assertEquals(Set.of("cronjob-duplication-policy", "ecr-image"), fired(findings, "CronJob payments/invoice-run"));
    assertEquals(Set.of("ecr-image"), fired(findings, "CronJob shop/nightly-report"), "labelled forbidden");
    assertEquals(Set.of("ecr-image"), fired(findings, "CronJob shop/cleanup"), "suspended: nothing to duplicate");
    assertEquals(Set.of("ecr-image", "unfinished-job"), fired(findings, "Job shop/db-migrate-20261119"));
    assertEquals(Set.of("ecr-image"), fired(findings, "Job shop/cache-warm-29395620"), "completed");
    assertTrue(fired(findings, "Pod shop/web-7c9d8f6b5d-x2k9p").contains("aws-only-resource"), "readiness gate");
    assertEquals(Set.of("source-cluster-name"), fired(findings, "ConfigMap shop/shop-settings"));
    assertEquals(Set.of("removed-api"), fired(findings, "FlowSchema shop-batch"), "flowcontrol v1beta3 is gone in 1.32");
    assertEquals(Set.of(), fired(findings, "ConfigMap shop/kube-root-ca.crt"));
    assertEquals(Set.of(), fired(findings, "Deployment shop/api").stream().filter(c -> !c.equals("ecr-image")).collect(Collectors.toSet()));
  }

  @Test
  void removedApisInHelmReleasesAreFoundAndNamed() throws Exception {
    List<Finding> findings = lint(EKS, Target.GKE, "1.26", null);
    List<String> helm = findings.stream().filter(f -> f.check().equals("removed-api") && f.object().kind().equals("Secret")).map(Finding::message).toList();
    assertEquals(2, helm.size(), helm.toString());
    assertTrue(helm.stream().anyMatch(m -> m.contains("PodDisruptionBudget web at policy/v1beta1, removed in Kubernetes 1.25")), helm.toString());
    assertTrue(helm.stream().anyMatch(m -> m.contains("HorizontalPodAutoscaler web at autoscaling/v2beta2, removed in Kubernetes 1.26")), helm.toString());
    assertTrue(helm.get(0).startsWith("Helm release shop revision 3 renders "));
    List<Finding> older = lint(EKS, Target.GKE, "1.24", null);
    assertTrue(older.stream().noneMatch(f -> f.check().equals("removed-api")), "nothing in the sample was removed by 1.24");
  }

  @Test
  void sameTargetChecksCatchCollisionsNotCloudDifferences() throws Exception {
    List<Finding> findings = lint(EKS, Target.SAME, null, null);
    assertEquals(Set.of("target-group-binding"), fired(findings, "TargetGroupBinding shop/web-tgb"));
    assertEquals(Set.of("appmesh-mesh-name"), fired(findings, "Mesh shop-mesh"));
    assertEquals(Set.of("alb-ingress"), fired(findings, "Ingress shop/web"), "its IngressGroup would be adopted");
    assertTrue(findings.stream().noneMatch(f -> Set.of("ecr-image", "aws-storage-class", "controller-finalizer", "aws-only-resource").contains(f.check())));
  }

  @Test
  void gkeSampleForAProjectMoveFlagsCertificatesAndSecretTls() throws Exception {
    List<Finding> findings = lint(GKE, Target.GKE, "1.33", "prod-gke-1");
    assertEquals(Set.of("managed-certificate-export"), fired(findings, "ManagedCertificate store/store-cert"));
    assertEquals(Set.of("managed-certificate-export"), fired(findings, "Ingress store/web"));
    assertEquals(Set.of("ingress-tls-secret"), fired(findings, "Ingress store/api"));
    assertEquals(Set.of("cronjob-duplication-policy"), fired(findings, "CronJob store/ping"));
    assertTrue(findings.stream().noneMatch(f -> f.check().startsWith("aws") || f.check().startsWith("ecr") || f.check().equals("alb-ingress")));
  }

  @Test
  void expiredTokenMessageNamesHostAndTimeButNeverTheToken() throws Exception {
    List<Finding> findings = lint(EKS, Target.GKE, null, null);
    Finding token = findings.stream().filter(f -> f.check().equals("ecr-token-expired")).findFirst().orElseThrow();
    assertEquals("the token for 123456789012.dkr.ecr.us-east-1.amazonaws.com expired at 2025-11-20T04:00:04Z", token.message());
    String all = findings.toString();
    assertTrue(!all.contains("ZmFrZS1wYXlsb2Fk") && !all.contains("eyJwYXlsb2Fk") && !all.contains("dGhpcy1pcy1h"));
  }

  @Test
  void validTokensAndCleanObjectsStayQuiet() throws Exception {
    Path dir = Files.createDirectories(tmp.resolve("clean"));
    long future = NOW.getEpochSecond() + 3600;
    String token = java.util.Base64.getEncoder().encodeToString(("{\"payload\":\"x\",\"expiration\":" + future + "}").getBytes());
    String config = java.util.Base64.getEncoder().encodeToString(("{\"auths\":{\"123456789012.dkr.ecr.us-east-1.amazonaws.com\":{\"username\":\"AWS\",\"password\":\"" + token + "\"}}}").getBytes());
    Files.writeString(dir.resolve("o.yaml"), """
        apiVersion: v1
        kind: Secret
        metadata: {name: regcred, namespace: a}
        type: kubernetes.io/dockerconfigjson
        data: {.dockerconfigjson: %s}
        ---
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: web, namespace: a}
        spec: {template: {spec: {containers: [{name: web, image: "europe-docker.pkg.dev/p/r/web:1"}]}}}
        ---
        apiVersion: batch/v1
        kind: CronJob
        metadata: {name: c, namespace: a, labels: {transship.dev/duplication: allowed}}
        spec: {schedule: "@daily"}
        """.formatted(config));
    assertEquals(List.of(), lint(dir, Target.GKE, "1.33", "prod-eks-1"));
  }
}
