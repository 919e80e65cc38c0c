package dev.transship.convert.addons;

import static dev.transship.testing.Actions.yaml;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.transship.cloud.Target;
import dev.transship.finding.Finding;
import dev.transship.finding.Severity;
import dev.transship.kube.Json;
import dev.transship.kube.KubeObject;
import dev.transship.kube.KubeVersion;
import dev.transship.lint.LintInput;
import dev.transship.lint.LintOptions;
import dev.transship.lint.Linter;
import dev.transship.lint.Suppressions;
import dev.transship.lint.checks.CheckCatalog;
import dev.transship.rules.ActionContext;
import dev.transship.rules.ConverterConfig;
import dev.transship.rules.ObjectAction;
import dev.transship.testing.Actions;
import dev.transship.testing.Backups;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class DropSourceCloudAddonsTest {
  private static final Path FIXTURES = Backups.repoRoot().resolve("src/test/resources/controllers");

  private static ObjectAction converter() {
    return DropSourceCloudAddons.SPEC.create(new ConverterConfig(yaml("{}")));
  }

  /** The fixture's objects by "Kind namespace/name". */
  private static Map<String, ObjectNode> fixture(String file) throws Exception {
    Map<String, ObjectNode> out = new TreeMap<>();
    try (var docs = Json.YAML.readerFor(ObjectNode.class).<ObjectNode>readValues(Files.readString(FIXTURES.resolve(file)))) {
      while (docs.hasNext()) {
        ObjectNode doc = docs.next();
        KubeObject o = new KubeObject(doc);
        out.put(o.kind() + " " + (o.namespace() == null || o.namespace().isEmpty() ? "" : o.namespace() + "/") + o.name(), doc);
      }
    }
    return out;
  }

  private static List<Finding> of(ActionContext ctx, String check) {
    return ctx.findings().stream().filter(f -> f.check().equals(check)).toList();
  }

  @Test
  void awsLoadBalancerControllerWebhooksAreDroppedAndTheOnesThatWouldBlockPodsAndServicesAreWarnings() throws Exception {
    Map<String, ObjectNode> lbc = fixture("aws-load-balancer-controller-webhooks.yaml");
    ActionContext mutating = Actions.apply(converter(), lbc.get("MutatingWebhookConfiguration aws-load-balancer-webhook"));
    assertTrue(mutating.dropped());
    assertTrue(mutating.dropReason().contains("mpod.elbv2.k8s.aws calls AWS Load Balancer Controller (Service kube-system/aws-load-balancer-webhook-service)"),
        mutating.dropReason());
    List<Finding> blocking = of(mutating, "controller-webhook-blocking");
    assertEquals(2, blocking.size(), "pods and services, not targetgroupbindings: " + blocking);
    assertTrue(blocking.stream().allMatch(f -> f.severity() == Severity.WARNING));
    assertTrue(blocking.get(0).message().contains("mpod.elbv2.k8s.aws") && blocking.get(0).message().contains("refuses every CREATE of pods in the namespaces its namespaceSelector picks"),
        blocking.get(0).message());
    assertTrue(blocking.get(1).message().endsWith("refuses every CREATE of services"), blocking.get(1).message());

    ActionContext validating = Actions.apply(converter(), lbc.get("ValidatingWebhookConfiguration aws-load-balancer-webhook"));
    assertTrue(validating.dropped());
    List<Finding> ingress = of(validating, "controller-webhook-blocking");
    assertEquals(1, ingress.size(), ingress.toString());
    assertTrue(ingress.get(0).message().contains("vingress.elbv2.k8s.aws") && ingress.get(0).message().contains("CREATE, UPDATE of ingresses.networking.k8s.io"));
  }

  @Test
  void onlyTheAbsentControllersWebhooksLeaveAMixedConfiguration() throws Exception {
    ObjectNode mixed = yaml("""
        apiVersion: admissionregistration.k8s.io/v1
        kind: MutatingWebhookConfiguration
        metadata: {name: platform-webhooks}
        webhooks:
        - name: webhook.cert-manager.io
          clientConfig: {service: {name: cert-manager-webhook, namespace: cert-manager, path: /mutate}}
          failurePolicy: Fail
          rules: [{apiGroups: [cert-manager.io], apiVersions: [v1], operations: [CREATE, UPDATE], resources: ["*/*"]}]
          sideEffects: None
          admissionReviewVersions: [v1]
        - name: mpod.appmesh.k8s.aws
          clientConfig: {service: {name: appmesh-controller-webhook-service, namespace: appmesh-system, path: /mutate-v1-pod}}
          failurePolicy: Ignore
          rules: [{apiGroups: [""], apiVersions: [v1], operations: [CREATE], resources: [pods]}]
          sideEffects: None
          admissionReviewVersions: [v1beta1]
        - name: virtualnode-defaults.mesh.internal
          clientConfig: {service: {name: mesh-defaults, namespace: platform}}
          rules: [{apiGroups: [appmesh.k8s.aws], apiVersions: [v1beta2], operations: [CREATE, UPDATE], resources: [virtualnodes]}]
          sideEffects: None
          admissionReviewVersions: [v1beta1]
        """);
    ActionContext ctx = Actions.apply(converter(), mixed);
    assertFalse(ctx.dropped());
    assertEquals(List.of("webhook.cert-manager.io"),
        names(ctx.object().node().path("webhooks")));
    assertEquals(2, of(ctx, "controller-webhook").size());
    assertTrue(of(ctx, "controller-webhook-blocking").isEmpty(), "Ignore, and a webhook of AWS-only resources, block nothing on GKE");
    assertTrue(of(ctx, "controller-webhook").get(0).message().contains("App Mesh controller"), ctx.findings().toString());
    assertTrue(of(ctx, "controller-webhook").get(1).message().contains("the controller of appmesh.k8s.aws (Service platform/mesh-defaults)"),
        "judged by the only group it intercepts: " + ctx.findings());

    ObjectNode certManagerOnly = yaml("""
        apiVersion: admissionregistration.k8s.io/v1
        kind: ValidatingWebhookConfiguration
        metadata: {name: cert-manager-webhook}
        webhooks:
        - name: webhook.cert-manager.io
          clientConfig: {service: {name: cert-manager-webhook, namespace: cert-manager}}
          rules: [{apiGroups: [cert-manager.io, acme.cert-manager.io], apiVersions: [v1], operations: [CREATE, UPDATE], resources: ["*/*"]}]
        """);
    ActionContext kept = Actions.apply(converter(), certManagerOnly);
    assertFalse(kept.dropped());
    assertTrue(kept.findings().isEmpty(), kept.findings().toString());
  }

  private static List<String> names(com.fasterxml.jackson.databind.JsonNode webhooks) {
    List<String> out = new ArrayList<>();
    webhooks.forEach(w -> out.add(w.path("name").asText()));
    return out;
  }

  @Test
  void eksAddonsAreDroppedAndTheApplicationIsLeftAlone() throws Exception {
    Map<String, ObjectNode> objects = fixture("eks-addons.yaml");
    Map<String, String> addonOf = new TreeMap<>();
    for (Map.Entry<String, ObjectNode> e : objects.entrySet()) {
      ActionContext ctx = Actions.apply(converter(), e.getValue());
      if (e.getKey().equals("IngressClass nginx") || e.getKey().equals("Deployment shop/web")) {
        assertFalse(ctx.dropped(), e.getKey());
        assertTrue(ctx.findings().isEmpty(), e.getKey() + ": " + ctx.findings());
        continue;
      }
      assertTrue(ctx.dropped(), e.getKey());
      assertEquals(List.of("source-cloud-addon"), ctx.findings().stream().map(Finding::check).toList(), e.getKey());
      addonOf.put(e.getKey(), ctx.dropReason().substring(0, ctx.dropReason().indexOf(" (")));
    }
    assertEquals(Map.of(
        "ClusterRole ebs-external-provisioner-role", "Amazon EBS CSI driver",
        "CSIDriver ebs.csi.aws.com", "Amazon EBS CSI driver",
        "ConfigMap kube-system/amazon-vpc-cni", "Amazon VPC CNI",
        "ConfigMap kube-system/aws-auth", "aws-auth",
        "DaemonSet amazon-cloudwatch/fluent-bit", "CloudWatch agent and Fluent Bit for CloudWatch",
        "DaemonSet kube-system/aws-node", "Amazon VPC CNI",
        "DaemonSet kube-system/cloudwatch-agent", "CloudWatch agent and Fluent Bit for CloudWatch",
        "Deployment kube-system/ebs-csi-controller", "Amazon EBS CSI driver",
        "Namespace amazon-cloudwatch", "CloudWatch agent and Fluent Bit for CloudWatch"), addonOf);
  }

  @Test
  void anAddonInstalledElsewhereIsKnownByItsImage() throws Exception {
    ActionContext ctx = Actions.apply(converter(), yaml("""
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: controller, namespace: platform}
        spec:
          selector: {matchLabels: {app: lb}}
          template:
            metadata: {labels: {app: lb}}
            spec:
              containers:
              - name: controller
                image: public.ecr.aws/eks/aws-load-balancer-controller:v2.8.1@sha256:0000000000000000000000000000000000000000000000000000000000000000
        """));
    assertTrue(ctx.dropped());
    assertTrue(ctx.dropReason().startsWith("AWS Load Balancer Controller (runs public.ecr.aws/eks/aws-load-balancer-controller:v2.8.1"), ctx.dropReason());
  }

  @Test
  void theChartsIngressClassIsLeftToTheIngressConverter() throws Exception {
    ActionContext ctx = Actions.apply(converter(), yaml("""
        apiVersion: networking.k8s.io/v1
        kind: IngressClass
        metadata: {name: alb, labels: {app.kubernetes.io/name: aws-load-balancer-controller}}
        spec: {controller: ingress.k8s.aws/alb}
        """));
    assertFalse(ctx.dropped());
    assertTrue(ctx.findings().isEmpty());
  }

  @Test
  void externalDnsOnRoute53AndItsRoutingAnnotationsAreReportedAndKept() throws Exception {
    Map<String, ObjectNode> objects = fixture("external-dns.yaml");
    ActionContext dns = Actions.apply(converter(), objects.get("Deployment external-dns/external-dns"));
    assertFalse(dns.dropped());
    assertEquals(List.of("external-dns-aws"), dns.findings().stream().map(Finding::check).toList());
    assertEquals(Severity.WARNING, dns.findings().get(0).severity());

    ActionContext service = Actions.apply(converter(), objects.get("Service shop/web-weighted"));
    assertEquals(1, of(service, "external-dns-aws-routing").size());
    assertTrue(of(service, "external-dns-aws-routing").get(0).message().startsWith("Route 53 routing annotations "
        + "external-dns.alpha.kubernetes.io/aws-weight, external-dns.alpha.kubernetes.io/set-identifier:"), service.findings().toString());

    ObjectNode google = objects.get("Deployment external-dns/external-dns").deepCopy();
    ((ObjectNode) google.at("/spec/template/spec/containers/0")).putArray("args").add("--provider").add("google").add("--txt-owner-id=gke-1");
    assertTrue(Actions.apply(converter(), google).findings().isEmpty());
  }

  @Test
  void awsGatewayClassesAreDroppedAndTheirGatewaysReported() throws Exception {
    Map<String, ObjectNode> objects = fixture("external-dns.yaml");
    ObjectAction action = converter();
    ObjectNode lattice = objects.get("GatewayClass amazon-vpc-lattice");
    action.index(Actions.keyOf(lattice), new KubeObject(lattice));
    ActionContext cls = Actions.apply(action, lattice);
    assertTrue(cls.dropped());
    assertTrue(cls.dropReason().contains("VPC Lattice"));
    ActionContext gateway = Actions.apply(action, objects.get("Gateway shop/shop-network"));
    assertFalse(gateway.dropped());
    assertEquals(List.of("aws-gateway-class"), gateway.findings().stream().map(Finding::check).toList());
  }

  /** Indexes the objects as the engine does before any apply: what the action asks for, unmodified. */
  private static ObjectAction indexed(Map<String, ObjectNode> objects) throws Exception {
    ObjectAction action = converter();
    for (ObjectNode o : objects.values()) {
      if (action.indexes(raw(o))) {
        action.index(Actions.keyOf(o), new KubeObject(o.deepCopy()));
      }
    }
    return action;
  }

  @Test
  void theClusterAutoscalerForAwsIsDroppedWithItsServiceAccountAndRbacAndOneForAnotherCloudIsLeftAlone() throws Exception {
    Map<String, ObjectNode> objects = fixture("cluster-autoscaler.yaml");
    ObjectAction action = indexed(objects);
    Map<String, String> because = new TreeMap<>();
    for (Map.Entry<String, ObjectNode> e : objects.entrySet()) {
      ActionContext ctx = Actions.apply(action, e.getValue());
      if (ctx.dropped()) {
        assertTrue(action.mayApply(raw(e.getValue())), e.getKey());
        assertEquals(List.of("source-cloud-addon"), ctx.findings().stream().map(Finding::check).toList(), e.getKey());
        assertTrue(ctx.dropReason().startsWith("Cluster Autoscaler for AWS ("), ctx.dropReason());
        because.put(e.getKey(), ctx.dropReason().substring("Cluster Autoscaler for AWS (".length(), ctx.dropReason().indexOf("): ")));
      } else {
        assertTrue(ctx.findings().isEmpty(), e.getKey() + ": " + ctx.findings());
      }
    }
    String upstream = "used by Deployment kube-system/cluster-autoscaler, which runs cluster-autoscaler with --cloud-provider=aws";
    String chart = "labelled app.kubernetes.io/name=aws-cluster-autoscaler";
    Map<String, String> expected = new TreeMap<>(Map.of(
        "Deployment kube-system/cluster-autoscaler", "runs cluster-autoscaler with --cloud-provider=aws",
        "ServiceAccount kube-system/cluster-autoscaler", upstream,
        "ClusterRole cluster-autoscaler", upstream,
        "ClusterRoleBinding cluster-autoscaler", upstream,
        "Role kube-system/cluster-autoscaler", upstream,
        "RoleBinding kube-system/cluster-autoscaler", upstream));
    for (String kind : List.of("ServiceAccount autoscaling/", "ClusterRole ", "RoleBinding autoscaling/", "Service autoscaling/", "Deployment autoscaling/")) {
      expected.put(kind + "ca-aws-cluster-autoscaler", chart);
    }
    assertEquals(expected, because, "Cluster API's autoscaler, its ServiceAccount and ClusterRole are not AWS's");
    assertTrue(ctxOf(converter(), objects.get("ClusterRole cluster-autoscaler")).findings().isEmpty(),
        "without its Deployment in the backup a ClusterRole called cluster-autoscaler says nothing of the cloud");
  }

  @Test
  void anAutoscalerInANamespaceOfItsOwnTakesItsNeutrallyNamedServiceAccountAndRbacWithIt() throws Exception {
    Map<String, ObjectNode> objects = new TreeMap<>();
    for (String doc : List.of("""
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: node-scaler, namespace: autoscaler}
        spec:
          template:
            spec:
              serviceAccountName: scaler
              containers:
              - name: main
                image: registry.k8s.io/autoscaling/cluster-autoscaler:v1.31.1
                command: [./cluster-autoscaler, --cloud-provider=aws, --balance-similar-node-groups]
        """, """
        apiVersion: v1
        kind: ServiceAccount
        metadata: {name: scaler, namespace: autoscaler}
        """, """
        apiVersion: rbac.authorization.k8s.io/v1
        kind: Role
        metadata: {name: scaler, namespace: autoscaler}
        rules: [{apiGroups: [""], resources: [configmaps], verbs: [create, get, update]}]
        """, """
        apiVersion: rbac.authorization.k8s.io/v1
        kind: RoleBinding
        metadata: {name: node-scaler, namespace: autoscaler}
        roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: scaler}
        subjects: [{kind: ServiceAccount, name: scaler, namespace: autoscaler}]
        """, """
        apiVersion: v1
        kind: ServiceAccount
        metadata: {name: reporting, namespace: autoscaler}
        """)) {
      ObjectNode o = yaml(doc);
      objects.put(new KubeObject(o).kind() + " " + new KubeObject(o).name(), o);
    }
    ObjectAction action = indexed(objects);
    for (String companion : List.of("ServiceAccount scaler", "Role scaler", "RoleBinding node-scaler")) {
      ObjectNode object = objects.get(companion);
      String bytes = object.toString();
      assertTrue(SourceCloudAddons.MARKERS.stream().noneMatch(bytes::contains) && !bytes.contains("autoscaler-"), "neutral: " + bytes);
      assertTrue(action.mayApply(raw(object)), companion + " must reach apply, where the index knows whose it is");
      ActionContext ctx = Actions.apply(action, object);
      assertTrue(ctx.dropped(), companion);
      assertTrue(ctx.dropReason().contains("used by Deployment autoscaler/node-scaler"), ctx.dropReason());
    }
    ActionContext other = Actions.apply(action, objects.get("ServiceAccount reporting"));
    assertFalse(other.dropped());
    assertEquals(List.of(), other.findings(), "a ServiceAccount the autoscaler does not use is none of its business");
  }

  @Test
  void aWorkloadKnownByAProgramFlagOfTheCataloguePassesBothCheapLooks() throws Exception {
    ObjectAction action = converter();
    for (SourceCloudAddon.ProgramFlag flag : SourceCloudAddons.PROGRAM_FLAGS) {
      for (String value : flag.values()) {
        ObjectNode deployment = yaml("""
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: scaler, namespace: ops}
            spec:
              template:
                spec:
                  containers:
                  - {name: main, image: "registry.example.com/mirror/%s:v1", args: ["%s=%s"]}
            """.formatted(flag.program(), flag.flag(), value));
        assertTrue(action.indexes(raw(deployment)), flag + " " + value + ": its companions are learnt from the index");
        assertTrue(action.mayApply(raw(deployment)), flag + " " + value);
        assertTrue(Actions.apply(action, deployment).dropped(), flag + " " + value);
      }
    }
  }

  private static ActionContext ctxOf(ObjectAction action, ObjectNode object) throws Exception {
    ActionContext ctx = Actions.apply(action, object);
    assertFalse(ctx.dropped());
    return ctx;
  }

  @Test
  void theClusterAutoscalerIsKnownByItsProviderFlagWrittenEitherWayInCommandOrArgs() throws Exception {
    String pod = """
        apiVersion: v1
        kind: Pod
        metadata: {name: autoscaler-6b9d7c5f4-x2k8q, namespace: ops}
        spec:
          serviceAccountName: autoscaler
          containers:
          - name: autoscaler
            image: 123456789012.dkr.ecr.us-east-1.amazonaws.com/mirror/cluster-autoscaler:v1.30.2
            %s
        """;
    for (String run : List.of("args: [--cloud-provider, aws, --expander=priority]", "command: [/cluster-autoscaler, --cloud-provider=aws]",
        "command: [/usr/local/bin/cluster-autoscaler]\n    args: [--logtostderr, --cloud-provider, aws]")) {
      ActionContext ctx = Actions.apply(converter(), yaml(pod.formatted(run)));
      assertTrue(ctx.dropped(), run);
      assertTrue(ctx.dropReason().startsWith("Cluster Autoscaler for AWS (runs cluster-autoscaler with --cloud-provider=aws)"), ctx.dropReason());
    }
    for (String run : List.of("args: [--cloud-provider, gce]", "args: [--cloud-provider=clusterapi]", "args: [--cloud-provider]",
        "args: [--cloud-provider=awsx]")) {
      ActionContext ctx = Actions.apply(converter(), yaml(pod.formatted(run)));
      assertFalse(ctx.dropped(), run);
      assertTrue(ctx.findings().isEmpty(), run + ": " + ctx.findings());
    }
    assertFalse(Actions.apply(converter(), yaml(pod.formatted("args: {cloud-provider: aws}"))).dropped(), "args of a shape the API refuses");
    ActionContext other = Actions.apply(converter(), yaml(pod.formatted("args: [--cloud-provider=aws]").replace("cluster-autoscaler:v1.30.2", "cloud-controller-manager:v1.30.2")));
    assertFalse(other.dropped(), "another program's --cloud-provider=aws is not the Cluster Autoscaler");
  }

  @Test
  void theCheapLookBeforeParsingLetsEveryFixtureObjectThroughAndPlainObjectsPass() throws Exception {
    ObjectAction action = converter();
    for (String file : List.of("aws-load-balancer-controller-webhooks.yaml", "eks-addons.yaml", "external-dns.yaml", "cluster-autoscaler.yaml")) {
      for (Map.Entry<String, ObjectNode> e : fixture(file).entrySet()) {
        if (!e.getKey().equals("IngressClass nginx") && !e.getKey().contains("capi-autoscal")) {
          assertTrue(action.mayApply(raw(e.getValue())), e.getKey());
        }
      }
    }
    assertFalse(action.mayApply(raw(yaml("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: settings, namespace: shop}\ndata: {tier: prod}"))));
    String refresher = """
        apiVersion: batch/v1
        kind: CronJob
        metadata: {name: ecr-refresh, namespace: shop}
        spec:
          schedule: "0 */6 * * *"
          jobTemplate: {spec: {template: {spec: {containers: [{name: aws, image: amazon/aws-cli, command: [sh, -c],
            args: ["aws ecr %s | kubectl create secret docker-registry regcred --docker-password-stdin"]}]}}}}
        """;
    for (String call : List.of("get-login-password --region eu-west-1", "get-authorization-token --output text")) {
      ObjectNode cronJob = yaml(refresher.formatted(call));
      assertTrue(action.mayApply(raw(cronJob)), call);
      assertEquals(List.of("ecr-token-refresher"), Actions.apply(converter(), cronJob).findings().stream().map(Finding::check).toList(), call);
    }
    ObjectNode usesSecrets = yaml("""
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: web, namespace: shop}
        spec: {template: {spec: {imagePullSecrets: [{name: regcred}], containers: [{name: web, image: web:1,
          env: [{name: DB_PASSWORD, valueFrom: {secretKeyRef: {name: db, key: password}}}]}]}}}
        """);
    assertFalse(action.mayApply(raw(usesSecrets)), "a workload that only mentions Secrets is not parsed for this converter");
  }

  private static dev.transship.archive.RawItem raw(ObjectNode object) throws Exception {
    var key = Actions.keyOf(object);
    return new dev.transship.archive.RawItem(dev.transship.archive.ItemPath.legacy(key), "x", Json.MAPPER.writeValueAsBytes(object));
  }

  @Test
  void otherKubeSystemObjectsAreReported() throws Exception {
    ActionContext ctx = Actions.apply(converter(), yaml("""
        apiVersion: v1
        kind: ConfigMap
        metadata: {name: cluster-settings, namespace: kube-system}
        data: {tier: prod}
        """));
    assertFalse(ctx.dropped());
    assertEquals(List.of("kube-system-object"), ctx.findings().stream().map(Finding::check).toList());
    assertEquals(Severity.INFO, ctx.findings().get(0).severity());
  }

  @Test
  void lintFindsWhatConvertDropsOrReports() throws Exception {
    LintOptions gke = new LintOptions(Target.GKE, KubeVersion.parse("1.32"), null, Instant.parse("2026-11-22T00:00:00Z"));
    Map<String, String> fired = new TreeMap<>();
    try (Linter.Result result = new Linter(CheckCatalog.create(), null, Suppressions.none()).run(LintInput.manifests(FIXTURES), gke)) {
      result.findings().toList().stream().filter(f -> f.check().equals("controller-webhook") || f.check().equals("source-cloud-addon"))
          .forEach(f -> fired.merge(f.object().toString(), f.check() + ":" + f.severity(), (a, b) -> a.equals(b) ? a : a + "," + b));
    }
    assertEquals("controller-webhook:ERROR,source-cloud-addon:WARNING", fired.get("MutatingWebhookConfiguration aws-load-balancer-webhook"),
        "mpod and mservice would refuse writes; mtargetgroupbinding only hangs about dead");
    assertEquals("controller-webhook:ERROR,source-cloud-addon:WARNING", fired.get("ValidatingWebhookConfiguration aws-load-balancer-webhook"));
    for (String addon : List.of("DaemonSet kube-system/aws-node", "ConfigMap kube-system/aws-auth", "CSIDriver ebs.csi.aws.com",
        "DaemonSet amazon-cloudwatch/fluent-bit", "Deployment external-dns/external-dns", "Service shop/web-weighted",
        "GatewayClass amazon-vpc-lattice", "Deployment kube-system/cluster-autoscaler", "ServiceAccount kube-system/cluster-autoscaler",
        "ClusterRole cluster-autoscaler", "ClusterRoleBinding cluster-autoscaler", "Role kube-system/cluster-autoscaler",
        "RoleBinding kube-system/cluster-autoscaler", "Deployment autoscaling/ca-aws-cluster-autoscaler",
        "ServiceAccount autoscaling/ca-aws-cluster-autoscaler")) {
      assertEquals("source-cloud-addon:WARNING", fired.get(addon), addon + " in " + fired);
    }
    assertFalse(fired.containsKey("Deployment shop/web"), fired.toString());
    for (String capi : List.of("Deployment capi-autoscaling/cluster-autoscaler", "ServiceAccount capi-autoscaling/capi-autoscaler", "ClusterRole capi-autoscaler")) {
      assertFalse(fired.containsKey(capi), capi + ": " + fired);
    }
    assertFalse(fired.containsKey("IngressClass nginx"), fired.toString());
    LintOptions eks = new LintOptions(Target.EKS, KubeVersion.parse("1.32"), null, Instant.parse("2026-11-22T00:00:00Z"));
    try (Linter.Result result = new Linter(CheckCatalog.create(), null, Suppressions.none()).run(LintInput.manifests(FIXTURES), eks)) {
      assertTrue(result.findings().toList().stream().noneMatch(f -> f.check().equals("controller-webhook") || f.check().equals("source-cloud-addon")),
          "the new EKS cluster runs these controllers again");
    }
  }
}
