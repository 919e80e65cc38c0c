package dev.transship.convert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.transship.finding.Finding;
import dev.transship.finding.Severity;
import dev.transship.kube.Json;
import dev.transship.kube.KubeObject;
import dev.transship.rules.ActionContext;
import dev.transship.rules.ConverterConfig;
import dev.transship.rules.ConverterSpec;
import dev.transship.rules.ObjectAction;
import dev.transship.testing.Actions;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Each built-in converter other than ALB: what it changes, what it reports, what it leaves alone. */
class ConvertersTest {
  private static ObjectAction create(ConverterSpec spec, String with, String... indexed) throws Exception {
    ObjectAction action = spec.create(new ConverterConfig((ObjectNode) Json.YAML.readTree(with)));
    for (String yaml : indexed) {
      ObjectNode o = Actions.yaml(yaml);
      action.index(Actions.keyOf(o), new KubeObject(o));
    }
    return action;
  }

  private static List<String> checks(ActionContext ctx) {
    return ctx.findings().stream().map(Finding::check).toList();
  }

  @Test
  void removesAwsControllerFinalizersButKeepsCoreOnes() throws Exception {
    ObjectAction action = create(ControllerFinalizers.SPEC, "{target: gke}");
    ActionContext ctx = Actions.apply(action, Actions.yaml("""
        apiVersion: v1
        kind: PersistentVolume
        metadata: {name: pv, finalizers: [kubernetes.io/pv-protection, external-attacher/ebs-csi-aws-com, service.k8s.aws/resources]}
        """));
    assertEquals(List.of("kubernetes.io/pv-protection"), ctx.object().finalizers());
    assertEquals(List.of("finalizer-removed", "finalizer-removed"), checks(ctx));
    ActionContext same = Actions.apply(create(ControllerFinalizers.SPEC, "{target: same}"),
        Actions.yaml("apiVersion: v1\nkind: Service\nmetadata: {name: s, namespace: a, finalizers: [service.k8s.aws/resources]}\n"));
    assertEquals(List.of("service.k8s.aws/resources"), same.object().finalizers(), "EKS to EKS keeps the controller's finalizers");
  }

  @Test
  void dropsCronJobJobsAndSuspendsUnfinishedOnes() throws Exception {
    ObjectAction action = create(JobsForRestore.SPEC, "{}");
    ActionContext owned = Actions.apply(action, Actions.yaml(
        "apiVersion: batch/v1\nkind: Job\nmetadata: {name: j, namespace: a, ownerReferences: [{kind: CronJob, name: c}]}\nstatus: {succeeded: 1, completionTime: x}\n"));
    assertTrue(owned.dropped());
    ActionContext running = Actions.apply(action, Actions.yaml("apiVersion: batch/v1\nkind: Job\nmetadata: {name: m, namespace: a}\nstatus: {active: 1}\n"));
    assertTrue(running.object().node().at("/spec/suspend").asBoolean());
    assertEquals(Severity.WARNING, running.findings().get(0).severity());
    ActionContext done = Actions.apply(action, Actions.yaml("apiVersion: batch/v1\nkind: Job\nmetadata: {name: d, namespace: a}\nstatus: {completionTime: x}\n"));
    assertTrue(done.object().node().at("/spec/suspend").isMissingNode());
  }

