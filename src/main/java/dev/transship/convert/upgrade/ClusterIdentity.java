package dev.transship.convert.upgrade;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.transship.archive.ItemKey;
import dev.transship.archive.RawItem;
import dev.transship.archive.RawText;
import dev.transship.convert.addons.ExternalDns;
import dev.transship.convert.addons.SourceCloudAddons;
import dev.transship.kube.ContainerFlags;
import dev.transship.kube.KubeObject;
import dev.transship.rules.ActionContext;
import dev.transship.rules.ConverterConfig;
import dev.transship.rules.ConverterDescriptor;
import dev.transship.rules.ConverterSpec;
import dev.transship.rules.ObjectAction;
import dev.transship.rules.ParameterDoc;
import dev.transship.rules.SeenValues;
import dev.transship.rules.UnmatchedValues;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * {@code retargetClusterIdentity} (EKS -> EKS). Three things name the old cluster and make the new
 * one act as it: the aws-auth ConfigMap's node roles, Karpenter node classes (the role their nodes
 * launch with, and the {@code karpenter.sh/discovery} tags that pick the old cluster's subnets and
 * security groups), and External DNS's TXT owner id (two clusters with one owner id each take the
 * other's records for their own: they overwrite and delete them). Each is rewritten through a
 * parameter map (old -> new) or reported. Karpenter NodeClaims, the old cluster's instances, are
 * dropped.
 */
public final class ClusterIdentity implements ObjectAction {
  private static final RawText.Needles EXTERNAL_DNS = RawText.needles("--txt-owner-id", "EXTERNAL_DNS_TXT_OWNER_ID", "--provider", "EXTERNAL_DNS_PROVIDER",
      AutoscalerDiscovery.FLAG, AutoscalerDiscovery.NODES_FLAG);

  private final Map<String, String> clusterNames;
  private final Map<String, String> nodeRoles;
  private final Map<String, String> txtOwnerIds;
  private final SeenValues seenClusters = new SeenValues();
  private final SeenValues seenRoles = new SeenValues();
  private final SeenValues seenOwners = new SeenValues();
  private final Set<String> matched = new HashSet<>();

  ClusterIdentity(Map<String, String> clusterNames, Map<String, String> nodeRoles, Map<String, String> txtOwnerIds) {
    this.clusterNames = clusterNames;
    this.nodeRoles = nodeRoles;
    this.txtOwnerIds = txtOwnerIds;
  }

  @Override
  public boolean reportsItsChanges() {
    return true;
  }

  @Override
  public boolean mayApply(RawItem item) {
    ItemKey key = item.path().key();
    return key.group().equals(KarpenterNodeClasses.GROUP) || key.groupResource().equals("nodeclaims.karpenter.sh")
        || key.groupResource().equals("configmaps") && key.name().equals("aws-auth")
        || EXTERNAL_DNS.mayBeIn(item);
  }

  @Override
  public void observe(ItemKey key, KubeObject object) {
    if (KarpenterNodeClasses.isNodeClass(object)) {
      KarpenterNodeClasses.clusterNames(object).forEach(n -> see(seenClusters, clusterNames, n));
      JsonNode spec = object.node().path("spec");
      for (String field : KarpenterNodeClasses.IDENTITY_FIELDS) {
        if (spec.path(field).isTextual()) {
          String value = spec.path(field).asText();
          see(seenRoles, nodeRoles, value);
          nodeRoles.keySet().stream().filter(k -> sameRole(k, value)).forEach(matched::add);
        }
      }
    } else if (AwsAuth.isAwsAuth(object)) {
      for (String arn : AwsAuth.nodeRoles(object)) {
        see(seenRoles, nodeRoles, arn);
        nodeRoles.keySet().stream().filter(k -> sameRole(k, arn)).forEach(matched::add);
      }
    } else {
      ExternalDns.ownerIds(object).forEach(f -> see(seenOwners, txtOwnerIds, f.value()));
      for (ContainerFlags.Flag discovery : AutoscalerDiscovery.asgDiscovery(object)) {
        AutoscalerDiscovery.clusterNames(discovery.value()).forEach(n -> see(seenClusters, clusterNames, n));
      }
    }
  }

  private void see(SeenValues seen, Map<String, String> map, String value) {
    seen.add(value);
    if (map.containsKey(value)) {
      matched.add(value);
    }
  }

