package dev.transship.convert.gcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.transship.convert.ConverterExamples;
import dev.transship.convert.Converters;
import dev.transship.finding.Finding;
import dev.transship.finding.Severity;
import dev.transship.rules.ActionContext;
import dev.transship.rules.ConverterConfig;
import dev.transship.rules.ObjectAction;
import dev.transship.testing.Actions;
import dev.transship.testing.CrdSchemas;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

class GcpProjectMoveTest {
  private static final ObjectAction MOVE = action("{fromProject: store-old, toProject: store-new}");

  private static ObjectAction action(String with) {
    return GcpProjectMove.SPEC.create(new ConverterConfig(Actions.yaml(with)));
  }

  private static List<Finding> findings(ActionContext ctx, String check) {
    return ctx.findings().stream().filter(f -> f.check().equals(check)).toList();
  }

  private static Finding only(ActionContext ctx, String check) {
    List<Finding> found = findings(ctx, check);
    assertEquals(1, found.size(), check + " in " + ctx.findings());
    return found.get(0);
  }

  @Test
  void isRegisteredUnderItsName() {
    assertSame(GcpProjectMove.SPEC, Converters.named("gcpProjectMove").orElseThrow());
  }

  @Test
  void lastAppliedConfigurationMovesWithTheObject() throws Exception {
    String applied = "{\"apiVersion\":\"apps/v1\",\"kind\":\"Deployment\",\"metadata\":{\"name\":\"web\",\"namespace\":\"store\"},"
        + "\"spec\":{\"template\":{\"spec\":{\"serviceAccountName\":\"web\",\"containers\":[{\"name\":\"web\","
        + "\"image\":\"us-central1-docker.pkg.dev/store-old/apps/web:1.4\",\"env\":[{\"name\":\"TOPIC\","
        + "\"value\":\"projects/store-old/topics/orders\"},{\"name\":\"PORT\",\"value\":\"8080\"}]}]}}}}\n";
    ObjectNode deployment = Actions.yaml("""
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: web, namespace: store}
        spec:
          template:
            spec:
              containers:
                - name: web
                  image: us-central1-docker.pkg.dev/store-old/apps/web:1.4
                  env:
                    - {name: TOPIC, value: projects/store-old/topics/orders}
                    - {name: PORT, value: "8080"}
        """);
    ((ObjectNode) deployment.path("metadata")).putObject("annotations").put("kubectl.kubernetes.io/last-applied-configuration", applied);

    ActionContext ctx = Actions.apply(MOVE, deployment);

    String moved = ctx.object().annotation("kubectl.kubernetes.io/last-applied-configuration");
    assertTrue(moved.endsWith("}\n"), "kubectl's form: compact JSON and a newline");
    JsonNode lastApplied = dev.transship.kube.Json.MAPPER.readTree(moved);
    JsonNode container = lastApplied.at("/spec/template/spec/containers/0");
    JsonNode actual = ctx.object().node().at("/spec/template/spec/containers/0");
    assertEquals(actual.path("image"), container.path("image"));
    assertEquals(actual.path("env"), container.path("env"), "the annotation says what the object now holds");
    assertFalse(moved.contains("store-old"), moved);
    assertTrue(only(ctx, "gcp-project-last-applied").message().contains("2 value(s) moved to store-new"));
  }

  @Test
  void multiClusterIngressAddressAndCertificatesAreReported() throws Exception {
    ObjectNode mci = Actions.yaml("""
        apiVersion: networking.gke.io/v1
        kind: MultiClusterIngress
        metadata:
          name: store
          namespace: store
          annotations:
            networking.gke.io/static-ip: 34.102.201.47
            networking.gke.io/pre-shared-certs: "store-cert, store-cert-2024"
        spec:
          template:
            spec:
              backend: {serviceName: store, servicePort: 8080}
        """);

    ActionContext ctx = Actions.apply(MOVE, mci);

    assertTrue(only(ctx, "gcp-project-static-ip").message().contains("networking.gke.io/static-ip 34.102.201.47"));
    Finding certs = only(ctx, "gcp-project-certificate");
    assertTrue(certs.message().contains("store-cert, store-cert-2024"), certs.message());
    assertEquals(Severity.WARNING, certs.severity());
  }