  @Test
  void dropsAwsOnlyObjectsAndReadinessGates() throws Exception {
    ObjectAction action = create(AwsOnlyObjects.SPEC, "{}");
    assertTrue(Actions.apply(action, Actions.yaml("apiVersion: elbv2.k8s.aws/v1beta1\nkind: TargetGroupBinding\nmetadata: {name: t, namespace: a}\n")).dropped());
    assertTrue(Actions.apply(action, Actions.yaml("apiVersion: karpenter.sh/v1\nkind: NodePool\nmetadata: {name: default}\n")).dropped());
    assertTrue(Actions.apply(action, Actions.yaml("apiVersion: s3.services.k8s.aws/v1alpha1\nkind: Bucket\nmetadata: {name: b, namespace: a}\n")).dropped());
    assertTrue(Actions.apply(action, Actions.yaml(
        "apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\nmetadata: {name: x.appmesh.k8s.aws}\nspec: {group: appmesh.k8s.aws}\n")).dropped());
    ActionContext pod = Actions.apply(action, Actions.yaml(
        "apiVersion: v1\nkind: Pod\nmetadata: {name: p, namespace: a}\nspec: {readinessGates: [{conditionType: target-health.elbv2.k8s.aws/k8s-x}], containers: []}\n"));
    assertFalse(pod.dropped());
    assertTrue(pod.object().node().at("/spec/readinessGates").isMissingNode());
    assertFalse(Actions.apply(action, Actions.yaml("apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d, namespace: a}\n")).dropped());
  }

  private static final String POD_WITH_FS_BACKUP = """
      apiVersion: v1
      kind: Pod
      metadata: {name: redis-0, namespace: shop, annotations: {backup.velero.io/backup-volumes: data}}
      spec: {volumes: [{name: data, persistentVolumeClaim: {claimName: data-redis-0}}]}
      """;
  private static final String PV_BACKED = """
      apiVersion: v1
      kind: PersistentVolume
      metadata: {name: pv-redis}
      spec: {storageClassName: gp3, claimRef: {namespace: shop, name: data-redis-0}, csi: {driver: ebs.csi.aws.com, volumeHandle: vol-1}}
      """;
  private static final String PV_NOT_BACKED = """
      apiVersion: v1
      kind: PersistentVolume
      metadata: {name: pv-db}
      spec: {storageClassName: gp2, claimRef: {namespace: shop, name: data-db-0}, csi: {driver: ebs.csi.aws.com, volumeHandle: vol-2}}
      """;

  @Test
  void mapsStorageClassesAndPreparesPvcsForReprovisioning() throws Exception {
    ObjectAction action = create(StorageClassMap.SPEC, "{classes: {gp2: standard-rwo, gp3: premium-rwo}}", POD_WITH_FS_BACKUP, PV_BACKED, PV_NOT_BACKED);
    ActionContext pvc = Actions.apply(action, Actions.yaml("""
        apiVersion: v1
        kind: PersistentVolumeClaim
        metadata: {name: data-redis-0, namespace: shop, annotations: {pv.kubernetes.io/bind-completed: "yes", keep: x}}
        spec: {storageClassName: gp3, volumeName: pv-redis}
        status: {phase: Bound}
        """));
    assertEquals("premium-rwo", pvc.object().node().at("/spec/storageClassName").asText());
    assertTrue(pvc.object().node().at("/spec/volumeName").isMissingNode());
    assertEquals("{\"keep\":\"x\"}", pvc.object().node().at("/metadata/annotations").toString());
    ActionContext sts = Actions.apply(action, Actions.yaml(
        "apiVersion: apps/v1\nkind: StatefulSet\nmetadata: {name: db, namespace: shop}\nspec: {volumeClaimTemplates: [{metadata: {name: data}, spec: {storageClassName: gp2}}]}\n"));
    assertEquals("standard-rwo", sts.object().node().at("/spec/volumeClaimTemplates/0/spec/storageClassName").asText());
    assertTrue(Actions.apply(action, Actions.yaml("apiVersion: storage.k8s.io/v1\nkind: StorageClass\nmetadata: {name: gp2}\nprovisioner: kubernetes.io/aws-ebs\n")).dropped());
  }

  @Test
  void dropsAwsVolumesAndErrsWhenTheirDataDoesNotTravel() throws Exception {
    ObjectAction action = create(StorageClassMap.SPEC, "{classes: {}}", POD_WITH_FS_BACKUP, PV_BACKED, PV_NOT_BACKED);
    ActionContext backed = Actions.apply(action, Actions.yaml(PV_BACKED));
    assertTrue(backed.dropped());
    assertTrue(backed.findings().stream().noneMatch(f -> f.severity() == Severity.ERROR));
    ActionContext lost = Actions.apply(action, Actions.yaml(PV_NOT_BACKED));
    assertTrue(lost.dropped());
    assertEquals("pv-data-not-moved", lost.findings().get(0).check());
    assertEquals(Severity.ERROR, lost.findings().get(0).severity());
    ActionContext unmapped = Actions.apply(action, Actions.yaml("apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata: {name: x, namespace: shop}\nspec: {storageClassName: gp2}\n"));
    assertEquals(List.of("storage-class-unmapped"), checks(unmapped));
  }

