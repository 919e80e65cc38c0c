package dev.transship.convert.upgrade;

import dev.transship.archive.RawItem;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.transship.archive.ItemKey;
import dev.transship.kube.KubeObject;
import dev.transship.rules.ActionContext;
import dev.transship.rules.ConverterDescriptor;
import dev.transship.rules.ConverterSpec;
import dev.transship.rules.ObjectAction;
import dev.transship.rules.ParameterDoc;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code renameAppMesh} (EKS -> EKS). App Mesh names are per account and region and the
 * controller drives the AWS mesh named by {@code Mesh.spec.awsName}, so two clusters restored
 * with the same Mesh fight over one AWS mesh and its virtual nodes, routes and Cloud Map instances
 * (cloud-mapping.md §8, aws-app-mesh-controller-for-k8s#632). Each Mesh gets a new awsName; the
 * Kubernetes object keeps its name, so the namespace labels and selectors that make namespaces its
 * members stay valid, and a GitOps copy of the old Mesh is rejected (awsName is immutable) instead
 * of quietly becoming a second mesh for the same namespaces. Members lose {@code spec.meshRef}
 * (and GatewayRoutes {@code spec.virtualGatewayRef}), which the webhook rejects on create and
 * refills with the new Mesh's uid; App Mesh ARNs naming a renamed mesh are rewritten; VirtualNode
 * Cloud Map namespaces move per {@code cloudMapNamespaces}. Members keep their awsName: those are
 * unique per mesh, and the mesh is new.
 */
public final class AppMeshRename implements ObjectAction {
  /** Each change this converter makes comes with a finding of its own. */
  @Override
  public boolean reportsItsChanges() {
    return true;
  }

  private static final String GROUP = "appmesh.k8s.aws";
  private static final Pattern MESH_ARN = Pattern.compile("(arn:aws[a-z-]*:appmesh:[a-z0-9-]+:\\d{12}:mesh/)([^/]+)(/.*)?");

  private final MeshNames names;
  private final Map<String, String> cloudMapNamespaces;
  /** From the index: each Mesh's awsName by name, and the new awsName of each renamed one. */
  private final Map<String, String> awsNames = new HashMap<>();
  private final Map<String, String> newAwsNames = new HashMap<>();

  AppMeshRename(MeshNames names, Map<String, String> cloudMapNamespaces) {
    this.names = names;
    this.cloudMapNamespaces = cloudMapNamespaces;
  }

  @Override
  public boolean needsIndex() {
    return true;
  }

  @Override
  public boolean indexes(RawItem item) {
    return item.path().key().groupResource().equals("meshes." + GROUP);
  }

  @Override
  public void index(ItemKey key, KubeObject object) {
    if (isMesh(object)) {
      String awsName = awsName(object);
      awsNames.put(object.name(), awsName);
      String renamed = names.newAwsName(object.name(), awsName);
      if (renamed != null) {
        newAwsNames.put(awsName, renamed);
      }
    }
  }

  @Override
  public void apply(ActionContext ctx) {
    KubeObject object = ctx.object();
    if (isMesh(object)) {
      mesh(ctx);
    } else if (GROUP.equals(object.group())) {
      member(ctx);
    }
  }

  private void mesh(ActionContext ctx) {
    KubeObject mesh = ctx.object();
    String awsName = awsName(mesh);
    String renamed = names.newAwsName(mesh.name(), awsName);
    if (renamed == null) {
      ctx.warn("appmesh-mesh-not-renamed", "Mesh " + mesh.name() + " keeps awsName " + awsName + ": the controllers of "
              + "both clusters would drive the same AWS mesh and its virtual nodes, routes and services",
          "set meshSuffix or meshNames so the new cluster gets a mesh of its own");
      return;
    }
    KubeObject.objectAt(mesh.node(), "spec").put("awsName", renamed);
    OwnAwsNames.record(mesh, renamed);
    ctx.info("appmesh-mesh-renamed", "spec.awsName " + awsName + " -> " + renamed + ": the new cluster drives an AWS mesh "
        + "of its own (the Kubernetes Mesh keeps its name, so the namespaces it selects stay members)");
  }

  private void member(ActionContext ctx) {
    KubeObject member = ctx.object();
    ObjectNode spec = KubeObject.objectAt(member.node(), "spec");
    JsonNode meshRef = spec.remove("meshRef");
    if (meshRef != null) {
      ctx.info("appmesh-ref-stripped", "removed spec.meshRef (mesh " + meshRef.path("name").asText("?") + ", uid "
          + meshRef.path("uid").asText("?") + "): the App Mesh webhook rejects creates that set it and fills it with the uid "
          + "of the Mesh that selects the namespace");
    }
    JsonNode gatewayRef = "GatewayRoute".equals(member.kind()) ? spec.remove("virtualGatewayRef") : null;
    if (gatewayRef != null) {
      ctx.info("appmesh-ref-stripped", "removed spec.virtualGatewayRef (" + gatewayRef.path("name").asText("?") + "): the "
          + "webhook rejects creates that set it and fills it from the VirtualGateway that selects the GatewayRoute");
    }
    rewriteArns(ctx, spec, "spec");
    if ("VirtualNode".equals(member.kind())) {
      cloudMap(ctx, spec, meshRef == null ? null : meshRef.path("name").asText(null));
    }
  }

  /** App Mesh ARNs in routes, providers and backends embed the mesh's awsName. */
  private void rewriteArns(ActionContext ctx, JsonNode node, String path) {
    if (node instanceof ObjectNode object) {
      for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> field = it.next();
        String at = path + "." + field.getKey();
        String rewritten = field.getValue().isTextual() ? rewriteArn(ctx, field.getValue().asText(), at) : null;
        if (rewritten != null) {
          field.setValue(TextNode.valueOf(rewritten));
        } else {
          rewriteArns(ctx, field.getValue(), at);
        }
      }
    } else if (node instanceof ArrayNode array) {
      for (int i = 0; i < array.size(); i++) {
        String at = path + "[" + i + "]";
        String rewritten = array.get(i).isTextual() ? rewriteArn(ctx, array.get(i).asText(), at) : null;
        if (rewritten != null) {
          array.set(i, TextNode.valueOf(rewritten));
        } else {
          rewriteArns(ctx, array.get(i), at);
        }
      }
    }
  }

  private String rewriteArn(ActionContext ctx, String value, String path) {
    Matcher arn = MESH_ARN.matcher(value);
    if (!arn.matches()) {
      return null;
    }
    String mesh = arn.group(2);
    boolean inBackup = awsNames.containsValue(mesh);
    String renamed = inBackup ? newAwsNames.get(mesh) : names.names(mesh) ? names.newAwsName(mesh, mesh) : null;
    if (renamed == null) {
      if (!inBackup) {
        ctx.warn("appmesh-arn-kept", path + " names mesh " + mesh + ", which is not a Mesh of this backup: left unchanged",
            "if that mesh gets a new name for the new cluster too, name it in meshNames");
      }
      return null;
    }
    String rewritten = arn.group(1) + renamed + (arn.group(3) == null ? "" : arn.group(3));
    ctx.info("appmesh-arn-rewritten", path + ": " + value + " -> " + rewritten);
    return rewritten;
  }

  /**
   * The controller registers each pod in the Cloud Map service with the mesh and virtual node as
   * attributes; a namespace shared with the old cluster lets clients of either mesh discover both
   * clusters' pods (aws-app-mesh-controller-for-k8s pkg/cloudmap/instances_reconciler.go).
   */
  private void cloudMap(ActionContext ctx, ObjectNode spec, String meshName) {
    if (!(spec.path("serviceDiscovery").path("awsCloudMap") instanceof ObjectNode cloudMap)) {
      return;
    }
    String namespace = cloudMap.path("namespaceName").asText("");
    String service = cloudMap.path("serviceName").asText("");
    String mapped = cloudMapNamespaces.get(namespace);
    if (mapped != null && !mapped.equals(namespace)) {
      cloudMap.put("namespaceName", mapped);
      ctx.info("appmesh-cloudmap", "spec.serviceDiscovery.awsCloudMap.namespaceName " + namespace + " -> " + mapped
          + " (service " + service + "): the new cluster registers its pods apart from the old cluster's");
      return;
    }
    boolean sameMesh = meshName != null && names.newAwsName(meshName, awsNames.getOrDefault(meshName, meshName)) == null;
    ctx.warn("appmesh-cloudmap-unmapped", "registers the new cluster's pods in Cloud Map service " + service
            + " of namespace " + namespace + ", which the old cluster uses too: clients that discover the service get both "
            + "clusters' pods" + (sameMesh ? ", and with the same mesh name both controllers deregister each other's instances" : ""),
        "map the namespace in cloudMapNamespaces (create it in Cloud Map first), or add an attribute that tells the "
            + "clusters apart to spec.serviceDiscovery.awsCloudMap.attributes (immutable once created)");
  }

  /** awsName defaults to the Mesh name (App Mesh webhook mesh_mutator.go). */
  private static String awsName(KubeObject mesh) {
    String awsName = mesh.node().path("spec").path("awsName").asText("");
    return awsName.isEmpty() ? mesh.name() : awsName;
  }

  private static boolean isMesh(KubeObject object) {
    return "Mesh".equals(object.kind()) && GROUP.equals(object.group());
  }

  public static final ConverterSpec SPEC = new ConverterDescriptor(
      "renameAppMesh",
      "EKS -> EKS: give the new cluster App Mesh meshes of its own. Sets a new awsName on each Mesh, removes meshRef (and "
          + "GatewayRoute virtualGatewayRef) so the webhook fills in the new mesh, and rewrites App Mesh ARNs and VirtualNode "
          + "Cloud Map namespaces.",
      List.of(
          ParameterDoc.optional("meshNames", "map", "Mesh name (or awsName) -> the new cluster's awsName; wins over meshSuffix"),
          ParameterDoc.optional("meshSuffix", "string", "appended to the awsName of Meshes not in meshNames, e.g. -green"),
          ParameterDoc.optional("cloudMapNamespaces", "map",
              "old Cloud Map namespace -> the new cluster's namespace, for VirtualNode service discovery")),
      """
          - name: app-mesh
            match: {resources: ["*.appmesh.k8s.aws"]}
            actions:
              - convert: renameAppMesh
                with:
                  meshSuffix: "-green"
                  cloudMapNamespaces: {shop.local: shop-green.local}
          """,
      config -> {
        JsonNode cloudMap = config.node("cloudMapNamespaces");
        if (cloudMap != null && !cloudMap.isNull() && !cloudMap.isObject()) {
          throw new IllegalArgumentException("cloudMapNamespaces must be a map of old Cloud Map namespace -> new namespace");
        }
        return new AppMeshRename(MeshNames.parse(config.node("meshNames"), config.string("meshSuffix", "")),
            config.map("cloudMapNamespaces"));
      });
}