  @Test
  void aSecretsLastAppliedIsNeverRewritten() throws Exception {
    String applied = "{\"kind\":\"Secret\",\"stringData\":{\"project\":\"store-old\"}}\n";
    ObjectNode secret = Actions.yaml("""
        apiVersion: v1
        kind: Secret
        metadata: {name: creds, namespace: store}
        stringData: {project: store-old}
        """);
    ((ObjectNode) secret.path("metadata")).putObject("annotations").put("kubectl.kubernetes.io/last-applied-configuration", applied);

    ActionContext ctx = Actions.apply(MOVE, secret);

    assertEquals(applied, ctx.object().annotation("kubectl.kubernetes.io/last-applied-configuration"));
    assertTrue(findings(ctx, "gcp-project-last-applied").isEmpty());
  }

  @Test
  void movesImagesEnvAndArgsOfAWorkloadAndWarnsAboutNodePools() throws Exception {
    ObjectNode deployment = Actions.yaml("""
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: web, namespace: store}
        spec:
          template:
            spec:
              nodeSelector: {cloud.google.com/gke-nodepool: web-pool}
              initContainers:
                - {name: migrate, image: gcr.io/store-old/migrate:3}
              containers:
                - name: web
                  image: us-central1-docker.pkg.dev/store-old/apps/web:1.4
                  args: [--project=store-old, --port=8080]
                  env:
                    - {name: TOPIC, value: projects/store-old/topics/orders}
                    - {name: PORT, value: "8080"}
                    - name: DB_PASSWORD
                      valueFrom: {secretKeyRef: {name: db, key: password}}
                - {name: proxy, image: gcr.io/cloud-sql-connectors/cloud-sql-proxy:2.8.0, args: ["store-old:us-central1:orders"]}
        """);
    ActionContext ctx = Actions.apply(MOVE, deployment);

    JsonNode pod = ctx.object().node().path("spec").path("template").path("spec");
    assertEquals("gcr.io/store-new/migrate:3", pod.path("initContainers").get(0).path("image").asText());
    JsonNode web = pod.path("containers").get(0);
    assertEquals("us-central1-docker.pkg.dev/store-new/apps/web:1.4", web.path("image").asText());
    assertEquals("projects/store-new/topics/orders", web.path("env").get(0).path("value").asText());
    assertEquals("8080", web.path("env").get(1).path("value").asText());
    assertEquals("--project=store-new", web.path("args").get(0).asText());
    JsonNode proxy = pod.path("containers").get(1);
    assertEquals("gcr.io/cloud-sql-connectors/cloud-sql-proxy:2.8.0", proxy.path("image").asText());
    assertEquals("store-new:us-central1:orders", proxy.path("args").get(0).asText());

    assertEquals(2, findings(ctx, "gcp-project-image").size());
    assertTrue(findings(ctx, "gcp-project-image").get(1).message()
        .contains("container web: image us-central1-docker.pkg.dev/store-old/apps/web:1.4 -> us-central1-docker.pkg.dev/store-new/apps/web:1.4"));
    Finding env = only(ctx, "gcp-project-env");
    assertEquals(Severity.INFO, env.severity());
    assertTrue(env.message().contains("container web env TOPIC: 1 reference to store-old"), env.message());
    assertEquals(2, findings(ctx, "gcp-project-args").size());
    assertEquals(Severity.WARNING, only(ctx, "gcp-project-node-pool").severity());
  }

  @Test
  void findsThePodSpecOfACronJob() throws Exception {
    ObjectNode cronJob = Actions.yaml("""
        apiVersion: batch/v1
        kind: CronJob
        metadata: {name: report, namespace: store}
        spec:
          schedule: "0 3 * * *"
          jobTemplate:
            spec:
              template:
                spec:
                  containers: [{name: report, image: eu.gcr.io/store-old/report:7}]
        """);
    ActionContext ctx = Actions.apply(MOVE, cronJob);
    assertEquals("eu.gcr.io/store-new/report:7", ctx.object().node().at("/spec/jobTemplate/spec/template/spec/containers/0/image").asText());
  }

  @Test
  void movesTheWorkloadIdentityServiceAccountWithAWarning() throws Exception {
    ObjectNode account = Actions.yaml("""
        apiVersion: v1
        kind: ServiceAccount
        metadata: {name: web, namespace: store, annotations: {iam.gke.io/gcp-service-account: web@store-old.iam.gserviceaccount.com}}
        """);
    ActionContext ctx = Actions.apply(MOVE, account);
    assertEquals("web@store-new.iam.gserviceaccount.com", ctx.object().annotation("iam.gke.io/gcp-service-account"));
    Finding wi = only(ctx, "gcp-project-workload-identity");
    assertEquals(Severity.WARNING, wi.severity());
    assertTrue(wi.hint().contains("serviceAccount:store-new.svc.id.goog[store/web]"), wi.hint());
  }