  @Test
  void turnsIrsaIntoWorkloadIdentity() throws Exception {
    ObjectAction action = create(IrsaToWorkloadIdentity.SPEC, "{gcpProject: acme, serviceAccounts: {\"arn:aws:iam::1:role/web\": web@acme.iam.gserviceaccount.com}}");
    ActionContext sa = Actions.apply(action, Actions.yaml(
        "apiVersion: v1\nkind: ServiceAccount\nmetadata: {name: web, namespace: shop, annotations: {eks.amazonaws.com/role-arn: \"arn:aws:iam::1:role/web\", eks.amazonaws.com/sts-regional-endpoints: \"true\"}}\n"));
    assertEquals("{\"iam.gke.io/gcp-service-account\":\"web@acme.iam.gserviceaccount.com\"}", sa.object().node().at("/metadata/annotations").toString());
    ActionContext unmapped = Actions.apply(action, Actions.yaml(
        "apiVersion: v1\nkind: ServiceAccount\nmetadata: {name: b, namespace: pay, annotations: {eks.amazonaws.com/role-arn: \"arn:aws:iam::1:role/other\"}}\n"));
    assertEquals(Severity.ERROR, unmapped.findings().get(0).severity());
    assertTrue(unmapped.findings().get(0).hint().contains("acme.svc.id.goog[pay/b]"));
    ActionContext pod = Actions.apply(action, Actions.yaml("""
        apiVersion: v1
        kind: Pod
        metadata: {name: p, namespace: shop}
        spec:
          volumes: [{name: aws-iam-token, projected: {}}]
          containers: [{name: c, env: [{name: AWS_ROLE_ARN, value: x}, {name: KEEP, value: y}], volumeMounts: [{name: aws-iam-token, mountPath: /t}]}]
        """));
    assertEquals("[{\"name\":\"KEEP\",\"value\":\"y\"}]", pod.object().node().at("/spec/containers/0/env").toString());
    assertTrue(pod.object().node().at("/spec/volumes").isMissingNode());
    assertEquals(0, pod.object().node().at("/spec/containers/0/volumeMounts").size());
  }

  @Test
  void movesEcrImagesInEveryContainerAndMarksPullSecrets() throws Exception {
    ObjectAction action = create(EcrToRegistry.SPEC, "{registries: {123456789012.dkr.ecr.us-east-1.amazonaws.com: europe-docker.pkg.dev/acme/shop}}");
    ActionContext cron = Actions.apply(action, Actions.yaml("""
        apiVersion: batch/v1
        kind: CronJob
        metadata: {name: c, namespace: shop}
        spec:
          jobTemplate:
            spec:
              template:
                spec:
                  initContainers: [{name: i, image: "123456789012.dkr.ecr.us-east-1.amazonaws.com/shop/init:1"}]
                  containers: [{name: a, image: "123456789012.dkr.ecr.us-east-1.amazonaws.com/shop/web:1.4.2"},
                               {name: b, image: "999999999999.dkr.ecr.eu-west-1.amazonaws.com/x:1"},
                               {name: c, image: "public.ecr.aws/docker/library/redis:7"}]
        """));
    var spec = cron.object().node().at("/spec/jobTemplate/spec/template/spec");
    assertEquals("europe-docker.pkg.dev/acme/shop/shop/init:1", spec.at("/initContainers/0/image").asText());
    assertEquals("europe-docker.pkg.dev/acme/shop/shop/web:1.4.2", spec.at("/containers/0/image").asText());
    assertEquals("999999999999.dkr.ecr.eu-west-1.amazonaws.com/x:1", spec.at("/containers/1/image").asText());
    assertTrue(checks(cron).contains("ecr-image-unmapped"));
    String config = "{\"auths\":{\"123456789012.dkr.ecr.us-east-1.amazonaws.com\":{\"auth\":\"QVdTOnNlY3JldC10b2tlbg==\"}}}";
    ActionContext secret = Actions.apply(action, Actions.yaml("apiVersion: v1\nkind: Secret\nmetadata: {name: regcred, namespace: shop}\ntype: kubernetes.io/dockerconfigjson\ndata: {.dockerconfigjson: "
        + Base64.getEncoder().encodeToString(config.getBytes(StandardCharsets.UTF_8)) + "}\n"));
    assertEquals("europe-docker.pkg.dev", secret.object().annotation(EcrToRegistry.REGENERATE));
    String data = new String(Base64.getDecoder().decode(secret.object().node().at("/data/.dockerconfigjson").asText()), StandardCharsets.UTF_8);
    assertEquals("{\"auths\":{}}", data, "the stale token is not carried over");
    assertFalse(secret.findings().toString().contains("QVdTOnNlY3JldC10b2tlbg"));
  }