  @Override
  public List<UnmatchedValues> unmatched() {
    List<UnmatchedValues> out = new ArrayList<>();
    add(out, seenClusters.unmatched("clusterNames", true, clusterNames.keySet(), matched, "Karpenter discovery tag values, cluster tag names and Cluster Autoscaler discovery tags"));
    add(out, seenRoles.unmatched("nodeRoles", true, nodeRoles.keySet(), matched, "node roles and instance profiles"));
    add(out, seenOwners.unmatched("txtOwnerIds", true, txtOwnerIds.keySet(), matched, "External DNS TXT owner ids"));
    return out;
  }

  private static void add(List<UnmatchedValues> out, UnmatchedValues u) {
    if (u != null) {
      out.add(u);
    }
  }

  @Override
  public void apply(ActionContext ctx) {
    KubeObject object = ctx.object();
    if ("NodeClaim".equals(object.kind()) && "karpenter.sh".equals(object.group())) {
      ctx.drop("karpenter-nodeclaim", "an EC2 instance of the old cluster, owned by its Karpenter: restored, the new cluster's "
          + "Karpenter would launch an instance for it (NodePools make their own claims)");
    } else if (KarpenterNodeClasses.isNodeClass(object)) {
      nodeClass(ctx, object);
    } else if (AwsAuth.isAwsAuth(object)) {
      awsAuth(ctx, object);
    } else {
      externalDns(ctx, object);
      clusterAutoscaler(ctx, object);
    }
  }

  private void nodeClass(ActionContext ctx, KubeObject object) {
    TreeSet<String> unmapped = new TreeSet<>();
    for (KarpenterNodeClasses.TagMap map : KarpenterNodeClasses.tagMaps(object)) {
      ObjectNode tags = map.tags();
      Map<String, JsonNode> rewritten = new LinkedHashMap<>();
      List<String> changes = new ArrayList<>();
      tags.fields().forEachRemaining(e -> {
        String key = e.getKey();
        JsonNode value = e.getValue();
        if (key.startsWith(KarpenterNodeClasses.CLUSTER_TAG_PREFIX)) {
          String old = key.substring(KarpenterNodeClasses.CLUSTER_TAG_PREFIX.length());
          String renamed = clusterNames.get(old);
          if (renamed != null) {
            key = KarpenterNodeClasses.CLUSTER_TAG_PREFIX + renamed;
            changes.add(e.getKey() + " -> " + key);
          } else {
            unmapped.add(map.path() + " " + key);
          }
        }
        if (value.isTextual() && clusterNames.containsKey(value.asText())) {
          String renamed = clusterNames.get(value.asText());
          changes.add(key + ": " + value.asText() + " -> " + renamed);
          value = tags.textNode(renamed);
        } else if (key.equals(KarpenterNodeClasses.DISCOVERY_TAG)) {
          unmapped.add(map.path() + " " + key + "=" + value.asText());
        }
        rewritten.put(key, value);
      });
      if (!changes.isEmpty()) {
        tags.removeAll();
        rewritten.forEach(tags::set);
        ctx.info("karpenter-cluster-tags", map.path() + ": " + String.join(", ", changes)
            + ": the new cluster's nodes launch into its own tagged subnets and security groups");
      }
    }
    if (!unmapped.isEmpty()) {
      ctx.warn("karpenter-cluster-tags", "selects AWS resources by the old cluster's tags (" + String.join(", ", unmapped)
              + "): the new cluster's Karpenter launches nodes into the old cluster's subnets and security groups, where they may not reach its API server",
          "map the old cluster name to the new one in clusterNames (and tag the new cluster's subnets and security groups)");
    }
    ObjectNode spec = object.node().path("spec") instanceof ObjectNode s ? s : null;
    for (String field : KarpenterNodeClasses.IDENTITY_FIELDS) {
      if (spec == null || !spec.path(field).isTextual()) {
        continue;
      }
      String old = spec.path(field).asText();
      String renamed = mapRole(old);
      if (renamed != null && !renamed.equals(old)) {
        spec.put(field, renamed);
        ctx.info("karpenter-node-role", "spec." + field + " " + old + " -> " + renamed);
      } else {
        ctx.warn("karpenter-node-role", "nodes launch with the old cluster's " + ("role".equals(field) ? "role " : "instance profile ") + old
                + ": they join the new cluster only if it maps that role (aws-auth or an access entry)",
            "map it to the new cluster's node role in nodeRoles, or give the role an access entry in the new cluster");
      }
    }
  }