  @Test
  void keepsAServiceAccountOfAThirdProjectButWarnsAboutTheNewPool() throws Exception {
    ObjectNode account = Actions.yaml("""
        apiVersion: v1
        kind: ServiceAccount
        metadata: {name: web, namespace: store, annotations: {iam.gke.io/gcp-service-account: web@shared-iam.iam.gserviceaccount.com}}
        """);
    ActionContext ctx = Actions.apply(MOVE, account);
    assertEquals("web@shared-iam.iam.gserviceaccount.com", ctx.object().annotation("iam.gke.io/gcp-service-account"));
    assertTrue(only(ctx, "gcp-project-workload-identity").hint().contains("store-new.svc.id.goog[store/web]"));
  }

  @Test
  void rewritesConfigMapValuesWithAWarningPerKey() throws Exception {
    ObjectNode configMap = Actions.yaml("""
        apiVersion: v1
        kind: ConfigMap
        metadata: {name: app, namespace: store}
        data:
          application.yaml: |
            pubsub: projects/store-old/subscriptions/orders
            bigquery: store-old.analytics.events
          bucket: gs://store-old-assets
          region: us-central1
        """);
    ActionContext ctx = Actions.apply(MOVE, configMap);
    JsonNode data = ctx.object().node().path("data");
    assertEquals("pubsub: projects/store-new/subscriptions/orders\nbigquery: store-new.analytics.events\n",
        data.path("application.yaml").asText());
    assertEquals("gs://store-old-assets", data.path("bucket").asText(), "bucket names are global, not in the project");
    Finding finding = only(ctx, "gcp-project-configmap");
    assertEquals(Severity.WARNING, finding.severity());
    assertTrue(finding.message().startsWith("data key application.yaml: 2 references"), finding.message());
  }

  @Test
  void reportsSecretKeysThatMentionTheProjectWithoutShowingOrChangingThem() throws Exception {
    String key = "{\"type\": \"service_account\", \"project_id\": \"store-old\", \"private_key\": \"-----BEGIN sekrit\"}";
    ObjectNode secret = Actions.yaml("""
        apiVersion: v1
        kind: Secret
        metadata: {name: gcp-key, namespace: store}
        type: Opaque
        data:
          key.json: %s
          other: %s
        """.formatted(base64(key), base64("nothing here")));
    ActionContext ctx = Actions.apply(MOVE, secret);
    assertEquals(secret, ctx.object().node());
    Finding finding = only(ctx, "gcp-project-secret");
    assertEquals(Severity.WARNING, finding.severity());
    assertTrue(finding.message().startsWith("keys key.json mention project store-old"), finding.message());
    assertFalse(finding.toString().contains("sekrit") || finding.hint().contains("sekrit"));
    assertFalse(finding.message().contains(base64(key)));
  }

  @Test
  void movesAPdVolumeHandleWithAWarningAndMapsItsZone() throws Exception {
    ObjectNode pv = Actions.yaml("""
        apiVersion: v1
        kind: PersistentVolume
        metadata: {name: pvc-1, labels: {topology.kubernetes.io/zone: us-central1-a}}
        spec:
          capacity: {storage: 10Gi}
          csi: {driver: pd.csi.storage.gke.io, volumeHandle: projects/store-old/zones/us-central1-a/disks/pvc-1}
          nodeAffinity:
            required:
              nodeSelectorTerms:
                - matchExpressions: [{key: topology.gke.io/zone, operator: In, values: [us-central1-a]}]
        """);
    ActionContext ctx = Actions.apply(action("{fromProject: store-old, toProject: store-new, locations: {us-central1-a: us-east4-b}}"), pv);
    assertEquals("projects/store-new/zones/us-east4-b/disks/pvc-1", ctx.object().node().at("/spec/csi/volumeHandle").asText());
    assertEquals("us-east4-b", ctx.object().node().at("/spec/nodeAffinity/required/nodeSelectorTerms/0/matchExpressions/0/values/0").asText());
    assertEquals("us-east4-b", ctx.object().label("topology.kubernetes.io/zone"));
    Finding handle = only(ctx, "gcp-project-disk");
    assertEquals(Severity.WARNING, handle.severity());
    assertTrue(handle.message().contains("disks do not move between projects"));
    assertTrue(handle.hint().contains("volumeProject: store-new"), handle.hint());
    only(ctx, "gcp-project-pv-zone");
  }

