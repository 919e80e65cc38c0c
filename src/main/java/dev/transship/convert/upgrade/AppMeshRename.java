package dev.transship.convert.upgrade;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.transship.archive.ItemKey;
import dev.transship.kube.KubeObject;
import dev.transship.rules.ActionContext;
import dev.transship.rules.ConverterConfig;
import dev.transship.rules.ConverterSpec;
import dev.transship.rules.ObjectAction;
import dev.transship.rules.ParameterDoc;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code renameAppMesh} (EKS -> EKS). App Mesh names are per account and region and the
 * controller drives the AWS mesh named by {@code Mesh.spec.awsName}, so two clusters restored
 * with the same Mesh fight over one AWS mesh (aws-app-mesh-controller-for-k8s#632). Each Mesh is
 * renamed (object and awsName); members lose {@code spec.meshRef} (and GatewayRoutes
 * {@code spec.virtualGatewayRef}), which the webhook rejects on create and refills with the new
 * Mesh's uid; App Mesh ARNs naming a renamed mesh are rewritten; VirtualNode Cloud Map namespaces
 * move per {@code cloudMapNamespaces}; namespace labels that Meshes select by follow the rename
 * (cloud-mapping.md §8). Members keep their awsName: those are unique per mesh, and the mesh is new.
 */
public final class AppMeshRename implements ObjectAction {
  private static final String GROUP = "appmesh.k8s.aws";
  private static final String MESH_LABEL = "mesh";
  private static final String INJECTOR_LABEL = "appmesh.k8s.aws/sidecarInjectorWebhook";
  private static final Pattern MESH_ARN = Pattern.compile("(arn:aws[a-z-]*:appmesh:[a-z0-9-]+:\\d{12}:mesh/)([^/]+)(/.*)?");

  private final MeshNames names;
  private final Map<String, String> cloudMapNamespaces;
  /** From the index: Meshes in the backup, their awsName renames, and the labels they select namespaces by. */
  private final Set<String> meshesInBackup = new HashSet<>();
  private final Set<String> awsNamesInBackup = new HashSet<>();
  private final Map<String, String> newAwsNames = new HashMap<>();
  private final Set<String> selectorLabels = new HashSet<>();

  AppMeshRename(MeshNames names, Map<String, String> cloudMapNamespaces) {
    this.names = names;
    this.cloudMapNamespaces = cloudMapNamespaces;
  }

  @Override
  public boolean needsIndex() {
    return true;
  }

  @Override
  public void index(ItemKey key, KubeObject object) {
    if (!isMesh(object)) {
      return;
    }
    String name = object.name();
    meshesInBackup.add(name);
    String awsName = awsName(object);
    awsNamesInBackup.add(awsName);
    String renamed = names.rename(name);
    if (renamed != null) {
      newAwsNames.put(awsName, newAwsName(name, awsName, renamed));
    }
    JsonNode selector = object.node().path("spec").path("namespaceSelector");
    selector.path("matchLabels").fields().forEachRemaining(e -> {
      if (e.getValue().asText().equals(name)) {
        selectorLabels.add(e.getKey() + "=" + name);
      }
    });
    for (JsonNode expression : selector.path("matchExpressions")) {
      for (JsonNode value : expression.path("values")) {
        if (value.asText().equals(name)) {
          selectorLabels.add(expression.path("key").asText() + "=" + name);
        }
      }
    }
  }

  @Override
  public void apply(ActionContext ctx) {
    KubeObject object = ctx.object();
    if ("Namespace".equals(object.kind()) && object.group().isEmpty()) {
      namespace(ctx);
    } else if (isMesh(object)) {
      mesh(ctx);
    } else if (GROUP.equals(object.group())) {
      member(ctx);
    }
  }

  /** A renamed Mesh is a new object (its name is its key in the backup): generate it, drop the old one. */
  private void mesh(ActionContext ctx) {
    KubeObject mesh = ctx.object();
    String old = mesh.name();
    String awsName = awsName(mesh);
    String renamed = names.rename(old);
    if (renamed == null) {
      ctx.warn("appmesh-mesh-not-renamed", "Mesh " + old + " keeps its name (awsName " + awsName + "): the controllers "
              + "of both clusters would drive the same AWS mesh and its virtual nodes, routes and services",
          "set meshSuffix or meshNames so the new cluster gets a mesh of its own");
      return;
    }
    String newAwsName = newAwsName(old, awsName, renamed);
    ObjectNode copy = mesh.node().deepCopy();
    KubeObject.objectAt(copy, "metadata").put("name", renamed);
    ObjectNode spec = KubeObject.objectAt(copy, "spec");
    spec.put("awsName", newAwsName);
    List<String> selectorChanges = renameSelector(spec.path("namespaceSelector"), old, renamed);
    ctx.generate(copy);
    ctx.info("appmesh-mesh-renamed", "Mesh " + old + " -> " + renamed + ", spec.awsName " + awsName + " -> " + newAwsName
        + (selectorChanges.isEmpty() ? "" : "; spec.namespaceSelector " + String.join(", ", selectorChanges)
            + " (namespace labels are renamed to match)"));
    ctx.drop("appmesh-mesh-renamed", "replaced by Mesh " + renamed + " for the new cluster");
  }

  private void member(ActionContext ctx) {
    KubeObject member = ctx.object();
    ObjectNode spec = KubeObject.objectAt(member.node(), "spec");
    String meshName = spec.path("meshRef").path("name").asText(null);
    JsonNode meshRef = spec.remove("meshRef");
    if (meshRef != null) {
      String renamed = meshName == null ? null : names.rename(meshName);
      ctx.info("appmesh-meshref-removed", "removed spec.meshRef (mesh " + meshName + ", uid "
          + meshRef.path("uid").asText("?") + "): the App Mesh webhook rejects creates that set it and fills it with the "
          + "uid of the Mesh that selects the namespace" + (renamed == null ? "" : " (" + renamed + ")"));
    }
    if ("GatewayRoute".equals(member.kind()) && spec.remove("virtualGatewayRef") != null) {
      ctx.info("appmesh-gateway-ref-removed", "removed spec.virtualGatewayRef: the webhook rejects creates that set it "
          + "and fills it from the VirtualGateway that selects the GatewayRoute");
    }
    rewriteArns(ctx, spec, "spec");
    if ("VirtualNode".equals(member.kind())) {
      cloudMap(ctx, spec, meshName);
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
    String renamed = newAwsNames.get(mesh);
    boolean inBackup = awsNamesInBackup.contains(mesh);
    if (renamed == null && !inBackup && names.names(mesh)) {
      renamed = names.rename(mesh);
    }
    if (renamed == null) {
      if (!inBackup) {
        ctx.warn("appmesh-arn-kept", path + " names mesh " + mesh + ", which is not a Mesh of this backup: left unchanged",
            "if that mesh is renamed for the new cluster too, name it in meshNames");
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
      ctx.info("appmesh-cloudmap-namespace", "spec.serviceDiscovery.awsCloudMap.namespaceName " + namespace + " -> "
          + mapped + " (service " + service + "): the new cluster registers its pods apart from the old cluster's");
      return;
    }
    boolean sameMesh = meshName != null && names.rename(meshName) == null;
    ctx.warn("appmesh-cloudmap-shared", "registers the new cluster's pods in Cloud Map service " + service + " of namespace "
            + namespace + ", which the old cluster uses too: clients that discover the service get both clusters' pods"
            + (sameMesh ? ", and with the same mesh name both controllers deregister each other's instances" : ""),
        "map the namespace in cloudMapNamespaces (create it in Cloud Map first), or add an attribute that tells the "
            + "clusters apart to spec.serviceDiscovery.awsCloudMap.attributes (immutable once created)");
  }

  /** Labels the renamed Meshes select namespaces by, and the conventional {@code mesh} label, follow the rename. */
  private void namespace(ActionContext ctx) {
    KubeObject namespace = ctx.object();
    for (Map.Entry<String, String> label : new LinkedHashMap<>(namespace.labels()).entrySet()) {
      String key = label.getKey();
      String value = label.getValue();
      boolean selected = selectorLabels.contains(key + "=" + value);
      boolean meshLabel = MESH_LABEL.equals(key) && (meshesInBackup.contains(value) || names.names(value));
      if (!selected && !meshLabel) {
        if (MESH_LABEL.equals(key) && namespace.label(INJECTOR_LABEL) != null) {
          ctx.info("appmesh-namespace-label-kept", "label mesh=" + value + " names no Mesh of this backup: left unchanged");
        }
        continue;
      }
      String renamed = names.rename(value);
      if (renamed != null) {
        namespace.setLabel(key, renamed);
        ctx.info("appmesh-namespace-label", "label " + key + ": " + value + " -> " + renamed
            + (selected ? " (the renamed Mesh selects namespaces by it)" : ""));
      }
    }
  }

  private static List<String> renameSelector(JsonNode selector, String old, String renamed) {
    List<String> changes = new ArrayList<>();
    if (selector.path("matchLabels") instanceof ObjectNode matchLabels) {
      for (Iterator<Map.Entry<String, JsonNode>> it = matchLabels.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        if (e.getValue().asText().equals(old)) {
          e.setValue(TextNode.valueOf(renamed));
          changes.add(e.getKey() + "=" + old + " -> " + renamed);
        }
      }
    }
    for (JsonNode expression : selector.path("matchExpressions")) {
      if (expression.path("values") instanceof ArrayNode values) {
        for (int i = 0; i < values.size(); i++) {
          if (values.get(i).asText().equals(old)) {
            values.set(i, TextNode.valueOf(renamed));
            changes.add(expression.path("key").asText() + " in (" + old + " -> " + renamed + ")");
          }
        }
      }
    }
    return changes;
  }

  /** awsName defaults to the Mesh name (App Mesh webhook mesh_mutator.go). */
  private static String awsName(KubeObject mesh) {
    String awsName = mesh.node().path("spec").path("awsName").asText("");
    return awsName.isEmpty() ? mesh.name() : awsName;
  }

  private String newAwsName(String name, String awsName, String renamed) {
    if (awsName.equals(name)) {
      return renamed;
    }
    String ownRename = names.rename(awsName);
    return ownRename != null ? ownRename : renamed;
  }

  private static boolean isMesh(KubeObject object) {
    return "Mesh".equals(object.kind()) && GROUP.equals(object.group());
  }

  public static final ConverterSpec SPEC = new ConverterSpec() {
    @Override
    public String name() {
      return "renameAppMesh";
    }

    @Override
    public String summary() {
      return "EKS -> EKS: give the new cluster App Mesh meshes of its own. Renames each Mesh and its awsName, removes "
          + "meshRef (and GatewayRoute virtualGatewayRef) so the webhook fills in the new mesh, rewrites App Mesh ARNs "
          + "and VirtualNode Cloud Map namespaces, and renames the namespace labels the Meshes select by.";
    }

    @Override
    public List<ParameterDoc> parameters() {
      return List.of(
          ParameterDoc.optional("meshNames", "map", "old Mesh name -> new Mesh name; wins over meshSuffix"),
          ParameterDoc.optional("meshSuffix", "string", "appended to the names of Meshes not in meshNames, e.g. -green"),
          ParameterDoc.optional("cloudMapNamespaces", "map",
              "old Cloud Map namespace -> the new cluster's namespace, for VirtualNode service discovery"));
    }

    @Override
    public String example() {
      return """
          - name: app-mesh
            match: {resources: ["*.appmesh.k8s.aws", namespaces]}
            actions:
              - convert: renameAppMesh
                with:
                  meshSuffix: "-green"
                  cloudMapNamespaces: {shop.local: shop-green.local}
          """;
    }

    @Override
    public ObjectAction create(ConverterConfig config) {
      JsonNode cloudMap = config.node("cloudMapNamespaces");
      if (cloudMap != null && !cloudMap.isNull() && !cloudMap.isObject()) {
        throw new IllegalArgumentException("cloudMapNamespaces must be a map of old Cloud Map namespace -> new namespace");
      }
      return new AppMeshRename(MeshNames.parse(config.node("meshNames"), config.string("meshSuffix", "")),
          config.map("cloudMapNamespaces"));
    }
  };
}
