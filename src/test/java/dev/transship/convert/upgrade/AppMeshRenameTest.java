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
  void givesTheMeshANewAwsNameAndKeepsItsKubernetesNameAndSelector() throws Exception {
    ActionContext ctx = Actions.apply(indexed("meshSuffix: -green", MESH), MESH);

    assertFalse(ctx.dropped());
    JsonNode mesh = ctx.object().node();
    assertEquals("shop", mesh.at("/metadata/name").asText(), "namespaces select the Mesh by its labels; it keeps its name");
    assertEquals("shop-green", mesh.at("/spec/awsName").asText());
    assertEquals("shop", mesh.at("/spec/namespaceSelector/matchLabels/mesh").asText());
    assertEquals("DROP_ALL", mesh.at("/spec/egressFilter/type").asText());
    Finding renamed = only(ctx, "appmesh-mesh-renamed");
    assertEquals(Severity.INFO, renamed.severity());
    assertTrue(renamed.message().startsWith("spec.awsName shop -> shop-green"), renamed.message());
  }

  @Test
  void anExplicitNameWinsAndACustomAwsNameGetsTheSuffix() throws Exception {
    ActionContext explicit = Actions.apply(indexed("{meshNames: {shop: store}, meshSuffix: -green}", MESH), MESH);
    assertEquals("store", explicit.object().node().at("/spec/awsName").asText());
    ObjectNode custom = MESH.deepCopy();
    ((ObjectNode) custom.path("spec")).put("awsName", "shop-prod");
    ActionContext suffixed = Actions.apply(indexed("meshSuffix: -green", custom), custom);
    assertEquals("shop-prod-green", suffixed.object().node().at("/spec/awsName").asText());
  }

  @Test
  void warnsWhenAMeshKeepsItsAwsName() throws Exception {
    ActionContext ctx = Actions.apply(indexed("{}", MESH), MESH);
    assertEquals(MESH, ctx.object().node());
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
    assertTrue(only(ctx, "appmesh-ref-stripped").message().contains("5b9c6a2e-0000-4000-8000-000000000001"));
    assertTrue(only(ctx, "appmesh-arn-rewritten").message().startsWith("spec.backends[0].virtualService.virtualServiceARN:"));
    only(ctx, "appmesh-cloudmap");
  }

  @Test
  void warnsWhenTheCloudMapNamespaceIsShared() throws Exception {
    ActionContext ctx = Actions.apply(indexed("{}", MESH, VIRTUAL_NODE), VIRTUAL_NODE);
    Finding shared = only(ctx, "appmesh-cloudmap-unmapped");
    assertEquals(Severity.WARNING, shared.severity());
    assertTrue(shared.message().contains("deregister each other's instances"), "same mesh name: the controllers fight");
    ActionContext renamed = Actions.apply(indexed("meshSuffix: -green", MESH, VIRTUAL_NODE), VIRTUAL_NODE);
    assertFalse(only(renamed, "appmesh-cloudmap-unmapped").message().contains("deregister"));
  }

  @Test
  void leavesArnsOfMeshesOutsideTheBackupWithAWarning() throws Exception {
    ActionContext ctx = Actions.apply(indexed("meshSuffix: -green"), VIRTUAL_NODE);
    assertTrue(ctx.object().node().toString().contains("mesh/shop/virtualService"));
    assertEquals(Severity.WARNING, only(ctx, "appmesh-arn-kept").severity());
    ActionContext named = Actions.apply(indexed("meshNames: {shop: shop-2}"), VIRTUAL_NODE);
    assertTrue(named.object().node().toString().contains("mesh/shop-2/virtualService"), "meshNames also covers meshes outside the backup");
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
    assertEquals(2, ctx.findings().stream().filter(f -> f.check().equals("appmesh-ref-stripped")).count());
  }

  @Test
  void leavesNamespacesAndTheirMeshLabelsAlone() throws Exception {
    ObjectNode namespace = Actions.yaml("""
        apiVersion: v1
        kind: Namespace
        metadata: {name: shop, labels: {mesh: shop, appmesh.k8s.aws/sidecarInjectorWebhook: enabled}}
        """);
    ActionContext ctx = Actions.apply(indexed("meshSuffix: -green", MESH), namespace);
    assertEquals(namespace, ctx.object().node(), "the Mesh keeps its name, so its selector still matches these labels");
    assertTrue(ctx.findings().isEmpty());
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
