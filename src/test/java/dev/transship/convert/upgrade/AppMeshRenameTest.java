package dev.transship.convert.upgrade;

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
import dev.transship.kube.KubeObject;
import dev.transship.rules.ActionContext;
import dev.transship.rules.ConverterConfig;
import dev.transship.rules.ObjectAction;
import dev.transship.testing.Actions;
import java.util.List;
import org.junit.jupiter.api.Test;

class AppMeshRenameTest {
  private static final ObjectNode MESH = Actions.yaml("""
      apiVersion: appmesh.k8s.aws/v1beta2
      kind: Mesh
      metadata: {name: shop, finalizers: [finalizers.appmesh.k8s.aws/mesh-members]}
      spec:
        awsName: shop
        namespaceSelector: {matchLabels: {mesh: shop}}
        egressFilter: {type: DROP_ALL}
      """);

  private static final ObjectNode VIRTUAL_NODE = Actions.yaml("""
      apiVersion: appmesh.k8s.aws/v1beta2
      kind: VirtualNode
      metadata: {name: web, namespace: shop}
      spec:
        awsName: web_shop
        meshRef: {name: shop, uid: 5b9c6a2e-0000-4000-8000-000000000001}
        podSelector: {matchLabels: {app: web}}
        listeners: [{portMapping: {port: 8080, protocol: http}}]
        serviceDiscovery:
          awsCloudMap: {namespaceName: shop.local, serviceName: web}
        backends:
          - virtualService:
              virtualServiceARN: arn:aws:appmesh:eu-west-1:111122223333:mesh/shop/virtualService/api.shop.svc.cluster.local
      """);

  private static ObjectAction indexed(String with, ObjectNode... backup) throws Exception {
    ObjectAction action = AppMeshRename.SPEC.create(new ConverterConfig(Actions.yaml(with)));
    for (ObjectNode o : backup) {
      action.index(Actions.keyOf(o), new KubeObject(o));
    }
    return action;
  }

  private static Finding only(ActionContext ctx, String check) {
    List<Finding> found = ctx.findings().stream().filter(f -> f.check().equals(check)).toList();
    assertEquals(1, found.size(), check + " in " + ctx.findings());
    return found.get(0);
  }

  @Test
  void isRegisteredUnderItsName() {
    assertSame(AppMeshRename.SPEC, Converters.named("renameAppMesh").orElseThrow());
  }

  @Test
  void replacesAMeshByARenamedOneWithItsOwnAwsNameAndSelector() throws Exception {
    ActionContext ctx = Actions.apply(indexed("meshSuffix: -green", MESH), MESH);

    assertTrue(ctx.dropped(), "the old name is the old item; the renamed Mesh is a new item");
    assertEquals(1, ctx.generated().size());
    KubeObject renamed = new KubeObject(ctx.generated().get(0));
    assertEquals("shop-green", renamed.name());
    assertEquals("shop-green", renamed.node().path("spec").path("awsName").asText());
    assertEquals("shop-green", renamed.node().path("spec").path("namespaceSelector").path("matchLabels").path("mesh").asText());
    assertEquals("DROP_ALL", renamed.node().path("spec").path("egressFilter").path("type").asText());
    Finding finding = ctx.findings().stream().filter(f -> f.check().equals("appmesh-mesh-renamed") && !f.message().startsWith("dropped")).findFirst().orElseThrow();
    assertTrue(finding.message().contains("Mesh shop -> shop-green, spec.awsName shop -> shop-green"), finding.message());
  }

  @Test
  void anExplicitNameWinsAndACustomAwsNameGetsTheSuffix() throws Exception {
    ObjectNode mesh = MESH.deepCopy();
    ((ObjectNode) mesh.path("spec")).put("awsName", "shop-prod");
    ActionContext ctx = Actions.apply(indexed("{meshNames: {shop: store}, meshSuffix: -green}", mesh), mesh);
    JsonNode generated = ctx.generated().get(0);
    assertEquals("store", generated.path("metadata").path("name").asText());
    assertEquals("shop-prod-green", generated.path("spec").path("awsName").asText());
  }

  @Test
  void warnsWhenAMeshKeepsItsName() throws Exception {
    ActionContext ctx = Actions.apply(indexed("{}", MESH), MESH);
    assertFalse(ctx.dropped());
    assertTrue(ctx.generated().isEmpty());
    assertEquals(Severity.WARNING, only(ctx, "appmesh-mesh-not-renamed").severity());
  }