  @Test
  void warnsAboutAnInTreeDiskLookedUpByName() throws Exception {
    ObjectNode pv = Actions.yaml("""
        apiVersion: v1
        kind: PersistentVolume
        metadata: {name: legacy}
        spec: {gcePersistentDisk: {pdName: legacy-disk, fsType: ext4}}
        """);
    ActionContext ctx = Actions.apply(MOVE, pv);
    assertEquals(pv, ctx.object().node());
    assertEquals(Severity.WARNING, only(ctx, "gcp-project-disk").severity());
  }

  @Test
  void warnsAboutProjectLocalPoliciesOfABackendConfigWithoutChangingIt() throws Exception {
    ObjectNode backendConfig = Actions.yaml("""
        apiVersion: cloud.google.com/v1
        kind: BackendConfig
        metadata: {name: web, namespace: store}
        spec:
          securityPolicy: {name: store-armor}
          iap: {enabled: true, oauthclientCredentials: {secretName: iap-client}}
        """);
    ActionContext ctx = Actions.apply(MOVE, backendConfig);
    assertEquals(backendConfig, ctx.object().node());
    assertTrue(CrdSchemas.errors(CrdSchemas.load(CrdSchemas.gkeCrd("backendconfigs-crd.yaml"), "v1"), ctx.object().node()).isEmpty());
    assertTrue(only(ctx, "gcp-project-cloud-armor").hint().contains("create Cloud Armor security policy store-armor in store-new"));
    assertEquals(Severity.WARNING, only(ctx, "gcp-project-iap-client").severity());
  }

  @Test
  void warnsAboutTheSslPolicyOfAFrontendConfig() throws Exception {
    ObjectNode frontendConfig = Actions.yaml("""
        apiVersion: networking.gke.io/v1beta1
        kind: FrontendConfig
        metadata: {name: web, namespace: store}
        spec: {sslPolicy: store-tls12, redirectToHttps: {enabled: true}}
        """);
    ActionContext ctx = Actions.apply(MOVE, frontendConfig);
    assertEquals(Severity.WARNING, only(ctx, "gcp-project-ssl-policy").severity());
  }

  @Test
  void warnsAboutStaticAddressesAndRemovesIngressStatusAnnotations() throws Exception {
    ObjectNode ingress = Actions.yaml("""
        apiVersion: networking.k8s.io/v1
        kind: Ingress
        metadata:
          name: web
          namespace: store
          annotations:
            kubernetes.io/ingress.class: gce
            kubernetes.io/ingress.global-static-ip-name: store-ip
            ingress.kubernetes.io/url-map: k8s2-um-abc-store-web-xyz
            ingress.kubernetes.io/backends: '{"k8s1-abc":"HEALTHY"}'
        """);
    ActionContext ctx = Actions.apply(MOVE, ingress);
    assertEquals(List.of("kubernetes.io/ingress.class", "kubernetes.io/ingress.global-static-ip-name"),
        List.copyOf(ctx.object().annotations().keySet()));
    assertTrue(only(ctx, "gcp-project-static-ip").hint().contains("reserve an address named store-ip in store-new"));
    assertEquals(Severity.INFO, only(ctx, "gke-status-annotations").severity());
  }

  @Test
  void warnsAboutServiceAddressesAndSubnetsAndKeepsUserAnnotations() throws Exception {
    ObjectNode service = Actions.yaml("""
        apiVersion: v1
        kind: Service
        metadata:
          name: api
          namespace: store
          annotations:
            networking.gke.io/load-balancer-type: Internal
            networking.gke.io/internal-load-balancer-subnet: store-ilb
            service.kubernetes.io/topology-mode: Auto
            cloud.google.com/neg-status: '{"network_endpoint_groups":{"80":"k8s1-abc"}}'
            service.kubernetes.io/backend-service: k8s2-abc
            service.kubernetes.io/tcp-forwarding-rule: a1b2c3
        spec: {type: LoadBalancer, loadBalancerIP: 10.0.0.5}
        """);
    ActionContext ctx = Actions.apply(MOVE, service);
    assertEquals(List.of("networking.gke.io/load-balancer-type", "networking.gke.io/internal-load-balancer-subnet",
        "service.kubernetes.io/topology-mode"), List.copyOf(ctx.object().annotations().keySet()));
    only(ctx, "gcp-project-static-ip");
    only(ctx, "gcp-project-subnet");
    assertTrue(only(ctx, "gke-status-annotations").message().contains("cloud.google.com/neg-status"));
  }