  private void awsAuth(ActionContext ctx, KubeObject object) {
    List<String> roles = AwsAuth.nodeRoles(object);
    if (!AwsAuth.parses(object) || roles.isEmpty()) {
      ctx.warn("aws-auth", "aws-auth restored into the new cluster replaces its mappings where it has none yet, and is skipped where it has one"
              + (AwsAuth.parses(object) ? "" : "; its mapRoles does not parse as a YAML list"),
          "leave aws-auth out and create access entries in the new cluster, or check its mappings by hand");
      return;
    }
    String text = object.node().path("data").path("mapRoles").asText();
    List<String> unmapped = new ArrayList<>();
    List<String> changes = new ArrayList<>();
    for (String arn : roles) {
      String renamed = mapRole(arn);
      if (renamed == null || renamed.equals(arn)) {
        unmapped.add(arn);
        continue;
      }
      text = text.replace(arn, renamed);
      changes.add(arn + " -> " + renamed);
      OwnAwsNames.record(object, renamed);
    }
    if (!changes.isEmpty()) {
      ((ObjectNode) object.node().path("data")).put("mapRoles", text);
      ctx.info("aws-auth", "node roles in mapRoles rewritten for the new cluster: " + String.join(", ", changes));
    }
    if (!unmapped.isEmpty()) {
      ctx.error("aws-auth", "mapRoles maps the old cluster's node role" + (unmapped.size() == 1 ? " " : "s ") + String.join(", ", unmapped)
              + " and not the new cluster's: restored where the new cluster has no aws-auth yet, its own nodes cannot join",
          "map each old node role to the new cluster's in nodeRoles, or leave aws-auth out of the restore and use access entries");
    }
  }

  private void externalDns(ActionContext ctx, KubeObject object) {
    List<ContainerFlags.Flag> owners = ExternalDns.ownerIds(object);
    if (owners.isEmpty()) {
      if (ExternalDns.awsProvider(object)) {
        ctx.warn("external-dns-owner-id", "runs External DNS on Route 53 without --txt-owner-id: both clusters claim records as owner "
                + "'default', so each overwrites and deletes the other's",
            "set --txt-owner-id to an id of the new cluster's own, and move the records over at DNS cutover");
      }
      return;
    }
    for (ContainerFlags.Flag owner : owners) {
      String renamed = txtOwnerIds.get(owner.value());
      if (renamed != null && !renamed.equals(owner.value())) {
        owner.set(renamed);
        OwnAwsNames.record(object, renamed);
        ctx.info("external-dns-owner-id", "TXT owner id " + owner.value() + " -> " + renamed + " (container "
            + owner.container().path("name").asText() + "): the new cluster's External DNS leaves the old cluster's records alone "
            + "and creates only those no one owns; move the shared ones at DNS cutover");
      } else {
        ctx.warn("external-dns-owner-id", "TXT owner id " + owner.value() + " is the old cluster's: restored as is, both clusters' "
                + "External DNS take the same records for their own and each overwrites and deletes the other's",
            "map it to an id of the new cluster's own in txtOwnerIds");
      }
    }
  }

  private void clusterAutoscaler(ActionContext ctx, KubeObject object) {
    for (ContainerFlags.Flag discovery : AutoscalerDiscovery.asgDiscovery(object)) {
      List<String> names = AutoscalerDiscovery.clusterNames(discovery.value());
      List<String> unmapped = names.stream().filter(n -> !clusterNames.containsKey(n)).toList();
      String renamed = AutoscalerDiscovery.renamed(discovery.value(), clusterNames::get);
      if (!renamed.equals(discovery.value())) {
        discovery.set(renamed);
        ctx.info("autoscaler-node-groups", AutoscalerDiscovery.FLAG + " " + discovery.value() + " -> " + renamed
            + ": the Cluster Autoscaler finds the new cluster's Auto Scaling groups by their tags");
      }
      if (!unmapped.isEmpty()) {
        ctx.error("autoscaler-node-groups", "the Cluster Autoscaler discovers Auto Scaling groups tagged for the old cluster " + unmapped
                + " (" + discovery.value() + "): restored as is, it resizes the old cluster's node groups alongside the old cluster's own autoscaler",
            "map the old cluster name to the new one in clusterNames, and tag the new cluster's Auto Scaling groups with it");
      } else if (names.isEmpty()) {
        ctx.warn("autoscaler-node-groups", "the Cluster Autoscaler discovers every Auto Scaling group with the tags of " + discovery.value()
                + ", which name no cluster: restored as is, it also resizes the old cluster's groups that carry them, alongside the old cluster's own autoscaler",
            "add the new cluster's tag (k8s.io/cluster-autoscaler/<new cluster>) to the discovery spec and to the new cluster's Auto Scaling groups");
      }
    }
    for (ContainerFlags.Flag nodes : ContainerFlags.of(object, AutoscalerDiscovery.NODES_FLAG)) {
      if (SourceCloudAddons.runsAwsClusterAutoscaler(nodes.container())) { // --nodes of another program means something else
        ctx.warn("autoscaler-node-groups", "the Cluster Autoscaler names the Auto Scaling group " + AutoscalerDiscovery.nodeGroup(nodes.value())
                + " itself: if it is the old cluster's, the restored autoscaler resizes it alongside the old cluster's own",
            "name the new cluster's Auto Scaling groups in " + AutoscalerDiscovery.NODES_FLAG + ", or discover them by tag");
      }
    }
  }