  @Test
  void stripsMeshRefRewritesArnsAndMovesCloudMapNamespace() throws Exception {
    ObjectAction action = indexed("{meshSuffix: -green, cloudMapNamespaces: {shop.local: shop-green.local}}", MESH, VIRTUAL_NODE);
    ActionContext ctx = Actions.apply(action, VIRTUAL_NODE);

    JsonNode spec = ctx.object().node().path("spec");
    assertFalse(spec.has("meshRef"), "the webhook rejects a create that sets meshRef");
    assertEquals("web_shop", spec.path("awsName").asText(), "unique per mesh, and the mesh is new");
    assertEquals("arn:aws:appmesh:eu-west-1:111122223333:mesh/shop-green/virtualService/api.shop.svc.cluster.local",
        spec.path("backends").get(0).path("virtualService").path("virtualServiceARN").asText());
    assertEquals("shop-green.local", spec.path("serviceDiscovery").path("awsCloudMap").path("namespaceName").asText());
    assertEquals("web", spec.path("serviceDiscovery").path("awsCloudMap").path("serviceName").asText());
    assertTrue(only(ctx, "appmesh-meshref-removed").message().contains("5b9c6a2e-0000-4000-8000-000000000001"));
    assertTrue(only(ctx, "appmesh-arn-rewritten").message().startsWith("spec.backends[0].virtualService.virtualServiceARN:"));
    only(ctx, "appmesh-cloudmap-namespace");
  }

  @Test
  void warnsWhenTheCloudMapNamespaceIsShared() throws Exception {
    ActionContext ctx = Actions.apply(indexed("{}", MESH, VIRTUAL_NODE), VIRTUAL_NODE);
    Finding shared = only(ctx, "appmesh-cloudmap-shared");
    assertEquals(Severity.WARNING, shared.severity());
    assertTrue(shared.message().contains("deregister each other's instances"), "same mesh name: the controllers fight");
    ActionContext renamed = Actions.apply(indexed("meshSuffix: -green", MESH, VIRTUAL_NODE), VIRTUAL_NODE);
    assertFalse(only(renamed, "appmesh-cloudmap-shared").message().contains("deregister"));
  }

  @Test
  void leavesArnsOfMeshesOutsideTheBackupWithAWarning() throws Exception {
    ActionContext ctx = Actions.apply(indexed("meshSuffix: -green"), VIRTUAL_NODE);
    assertTrue(ctx.object().node().toString().contains("mesh/shop/virtualService"));
    assertEquals(Severity.WARNING, only(ctx, "appmesh-arn-kept").severity());
  }

  @Test
  void stripsTheVirtualGatewayRefOfAGatewayRoute() throws Exception {
    ObjectNode route = Actions.yaml("""
        apiVersion: appmesh.k8s.aws/v1beta2
        kind: GatewayRoute
        metadata: {name: web, namespace: shop}
        spec:
          meshRef: {name: shop, uid: u1}
          virtualGatewayRef: {name: ingress-gw, namespace: shop, uid: u2}
          httpRoute:
            match: {prefix: /}
            action: {target: {virtualService: {virtualServiceRef: {name: web}}}}
        """);
    ActionContext ctx = Actions.apply(indexed("meshSuffix: -green", MESH), route);
    JsonNode spec = ctx.object().node().path("spec");
    assertFalse(spec.has("meshRef"));
    assertFalse(spec.has("virtualGatewayRef"));
    assertTrue(spec.has("httpRoute"));
    only(ctx, "appmesh-gateway-ref-removed");
  }

  @Test
  void renamesTheNamespaceLabelTheMeshSelectsBy() throws Exception {
    ObjectNode namespace = Actions.yaml("""
        apiVersion: v1
        kind: Namespace
        metadata:
          name: shop
          labels: {mesh: shop, appmesh.k8s.aws/sidecarInjectorWebhook: enabled, team: shop}
        """);
    ActionContext ctx = Actions.apply(indexed("meshSuffix: -green", MESH), namespace);
    assertEquals("shop-green", ctx.object().label("mesh"));
    assertEquals("enabled", ctx.object().label("appmesh.k8s.aws/sidecarInjectorWebhook"));
    assertEquals("shop", ctx.object().label("team"), "a label that merely equals the mesh name stays");
    assertTrue(only(ctx, "appmesh-namespace-label").message().contains("the renamed Mesh selects namespaces by it"));
  }

  @Test
  void leavesAMeshLabelOfAnUnknownMeshWithAnInfo() throws Exception {
    ObjectNode namespace = Actions.yaml("""
        apiVersion: v1
        kind: Namespace
        metadata: {name: pay, labels: {mesh: payments, appmesh.k8s.aws/sidecarInjectorWebhook: enabled}}
        """);
    ActionContext ctx = Actions.apply(indexed("meshSuffix: -green", MESH), namespace);
    assertEquals("payments", ctx.object().label("mesh"));
    only(ctx, "appmesh-namespace-label-kept");
  }

  @Test
  void refusesUnusableParameters() {
    assertThrows(IllegalArgumentException.class, () -> AppMeshRename.SPEC.create(new ConverterConfig(Actions.yaml("meshNames: {shop: Shop_Green}"))));
    assertThrows(IllegalArgumentException.class, () -> AppMeshRename.SPEC.create(new ConverterConfig(Actions.yaml("meshSuffix: -green-"))));
    assertThrows(IllegalArgumentException.class, () -> AppMeshRename.SPEC.create(new ConverterConfig(Actions.yaml("cloudMapNamespaces: shop.local"))));
  }

  @Test
  void theExampleBuildsAnAction() throws Exception {
    assertTrue(ConverterExamples.build(AppMeshRename.SPEC) instanceof AppMeshRename);
  }
}