  @Test
  void warnsAboutGatewayAddressesAndPolicies() throws Exception {
    ObjectNode gateway = Actions.yaml("""
        apiVersion: gateway.networking.k8s.io/v1
        kind: Gateway
        metadata: {name: external, namespace: store}
        spec:
          gatewayClassName: gke-l7-global-external-managed
          addresses: [{type: NamedAddress, value: store-gw-ip}]
          listeners: [{name: http, protocol: HTTP, port: 80}]
        """);
    assertTrue(only(Actions.apply(MOVE, gateway), "gcp-project-static-ip").message().contains("store-gw-ip"));
    ObjectNode policy = Actions.yaml("""
        apiVersion: networking.gke.io/v1
        kind: GCPBackendPolicy
        metadata: {name: web, namespace: store}
        spec:
          default: {securityPolicy: store-armor}
          targetRef: {group: "", kind: Service, name: web}
        """);
    assertTrue(only(Actions.apply(MOVE, policy), "gcp-project-cloud-armor").message().contains("store-armor"));
  }

  @Test
  void warnsAboutAKmsKeyThatStaysInTheOldProject() throws Exception {
    ObjectNode storageClass = Actions.yaml("""
        apiVersion: storage.k8s.io/v1
        kind: StorageClass
        metadata: {name: encrypted}
        provisioner: pd.csi.storage.gke.io
        parameters:
          type: pd-balanced
          disk-encryption-kms-key: projects/store-old/locations/us-central1/keyRings/r/cryptoKeys/k
        """);
    ActionContext ctx = Actions.apply(MOVE, storageClass);
    assertEquals(storageClass, ctx.object().node());
    assertEquals(Severity.WARNING, only(ctx, "gcp-project-kms-key").severity());
  }

  @Test
  void movesConfigConnectorProjectAnnotationsAndReferences() throws Exception {
    ObjectNode namespace = Actions.yaml("""
        apiVersion: v1
        kind: Namespace
        metadata: {name: store, annotations: {cnrm.cloud.google.com/project-id: store-old}}
        """);
    ActionContext ns = Actions.apply(MOVE, namespace);
    assertEquals("store-new", ns.object().annotation("cnrm.cloud.google.com/project-id"));
    only(ns, "gcp-project-config-connector");

    ObjectNode subscription = Actions.yaml("""
        apiVersion: pubsub.cnrm.cloud.google.com/v1beta1
        kind: PubSubSubscription
        metadata: {name: orders, namespace: store}
        spec:
          topicRef: {external: projects/store-old/topics/orders}
          ackDeadlineSeconds: 20
        """);
    ActionContext sub = Actions.apply(MOVE, subscription);
    assertEquals("projects/store-new/topics/orders", sub.object().node().at("/spec/topicRef/external").asText());
    assertTrue(only(sub, "gcp-project-config-connector").message().startsWith("spec.topicRef.external:"));
  }

  @Test
  void leavesObjectsWithoutReferencesUntouchedAndSilent() throws Exception {
    ObjectNode configMap = Actions.yaml("""
        apiVersion: v1
        kind: ConfigMap
        metadata: {name: plain, namespace: store}
        data: {greeting: hello}
        """);
    ActionContext ctx = Actions.apply(MOVE, configMap);
    assertEquals(configMap, ctx.object().node());
    assertTrue(ctx.findings().isEmpty());
  }

  @Test
  void refusesUnusableParameters() {
    assertThrows(IllegalArgumentException.class, () -> action("{toProject: store-new}"));
    assertThrows(IllegalArgumentException.class, () -> action("{fromProject: store-old, toProject: store-new, locations: us-east4}"));
    assertThrows(IllegalArgumentException.class, () -> action("{fromProject: store-old, toProject: store-new, fromCluster: prod}"));
  }

  @Test
  void theExampleBuildsAnAction() throws Exception {
    assertTrue(ConverterExamples.build(GcpProjectMove.SPEC) instanceof GcpProjectMove);
  }

  private static String base64(String text) {
    return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }
}