  @Test
  void keepsInternalLoadBalancersInternal() throws Exception {
    ObjectAction action = create(AwsServiceToGkeL4.SPEC, "{}");
    ActionContext lbc = Actions.apply(action, Actions.yaml("""
        apiVersion: v1
        kind: Service
        metadata: {name: s, namespace: a, annotations: {service.beta.kubernetes.io/aws-load-balancer-type: external, service.beta.kubernetes.io/aws-load-balancer-proxy-protocol: "*"}}
        spec: {type: LoadBalancer, loadBalancerClass: service.k8s.aws/nlb}
        """));
    assertEquals("Internal", lbc.object().annotation("networking.gke.io/load-balancer-type"), "the LBC's default scheme is internal");
    assertTrue(lbc.object().node().at("/spec/loadBalancerClass").isMissingNode());
    assertTrue(checks(lbc).contains("aws-lb-annotation-unsupported"));
    ActionContext public_ = Actions.apply(action, Actions.yaml("""
        apiVersion: v1
        kind: Service
        metadata: {name: s, namespace: a, annotations: {service.beta.kubernetes.io/aws-load-balancer-scheme: internet-facing, service.beta.kubernetes.io/aws-load-balancer-type: external}}
        spec: {type: LoadBalancer}
        """));
    assertNull(public_.object().annotation("networking.gke.io/load-balancer-type"));
    assertEquals("enabled", public_.object().annotation("cloud.google.com/l4-rbs"));
  }

  @Test
  void retargetsTargetGroupBindingsOrDropsThem() throws Exception {
    ObjectAction action = create(dev.transship.convert.upgrade.TargetGroupBindingRetarget.SPEC, "{targetGroups: {\"arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/old/0123456789abcdef\": \"arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/new/fedcba9876543210\"}, groupSuffix: -green}");
    ActionContext mapped = Actions.apply(action, Actions.yaml("apiVersion: elbv2.k8s.aws/v1beta1\nkind: TargetGroupBinding\nmetadata: {name: t, namespace: a}\nspec: {targetGroupARN: \"arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/old/0123456789abcdef\"}\n"));
    assertEquals("arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/new/fedcba9876543210", mapped.object().node().at("/spec/targetGroupARN").asText());
    ActionContext unmapped = Actions.apply(action, Actions.yaml("apiVersion: elbv2.k8s.aws/v1beta1\nkind: TargetGroupBinding\nmetadata: {name: u, namespace: a}\nspec: {targetGroupARN: \"arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/other/00112233aabbccdd\"}\n"));
    assertTrue(unmapped.dropped());
    assertEquals("tgb-unmapped", unmapped.findings().get(0).check());
    ActionContext ingress = Actions.apply(action, Actions.yaml("apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata: {name: i, namespace: a, annotations: {alb.ingress.kubernetes.io/group.name: shop}}\n"));
    assertEquals("shop-green", ingress.object().annotation("alb.ingress.kubernetes.io/group.name"));
  }