  /** The new role for an old role name or ARN; a key given as an ARN also matches its role name, and the other way round. */
  private String mapRole(String old) {
    for (Map.Entry<String, String> e : nodeRoles.entrySet()) {
      if (e.getKey().equals(old)) {
        return e.getValue();
      }
    }
    for (Map.Entry<String, String> e : nodeRoles.entrySet()) {
      if (sameRole(e.getKey(), old)) {
        return old.contains(":role/") || !e.getValue().contains("/") ? e.getValue() : e.getValue().substring(e.getValue().lastIndexOf('/') + 1);
      }
    }
    return null;
  }

  /** "arn:aws:iam::1:role/path/Name" and "Name" name the same role. */
  private static boolean sameRole(String a, String b) {
    return a.equals(b) || roleName(a).equals(roleName(b));
  }

  private static String roleName(String roleOrArn) {
    return roleOrArn.startsWith("arn:") ? roleOrArn.substring(roleOrArn.lastIndexOf('/') + 1) : roleOrArn;
  }

  public static final ConverterSpec SPEC = new ConverterDescriptor(
      "retargetClusterIdentity",
      "EKS -> EKS: make what names the old cluster name the new one. Rewrites the node roles in aws-auth's mapRoles, Karpenter "
          + "EC2NodeClass and AWSNodeTemplate roles, instance profiles and cluster tags (karpenter.sh/discovery values, "
          + "kubernetes.io/cluster/<name> keys), External DNS --txt-owner-id and the Cluster Autoscaler's Auto Scaling group discovery tags, each through a map; "
          + "reports what a map does not cover (unmapped aws-auth node roles are errors). Drops Karpenter NodeClaims.",
      List.of(
          ParameterDoc.optional("clusterNames", "map", "old cluster name -> new cluster name, for Karpenter discovery and cluster tags and the Cluster Autoscaler's "
              + "k8s.io/cluster-autoscaler/<name> and kubernetes.io/cluster/<name> discovery tags"),
          ParameterDoc.optional("nodeRoles", "map", "old node IAM role (ARN or name) or instance profile -> the new cluster's"),
          ParameterDoc.optional("txtOwnerIds", "map", "old External DNS TXT owner id -> the new cluster's")),
      """
          - name: cluster-identity
            match: {resources: ["*.karpenter.k8s.aws", nodeclaims.karpenter.sh, configmaps, deployments.apps]}
            actions:
              - convert: retargetClusterIdentity
                with:
                  clusterNames: {prod-eks-1: prod-eks-2}
                  nodeRoles: {arn:aws:iam::123456789012:role/KarpenterNodeRole-prod-eks-1: arn:aws:iam::123456789012:role/KarpenterNodeRole-prod-eks-2}
                  txtOwnerIds: {prod-eks-1: prod-eks-2}
          """,
      ClusterIdentity::create);

  private static ObjectAction create(ConverterConfig config) {
    for (String map : List.of("clusterNames", "nodeRoles", "txtOwnerIds")) {
      JsonNode value = config.node(map);
      if (value != null && !value.isNull() && !value.isObject()) {
        throw new IllegalArgumentException(map + " must be a map of old -> new");
      }
    }
    return new ClusterIdentity(config.map("clusterNames"), config.map("nodeRoles"), config.map("txtOwnerIds"));
  }
}
