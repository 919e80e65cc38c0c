package dev.transship.convert.upgrade;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.transship.kube.KubeObject;
import dev.transship.rules.ActionContext;
import dev.transship.rules.ConverterDescriptor;
import dev.transship.rules.ConverterSpec;
import dev.transship.rules.ObjectAction;
import dev.transship.rules.ParameterDoc;
import java.util.List;
import java.util.Map;

/**
 * App Mesh in an EKS to EKS move (cloud-mapping.md §8). Two clusters with the same mesh names
 * drive the same AWS mesh objects, so the mesh is renamed for the new cluster; {@code meshRef}
 * (and {@code virtualGatewayRef}) are stripped because the webhook rejects them on create and
 * the stored UID is the old mesh's; Cloud Map service discovery moves to the new cluster's
 * namespace, since both clusters would otherwise fight over the same instances.
 */
public final class AppMeshRename implements ObjectAction {
  private final Map<String, String> meshNames;
  private final String meshSuffix;
  private final Map<String, String> cloudMapNamespaces;

  AppMeshRename(Map<String, String> meshNames, String meshSuffix, Map<String, String> cloudMapNamespaces) {
    this.meshNames = meshNames;
    this.meshSuffix = meshSuffix;
    this.cloudMapNamespaces = cloudMapNamespaces;
  }

  private String renamed(String mesh) {
    return meshNames.getOrDefault(mesh, meshSuffix.isEmpty() || mesh.endsWith(meshSuffix) ? mesh : mesh + meshSuffix);
  }

  @Override
  public void apply(ActionContext ctx) {
    KubeObject object = ctx.object();
    if ("Namespace".equals(object.kind())) {
      String mesh = object.label("mesh");
      if (mesh != null && !renamed(mesh).equals(mesh)) {
        object.setLabel("mesh", renamed(mesh));
        ctx.info("appmesh-namespace-label", "label mesh " + mesh + " -> " + renamed(mesh));
      }
      return;
    }
    if (!"appmesh.k8s.aws".equals(object.group())) {
      return;
    }
    ObjectNode spec = (ObjectNode) object.node().path("spec");
    if ("Mesh".equals(object.kind())) {
      String awsName = spec.path("awsName").asText(object.name());
      String next = renamed(awsName);
      spec.put("awsName", next);
      if (spec.path("namespaceSelector").path("matchLabels") instanceof ObjectNode selector && selector.has("mesh")) {
        selector.put("mesh", renamed(selector.path("mesh").asText()));
      }
      ctx.info("appmesh-mesh-renamed", "mesh awsName " + awsName + " -> " + next + ": the two clusters must not drive the same AWS mesh");
      return;
    }
    for (String ref : new String[] {"meshRef", "virtualGatewayRef"}) {
      if (spec.has(ref)) {
        spec.remove(ref);
        ctx.info("appmesh-ref-stripped", "removed spec." + ref + ": the webhook rejects it on create and fills it from the new mesh");
      }
    }
    JsonNode cloudMap = spec.path("serviceDiscovery").path("awsCloudMap");
    if (cloudMap instanceof ObjectNode cm) {
      String ns = cm.path("namespaceName").asText();
      String mapped = cloudMapNamespaces.get(ns);
      if (mapped != null) {
        cm.put("namespaceName", mapped);
        ctx.info("appmesh-cloudmap", "Cloud Map namespace " + ns + " -> " + mapped);
      } else {
        ctx.warn("appmesh-cloudmap-unmapped", "Cloud Map namespace " + ns + " is shared with the old cluster: both would register the same service instances",
            "map it in cloudMapNamespaces to a namespace for the new cluster");
      }
    }
  }

  public static final ConverterSpec SPEC = new ConverterDescriptor(
      "renameAppMesh",
      "EKS to EKS: rename App Mesh meshes for the new cluster, strip meshRef/virtualGatewayRef, move VirtualNode Cloud Map "
          + "discovery to the new cluster's namespace, and relabel namespaces.",
      List.of(ParameterDoc.optional("meshNames", "map", "old mesh name -> new mesh name"),
          ParameterDoc.optional("meshSuffix", "string", "suffix for meshes not in meshNames"),
          ParameterDoc.optional("cloudMapNamespaces", "map", "old Cloud Map namespace -> new one")),
      "- convert: renameAppMesh\n  with:\n    meshSuffix: -green\n    cloudMapNamespaces: {shop.prod-eks-1.local: shop.prod-eks-2.local}",
      config -> new AppMeshRename(config.map("meshNames"), config.string("meshSuffix", ""), config.map("cloudMapNamespaces")));
}