  @Test
  void renamesAppMeshAndStripsMeshRef() throws Exception {
    ObjectAction action = create(dev.transship.convert.upgrade.AppMeshRename.SPEC, "{meshSuffix: -green, cloudMapNamespaces: {shop.old.local: shop.new.local}}");
    ActionContext mesh = Actions.apply(action, Actions.yaml("apiVersion: appmesh.k8s.aws/v1beta2\nkind: Mesh\nmetadata: {name: shop-mesh}\nspec: {awsName: shop-mesh}\n"));
    assertEquals("shop-mesh-green", mesh.object().node().at("/spec/awsName").asText());
    ActionContext node = Actions.apply(action, Actions.yaml(
        "apiVersion: appmesh.k8s.aws/v1beta2\nkind: VirtualNode\nmetadata: {name: web, namespace: shop}\nspec: {meshRef: {name: shop-mesh, uid: u}, serviceDiscovery: {awsCloudMap: {namespaceName: shop.old.local}}}\n"));
    assertTrue(node.object().node().at("/spec/meshRef").isMissingNode());
    assertEquals("shop.new.local", node.object().node().at("/spec/serviceDiscovery/awsCloudMap/namespaceName").asText());
  }

  @Test
  void movesProjectIdsAsWholeTokens() throws Exception {
    ObjectAction action = create(dev.transship.convert.gcp.GcpProjectMove.SPEC, "{fromProject: acme-prod-123, toProject: acme-prod-456}");
    ActionContext deploy = Actions.apply(action, Actions.yaml("""
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: w, namespace: s}
        spec: {template: {spec: {containers: [{name: w, image: "europe-west1-docker.pkg.dev/acme-prod-123/store/web:2", env: [{name: P, value: acme-prod-123}, {name: Q, value: acme-prod-1234}]}]}}}
        """));
    var container = deploy.object().node().at("/spec/template/spec/containers/0");
    assertEquals("europe-west1-docker.pkg.dev/acme-prod-456/store/web:2", container.path("image").asText());
    assertEquals("acme-prod-456", container.at("/env/0/value").asText());
    assertEquals("acme-prod-1234", container.at("/env/1/value").asText(), "a longer project name is not this project");
    ActionContext sa = Actions.apply(action, Actions.yaml("apiVersion: v1\nkind: ServiceAccount\nmetadata: {name: w, namespace: s, annotations: {iam.gke.io/gcp-service-account: w@acme-prod-123.iam.gserviceaccount.com}}\n"));
    assertEquals("w@acme-prod-456.iam.gserviceaccount.com", sa.object().annotation("iam.gke.io/gcp-service-account"));
  }

  @Test
  void removesOldManagedCertificatesAndAddsTheBridge() throws Exception {
    ObjectAction action = create(dev.transship.convert.gcp.ManagedCertificateBridge.SPEC, "{bridgeCertName: store-bridge}");
    ActionContext ingress = Actions.apply(action, Actions.yaml("""
        apiVersion: networking.k8s.io/v1
        kind: Ingress
        metadata: {name: web, namespace: store, annotations: {networking.gke.io/managed-certificates: store-cert, ingress.gcp.kubernetes.io/pre-shared-cert: "mcrt-1234,legacy"}}
        """));
    assertEquals("legacy,store-bridge", ingress.object().annotation("ingress.gcp.kubernetes.io/pre-shared-cert"));
    assertEquals("store-bridge", ingress.object().annotation("transship.dev/bridge-certificate"));
    ActionContext cert = Actions.apply(action, Actions.yaml("apiVersion: networking.gke.io/v1\nkind: ManagedCertificate\nmetadata: {name: c, namespace: store}\nspec: {domains: [a.example.com]}\n"));
    assertEquals("mcrt-bridge-needed", cert.findings().get(0).check());
  }
}
