package dev.transship.lint;

import dev.transship.cloud.Target;
import dev.transship.kube.KubeVersion;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.transship.finding.Finding;
import dev.transship.lint.checks.CheckCatalog;
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
    return lint(manifests, new LintOptions(target, version == null ? null : KubeVersion.parse(version), cluster, NOW));
  }

  private static List<Finding> lint(Path manifests, LintOptions options) throws Exception {
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
    assertEquals(Set.of("aws-node-scheduling", "ecr-image"), fired(findings, "Deployment shop/recommender"), "Karpenter spot, instance family, AWS zones");
    assertEquals(Set.of("aws-node-scheduling", "ecr-image"), fired(findings, "Job shop/embeddings-train-20261116"), "EFA, p4d");
    assertEquals(Set.of("aws-node-scheduling", "aws-storage-class"), fired(findings, "StatefulSet shop/search"),
        "a managed node group, and fast: a custom io2 class; its NotIn on compute-type is harmless");
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
    assertEquals(Set.of("gcp-project-resource", "managed-certificate-export"), fired(findings, "Ingress store/web"), "and its static IP");
    assertEquals(Set.of("gcp-project-resource"), fired(findings, "BackendConfig store/web-backendconfig"), "Cloud Armor policy");
    assertEquals(Set.of("gcp-project-resource"), fired(findings, "FrontendConfig store/web-frontendconfig"), "SSL policy");
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

  private Path manifests(String name, String yaml) throws Exception {
    Path dir = java.nio.file.Files.createDirectories(tmp.resolve(name));
    java.nio.file.Files.writeString(dir.resolve("all.yaml"), yaml);
    return dir;
  }

  @Test
  void albIngressesAreFoundThroughTheirIngressClassAndOthersStayQuiet() throws Exception {
    Path dir = manifests("ing", """
        apiVersion: networking.k8s.io/v1
        kind: Ingress
        metadata: {name: public, namespace: a}
        spec: {ingressClassName: public-alb, tls: [{hosts: [a.example.com], secretName: a-tls}]}
        ---
        apiVersion: networking.k8s.io/v1
        kind: Ingress
        metadata: {name: nginx, namespace: a}
        spec: {ingressClassName: nginx, tls: [{hosts: [n.example.com], secretName: n-tls}]}
        ---
        apiVersion: networking.k8s.io/v1
        kind: Ingress
        metadata: {name: gce, namespace: a}
        spec: {tls: [{hosts: [g.example.com], secretName: g-tls}]}
        ---
        apiVersion: networking.k8s.io/v1
        kind: IngressClass
        metadata: {name: public-alb}
        spec: {controller: ingress.k8s.aws/alb}
        """);
    List<Finding> findings = lint(dir, Target.GKE, null, null);
    assertEquals(Set.of("alb-ingress"), fired(findings, "Ingress a/public"), "an IngressClass listed after its Ingress still counts");
    assertEquals(Set.of(), fired(findings, "Ingress a/nginx"), "nginx reads its TLS Secret itself");
    assertEquals(Set.of("ingress-tls-secret"), fired(findings, "Ingress a/gce"));
  }

  @Test
  void volumeDataFollowsDefaultFsBackupAndCompletedUploadsOnly() throws Exception {
    Path dir = manifests("vol", """
        apiVersion: storage.k8s.io/v1
        kind: StorageClass
        metadata: {name: fast}
        provisioner: ebs.csi.aws.com
        ---
        apiVersion: v1
        kind: PersistentVolumeClaim
        metadata: {name: data, namespace: a}
        spec: {storageClassName: fast}
        ---
        apiVersion: v1
        kind: PersistentVolumeClaim
        metadata: {name: legacy, namespace: a, annotations: {volume.beta.kubernetes.io/storage-class: gp2}}
        spec: {}
        ---
        apiVersion: v1
        kind: PersistentVolume
        metadata: {name: pv-dm}
        spec: {csi: {driver: ebs.csi.aws.com, volumeHandle: vol-0abc}, claimRef: {namespace: a, name: data}}
        ---
        apiVersion: velero.io/v2alpha1
        kind: DataUpload
        metadata: {name: up-1, namespace: velero}
        spec: {sourceNamespace: a, sourcePVC: data}
        status: {phase: Failed}
        ---
        apiVersion: apps/v1
        kind: StatefulSet
        metadata: {name: db, namespace: a}
        spec:
          template: {metadata: {annotations: {backup.velero.io/backup-volumes-excludes: scratch}}, spec: {containers: [{name: db, image: postgres}]}}
          volumeClaimTemplates: [{metadata: {name: pgdata}}, {metadata: {name: scratch}}]
        """);
    List<Finding> findings = lint(dir, Target.GKE, null, null);
    assertEquals(Set.of("aws-storage-class"), fired(findings, "PersistentVolumeClaim a/data"), "a class the backup defines with an AWS provisioner");
    assertEquals(Set.of("aws-storage-class"), fired(findings, "PersistentVolumeClaim a/legacy"), "the beta annotation still names a class");
    Finding pv = findings.stream().filter(f -> f.object() != null && f.object().name().equals("pv-dm")).findFirst().orElseThrow();
    assertTrue(pv.message().contains("DataUpload velero/up-1 (phase Failed) did not complete"), pv.message());
    assertTrue(findings.stream().anyMatch(f -> f.check().equals("stateful-without-data-backup") && f.message().contains("[pgdata, scratch]")));
    List<Finding> withFs = lint(dir, new LintOptions(Target.GKE, null, null, NOW, true));
    Finding db = withFs.stream().filter(f -> f.check().equals("stateful-without-data-backup")).findFirst().orElseThrow();
    assertTrue(db.message().contains("[scratch]"), "defaultVolumesToFsBackup covers every volume not excluded: " + db.message());
  }

  /** Generic ephemeral volumes as workloads write them: scratch space that lives and dies with the pod. */
  private static final String EPHEMERAL_VOLUMES = """
      apiVersion: storage.k8s.io/v1
      kind: StorageClass
      metadata: {name: scratch-io2}
      provisioner: ebs.csi.aws.com
      parameters: {type: io2, iopsPerGB: "50"}
      ---
      apiVersion: apps/v1
      kind: Deployment
      metadata: {name: indexer, namespace: search}
      spec:
        selector: {matchLabels: {app: indexer}}
        template:
          metadata: {labels: {app: indexer}}
          spec:
            containers: [{name: indexer, image: busybox, volumeMounts: [{name: scratch, mountPath: /scratch}]}]
            volumes:
            - name: scratch
              ephemeral:
                volumeClaimTemplate:
                  metadata: {labels: {type: scratch}}
                  spec: {accessModes: [ReadWriteOnce], storageClassName: gp3, resources: {requests: {storage: 100Gi}}}
            - name: config
              configMap: {name: indexer}
      ---
      apiVersion: batch/v1
      kind: CronJob
      metadata: {name: reindex, namespace: search}
      spec:
        schedule: "30 2 * * *"
        jobTemplate:
          spec:
            template:
              spec:
                restartPolicy: OnFailure
                containers: [{name: reindex, image: busybox}]
                volumes:
                - name: work
                  ephemeral:
                    volumeClaimTemplate:
                      spec: {accessModes: [ReadWriteOnce], storageClassName: scratch-io2, resources: {requests: {storage: 20Gi}}}
      ---
      apiVersion: apps/v1
      kind: StatefulSet
      metadata: {name: kafka, namespace: streams}
      spec:
        serviceName: kafka
        selector: {matchLabels: {app: kafka}}
        template:
          metadata: {labels: {app: kafka}}
          spec:
            containers: [{name: kafka, image: apache/kafka:3.9.0}]
            volumes:
            - name: spill
              ephemeral:
                volumeClaimTemplate:
                  spec: {accessModes: [ReadWriteOnce], storageClassName: gp2, resources: {requests: {storage: 10Gi}}}
        volumeClaimTemplates:
        - metadata: {name: logs}
          spec: {accessModes: [ReadWriteOnce], storageClassName: gp3, resources: {requests: {storage: 500Gi}}}
      ---
      apiVersion: v1
      kind: Pod
      metadata: {name: debug-shell, namespace: search}
      spec:
        containers: [{name: sh, image: busybox}]
        volumes:
        - name: tmp
          ephemeral:
            volumeClaimTemplate:
              spec: {accessModes: [ReadWriteOnce], storageClassName: standard-rwo, resources: {requests: {storage: 1Gi}}}
      """;

  @Test
  void ephemeralVolumesOfWorkloadsAndPodsAreJudgedLikeClaimsAndAsConvertMapsThem() throws Exception {
    List<Finding> findings = lint(manifests("ephemeral", EPHEMERAL_VOLUMES), Target.GKE, null, null);
    List<String> messages = findings.stream().filter(f -> f.check().equals("aws-storage-class"))
        .map(f -> f.object() + ": " + f.message()).sorted().toList();
    assertEquals(List.of(
        "CronJob search/reindex: ephemeral volume work asks for scratch-io2, which does not exist on GKE",
        "Deployment search/indexer: ephemeral volume scratch asks for gp3, which does not exist on GKE",
        "StatefulSet streams/kafka: ephemeral volume spill asks for gp2, which does not exist on GKE",
        "StatefulSet streams/kafka: volume claim template logs asks for gp3, which does not exist on GKE"), messages,
        "a class GKE has (standard-rwo) is quiet; one the backup defines with an EBS provisioner is not");

    // Convert maps exactly the claims lint reports, found by the same helper.
    var convert = dev.transship.convert.storage.StorageClassMap.SPEC.create(new dev.transship.rules.ConverterConfig(
        dev.transship.testing.Actions.yaml("{classes: {gp2: standard-rwo, gp3: standard-rwo}}")));
    List<com.fasterxml.jackson.databind.node.ObjectNode> objects = new java.util.ArrayList<>();
    try (var docs = dev.transship.kube.Json.YAML.readerFor(com.fasterxml.jackson.databind.node.ObjectNode.class)
        .<com.fasterxml.jackson.databind.node.ObjectNode>readValues(EPHEMERAL_VOLUMES)) {
      docs.forEachRemaining(objects::add);
    }
    for (var o : objects) {
      convert.index(dev.transship.testing.Actions.keyOf(o), new dev.transship.kube.KubeObject(o));
    }
    Set<String> mapped = new TreeSet<>();
    for (var o : objects) {
      var ctx = dev.transship.testing.Actions.apply(convert, o);
      ctx.findings().stream().filter(f -> f.check().equals("storage-class-mapped"))
          .forEach(f -> mapped.add(ctx.object().kind() + " " + f.message().substring(0, f.message().indexOf(": "))));
    }
    assertEquals(Set.of("CronJob spec.jobTemplate.spec.template.spec.volumes[work]", "Deployment spec.template.spec.volumes[scratch]",
        "StatefulSet spec.template.spec.volumes[spill]", "StatefulSet volumeClaimTemplates[logs]"), mapped);
  }

  /** Kubernetes (GetPersistentVolumeClaimClass) reads the beta annotation before spec.storageClassName; lint judges that class. */
  @Test
  void theLegacyClassAnnotationWinsOverSpecStorageClassName() throws Exception {
    Path dir = manifests("legacy-first", """
        apiVersion: storage.k8s.io/v1
        kind: StorageClass
        metadata: {name: fast}
        provisioner: ebs.csi.aws.com
        parameters: {type: io2}
        ---
        apiVersion: storage.k8s.io/v1
        kind: StorageClass
        metadata: {name: efs-sc}
        provisioner: efs.csi.aws.com
        ---
        apiVersion: v1
        kind: PersistentVolumeClaim
        metadata: {name: annotated-aws, namespace: a, annotations: {volume.beta.kubernetes.io/storage-class: gp2}}
        spec: {storageClassName: standard-rwo}
        ---
        apiVersion: v1
        kind: PersistentVolumeClaim
        metadata: {name: annotated-gke, namespace: a, annotations: {volume.beta.kubernetes.io/storage-class: standard-rwo}}
        spec: {storageClassName: gp2}
        ---
        apiVersion: v1
        kind: PersistentVolumeClaim
        metadata: {name: annotated-none, namespace: a, annotations: {volume.beta.kubernetes.io/storage-class: ""}}
        spec: {storageClassName: gp2}
        ---
        apiVersion: apps/v1
        kind: StatefulSet
        metadata: {name: db, namespace: a}
        spec:
          template: {spec: {containers: [{name: c, image: busybox}]}}
          volumeClaimTemplates:
          - metadata: {name: data, annotations: {volume.beta.kubernetes.io/storage-class: gp2}}
            spec: {storageClassName: standard-rwo}
        ---
        apiVersion: v1
        kind: PersistentVolumeClaim
        metadata: {name: shared-on-disk, namespace: a, annotations: {volume.beta.kubernetes.io/storage-class: fast}}
        spec: {accessModes: [ReadWriteMany], storageClassName: efs-sc}
        ---
        apiVersion: v1
        kind: PersistentVolumeClaim
        metadata: {name: shared-on-files, namespace: a, annotations: {volume.beta.kubernetes.io/storage-class: efs-sc}}
        spec: {accessModes: [ReadWriteMany], storageClassName: fast}
        """);
    List<Finding> findings = lint(dir, Target.GKE, null, null);
    assertTrue(fired(findings, "PersistentVolumeClaim a/annotated-aws").contains("aws-storage-class"));
    assertFalse(fired(findings, "PersistentVolumeClaim a/annotated-gke").contains("aws-storage-class"));
    assertFalse(fired(findings, "PersistentVolumeClaim a/annotated-none").contains("aws-storage-class"), "an empty annotation still wins: no class");
    assertTrue(fired(findings, "StatefulSet a/db").contains("aws-storage-class"), "a claim template's annotation too");
    assertTrue(fired(findings, "PersistentVolumeClaim a/shared-on-disk").contains("rwx-on-disk"));
    assertFalse(fired(findings, "PersistentVolumeClaim a/shared-on-files").contains("rwx-on-disk"));
  }

  @Test
  void manyWritersOnADiskClassAreFoundWhateverTheClassIsCalled() throws Exception {
    Path dir = manifests("rwx", """
        apiVersion: storage.k8s.io/v1
        kind: StorageClass
        metadata: {name: fast}
        provisioner: ebs.csi.aws.com
        parameters: {type: io2}
        ---
        apiVersion: storage.k8s.io/v1
        kind: StorageClass
        metadata: {name: efs-sc}
        provisioner: efs.csi.aws.com
        ---
        apiVersion: v1
        kind: PersistentVolumeClaim
        metadata: {name: shared, namespace: a}
        spec: {accessModes: [ReadWriteMany], storageClassName: fast, resources: {requests: {storage: 1Gi}}}
        ---
        apiVersion: v1
        kind: PersistentVolumeClaim
        metadata: {name: uploads, namespace: a}
        spec: {accessModes: [ReadWriteMany], storageClassName: efs-sc, resources: {requests: {storage: 1Gi}}}
        ---
        apiVersion: v1
        kind: PersistentVolumeClaim
        metadata: {name: converted, namespace: a}
        spec: {accessModes: [ReadWriteOnce, ReadWriteMany], storageClassName: standard-rwo, resources: {requests: {storage: 1Gi}}}
        ---
        apiVersion: v1
        kind: PersistentVolumeClaim
        metadata: {name: single, namespace: a}
        spec: {accessModes: [ReadWriteOnce], storageClassName: fast, resources: {requests: {storage: 1Gi}}}
        ---
        apiVersion: apps/v1
        kind: StatefulSet
        metadata: {name: cluster-fs, namespace: a}
        spec:
          template: {spec: {containers: [{name: c, image: busybox}]}}
          volumeClaimTemplates:
          - metadata: {name: shared-block}
            spec: {accessModes: [ReadWriteMany], volumeMode: Block, storageClassName: hyperdisk-balanced, resources: {requests: {storage: 64Gi}}}
        ---
        apiVersion: batch/v1
        kind: Job
        metadata: {name: render, namespace: a}
        spec:
          template:
            spec:
              restartPolicy: Never
              containers: [{name: c, image: busybox}]
              volumes:
              - name: frames
                ephemeral:
                  volumeClaimTemplate:
                    spec: {accessModes: [ReadWriteMany], storageClassName: fast, resources: {requests: {storage: 8Gi}}}
        """);
    List<Finding> findings = lint(dir, Target.GKE, null, null);
    assertTrue(findings.stream().anyMatch(f -> f.check().equals("rwx-on-disk") && f.message().startsWith("ephemeral volume frames: ")),
        "an ephemeral volume's claim is judged like a PVC, as convert's storage-rwx-on-disk does");
    assertTrue(fired(findings, "PersistentVolumeClaim a/shared").contains("rwx-on-disk"));
    assertTrue(fired(findings, "PersistentVolumeClaim a/converted").contains("rwx-on-disk"), "standard-rwo is a disk class already");
    assertFalse(fired(findings, "PersistentVolumeClaim a/uploads").contains("rwx-on-disk"), "EFS becomes Filestore, which many nodes write");
    assertFalse(fired(findings, "PersistentVolumeClaim a/single").contains("rwx-on-disk"));
    assertFalse(fired(findings, "StatefulSet a/cluster-fs").contains("rwx-on-disk"), "a raw block Hyperdisk takes several writers");
    assertTrue(findings.stream().anyMatch(f -> f.message().contains("ReadWriteMany on fast, an EBS class")));
  }

  @Test
  void podSpecsThatOnlyEksNodesCanRunAreFound() throws Exception {
    Path dir = manifests("pods", """
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: sg, namespace: a}
        spec:
          template:
            spec:
              nodeSelector: {node.kubernetes.io/instance-type: m5.xlarge}
              readinessGates: [{conditionType: target-health.alb.ingress.k8s.aws/web_80}]
              containers: [{name: c, image: nginx, resources: {limits: {vpc.amazonaws.com/pod-eni: "1"}}}]
        ---
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: plain, namespace: a}
        spec:
          template:
            spec:
              nodeSelector: {node.kubernetes.io/instance-type: n2-standard-4, kubernetes.io/os: linux}
              containers: [{name: c, image: nginx, resources: {limits: {cpu: "1", nvidia.com/gpu: "1"}}}]
        """);
    List<Finding> findings = lint(dir, Target.GKE, null, null);
    assertEquals(Set.of("aws-only-resource", "aws-node-scheduling"), fired(findings, "Deployment a/sg"));
    Finding scheduling = findings.stream().filter(f -> f.check().equals("aws-node-scheduling")).findFirst().orElseThrow();
    assertTrue(scheduling.message().contains("vpc.amazonaws.com/pod-eni"), scheduling.message());
    assertTrue(scheduling.message().contains("node.kubernetes.io/instance-type=m5.xlarge"), scheduling.message());
    assertTrue(findings.stream().anyMatch(f -> f.check().equals("aws-only-resource") && f.message().contains("target-health.alb.ingress.k8s.aws/web_80")));
    assertEquals(Set.of(), fired(findings, "Deployment a/plain"));
  }

  @Test
  void jobsClusterNamesAndLoadBalancersAreJudgedByWhatTheyMean() throws Exception {
    Path dir = manifests("misc", """
        apiVersion: batch/v1
        kind: Job
        metadata: {name: partial, namespace: a}
        spec: {completions: 5}
        status: {succeeded: 2, active: 0}
        ---
        apiVersion: batch/v1
        kind: Job
        metadata: {name: failed, namespace: a}
        status: {failed: 3, conditions: [{type: Failed, status: "True"}]}
        ---
        apiVersion: v1
        kind: ConfigMap
        metadata: {name: words, namespace: a, labels: {app: product}}
        data: {note: production pricing}
        ---
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: agent, namespace: a}
        spec:
          template:
            metadata: {annotations: {ad.datadoghq.com/tags: '{"cluster": "PROD"}'}}
            spec: {containers: [{name: c, image: agent, args: ["--cluster-name=prod"]}]}
        ---
        apiVersion: v1
        kind: Service
        metadata: {name: legacy-internal, namespace: a, annotations: {service.beta.kubernetes.io/aws-load-balancer-internal: "true"}}
        spec: {type: LoadBalancer}
        ---
        apiVersion: v1
        kind: Service
        metadata: {name: public-nlb, namespace: a, annotations: {service.beta.kubernetes.io/aws-load-balancer-type: nlb}}
        spec: {type: LoadBalancer}
        ---
        apiVersion: elbv2.k8s.aws/v1beta1
        kind: TargetGroupBinding
        metadata: {name: shared, namespace: a}
        spec: {targetGroupARN: "arn:aws:elasticloadbalancing:us-east-1:1:targetgroup/x/1", multiClusterTargetGroup: true}
        """);
    List<Finding> gke = lint(dir, Target.GKE, null, "prod");
    assertEquals(Set.of("unfinished-job"), fired(gke, "Job a/partial"), "2 of 5 completions is not finished");
    assertEquals(Set.of(), fired(gke, "Job a/failed"));
    assertEquals(Set.of(), fired(gke, "ConfigMap a/words"), "'prod' is not in 'product' or 'production'");
    Finding agent = gke.stream().filter(f -> f.check().equals("source-cluster-name")).findFirst().orElseThrow();
    assertEquals("names cluster prod in pod template annotation ad.datadoghq.com/tags, args of container c", agent.message());
    assertTrue(fired(gke, "Service a/legacy-internal").contains("aws-load-balancer-service"), "internal on AWS, public on GKE");
    assertEquals(Set.of(), fired(gke, "Service a/public-nlb"), "internet-facing on both");
    List<Finding> eks = lint(dir, Target.EKS, null, null);
    assertEquals(Set.of(), fired(eks, "Service a/legacy-internal"), "the controller honours the legacy internal annotation");
    assertEquals(Set.of("aws-load-balancer-service"), fired(eks, "Service a/public-nlb"));
    assertEquals(Set.of(), fired(eks, "TargetGroupBinding a/shared"), "a multi-cluster target group is shared on purpose");
  }

  @Test
  void cronJobsWhoseScheduleOrZoneDoesNotParseAreErrors() throws Exception {
    Path dir = manifests("cron", """
        apiVersion: batch/v1
        kind: CronJob
        metadata: {name: bad-minute, namespace: a, labels: {transship.dev/duplication: allowed}}
        spec: {schedule: "61 25 * * *"}
        ---
        apiVersion: batch/v1
        kind: CronJob
        metadata: {name: mars, namespace: a, labels: {transship.dev/duplication: allowed}}
        spec: {schedule: "@daily", timeZone: Mars/Olympus_Mons}
        ---
        apiVersion: batch/v1
        kind: CronJob
        metadata: {name: fine, namespace: a, labels: {transship.dev/duplication: allowed}}
        spec: {schedule: "CRON_TZ=Europe/Berlin 30 2 * * 1-5"}
        ---
        apiVersion: batch/v1
        kind: CronJob
        metadata: {name: every, namespace: a, labels: {transship.dev/duplication: allowed}}
        spec: {schedule: "@every 5m"}
        ---
        apiVersion: batch/v1
        kind: CronJob
        metadata: {name: question, namespace: a, labels: {transship.dev/duplication: allowed}}
        spec: {schedule: "0 3 ? * *"}
        ---
        apiVersion: batch/v1
        kind: CronJob
        metadata: {name: zone-named-null, namespace: a, labels: {transship.dev/duplication: allowed}}
        spec: {schedule: "0 3 ? * *", timeZone: "null"}
        """);
    List<Finding> findings = lint(dir, Target.GKE, null, null);
    assertEquals(Set.of("cronjob-schedule"), fired(findings, "CronJob a/bad-minute"));
    assertTrue(findings.stream().anyMatch(f -> f.message().equals("unknown time zone 'Mars/Olympus_Mons'")), findings.toString());
    assertEquals(Set.of(), fired(findings, "CronJob a/fine"));
    assertEquals(Set.of(), fired(findings, "CronJob a/every"), "Kubernetes accepts @every");
    assertEquals(Set.of(), fired(findings, "CronJob a/question"), "and '?' in the day fields, as robfig/cron does");
    assertEquals(Set.of("cronjob-schedule"), fired(findings, "CronJob a/zone-named-null"), "a cached verdict for no zone is not one for 'null'");
  }

  @Test
  void objectsBoundToTheOldEksClusterAreErrorsForANewOne() throws Exception {
    Path dir = manifests("eks", """
        apiVersion: karpenter.sh/v1
        kind: NodeClaim
        metadata: {name: default-x7k2p}
        ---
        apiVersion: s3.services.k8s.aws/v1alpha1
        kind: Bucket
        metadata: {name: assets, namespace: a}
        ---
        apiVersion: appmesh.k8s.aws/v1beta2
        kind: VirtualNode
        metadata: {name: web, namespace: a}
        spec: {meshRef: {name: mesh, uid: 1234}}
        ---
        apiVersion: appmesh.k8s.aws/v1beta2
        kind: VirtualNode
        metadata: {name: clean, namespace: a}
        spec: {}
        ---
        apiVersion: v1
        kind: ConfigMap
        metadata: {name: aws-auth, namespace: kube-system}
        ---
        apiVersion: v1
        kind: ConfigMap
        metadata: {name: aws-auth, namespace: a}
        """);
    List<Finding> eks = lint(dir, Target.EKS, null, null);
    for (String object : List.of("NodeClaim default-x7k2p", "Bucket a/assets", "VirtualNode a/web", "ConfigMap kube-system/aws-auth")) {
      assertEquals(Set.of("eks-cluster-bound"), fired(eks, object), object);
    }
    assertEquals(Set.of(), fired(eks, "VirtualNode a/clean"));
    assertEquals(Set.of(), fired(eks, "ConfigMap a/aws-auth"), "only kube-system's is EKS's");
    assertTrue(lint(dir, Target.GKE, null, null).stream().noneMatch(f -> f.check().equals("eks-cluster-bound")), "on GKE these are aws-only-resource's");
  }

  @Test
  void aClasslessIngressBelongsToTheDefaultClassForEveryCheck() throws Exception {
    Path dir = manifests("default-alb", """
        apiVersion: networking.k8s.io/v1
        kind: Ingress
        metadata: {name: web, namespace: a}
        spec: {tls: [{hosts: [w.example.com], secretName: w-tls}]}
        ---
        apiVersion: networking.k8s.io/v1
        kind: IngressClass
        metadata: {name: alb-default, annotations: {ingressclass.kubernetes.io/is-default-class: "true"}}
        spec: {controller: eks.amazonaws.com/alb}
        """);
    List<Finding> findings = lint(dir, Target.GKE, null, null);
    assertEquals(Set.of("alb-ingress"), fired(findings, "Ingress a/web"), "served by the default ALB class, not by GKE: " + findings);
  }

  @Test
  void projectResourcesOfGeneratedObjectsAreTheTargetsOwn() throws Exception {
    Path dir = manifests("gcp", """
        apiVersion: v1
        kind: Service
        metadata: {name: lb, namespace: a}
        spec: {type: LoadBalancer, loadBalancerIP: 203.0.113.7}
        ---
        apiVersion: cloud.google.com/v1
        kind: BackendConfig
        metadata: {name: made, namespace: a, annotations: {transship.dev/generated-from: Ingress a/web}}
        spec: {securityPolicy: {name: target-armor}}
        """);
    List<Finding> findings = lint(dir, Target.GKE, null, null);
    assertEquals(Set.of("gcp-project-resource"), fired(findings, "Service a/lb"));
    assertEquals(Set.of(), fired(findings, "BackendConfig a/made"), "generated by transship for the target");
  }

  @Test
  void ecrTokenRefreshersAreFlaggedForGke() throws Exception {
    Path dir = manifests("refresh", """
        apiVersion: external-secrets.io/v1beta1
        kind: ExternalSecret
        metadata: {name: regcred, namespace: a}
        spec: {dataFrom: [{sourceRef: {generatorRef: {apiVersion: generators.external-secrets.io/v1alpha1, kind: ECRAuthorizationToken, name: ecr}}}]}
        ---
        apiVersion: external-secrets.io/v1beta1
        kind: ExternalSecret
        metadata: {name: db, namespace: a}
        spec: {dataFrom: [{extract: {key: prod/db}}]}
        ---
        apiVersion: batch/v1
        kind: CronJob
        metadata: {name: ecr-refresh, namespace: a, labels: {transship.dev/duplication: allowed}}
        spec:
          schedule: "0 */6 * * *"
          jobTemplate: {spec: {template: {spec: {containers: [{name: aws, image: amazon/aws-cli, command: [sh, -c], args: ["aws ecr get-login-password | kubectl create secret ..."]}]}}}}
        """);
    List<Finding> findings = lint(dir, Target.GKE, null, null);
    assertEquals(Set.of("ecr-token-refresher"), fired(findings, "ExternalSecret a/regcred"));
    assertEquals(Set.of(), fired(findings, "ExternalSecret a/db"));
    assertEquals(Set.of("ecr-token-refresher"), fired(findings, "CronJob a/ecr-refresh"));
    assertTrue(lint(dir, Target.EKS, null, null).stream().noneMatch(f -> f.check().equals("ecr-token-refresher")), "EKS gives it credentials");
  }
}
