package dev.transship.convert.upgrade;

import static dev.transship.testing.Actions.yaml;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.transship.finding.Finding;
import dev.transship.finding.Severity;
import dev.transship.kube.Json;
import dev.transship.kube.KubeObject;
import dev.transship.rules.ActionContext;
import dev.transship.rules.ConverterConfig;
import dev.transship.rules.ObjectAction;
import dev.transship.rules.UnmatchedValues;
import dev.transship.testing.Actions;
import dev.transship.testing.Backups;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class ClusterIdentityTest {
  private static final Path FIXTURES = Backups.repoRoot().resolve("src/test/resources/controllers");
  private static final String OLD_NODE_ROLE = "arn:aws:iam::123456789012:role/prod-eks-1-node-group-role";
  private static final String OLD_KARPENTER_ROLE = "arn:aws:iam::123456789012:role/KarpenterNodeRole-prod-eks-1";

  private static ObjectAction converter(String with) {
    return ClusterIdentity.SPEC.create(new ConverterConfig(yaml(with)));
  }

  private static final ObjectAction MAPPED = converter("""
      clusterNames: {prod-eks-1: prod-eks-2}
      nodeRoles:
        arn:aws:iam::123456789012:role/prod-eks-1-node-group-role: arn:aws:iam::123456789012:role/prod-eks-2-node-group-role
        arn:aws:iam::123456789012:role/KarpenterNodeRole-prod-eks-1: arn:aws:iam::123456789012:role/KarpenterNodeRole-prod-eks-2
        KarpenterNodeInstanceProfile-prod-eks-1: KarpenterNodeInstanceProfile-prod-eks-2
      txtOwnerIds: {prod-eks-1: prod-eks-2}
      """);
  private static final ObjectAction UNMAPPED = converter("{}");

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

  private static List<String> checks(ActionContext ctx, Severity severity) {
    return ctx.findings().stream().filter(f -> f.severity() == severity).map(Finding::check).toList();
  }

  @Test
  void karpenterNodeClassGetsTheNewClustersTagsAndRole() throws Exception {
    ObjectNode nodeClass = fixture("karpenter-v1.yaml").get("EC2NodeClass default");
    ActionContext ctx = Actions.apply(MAPPED, nodeClass);
    ObjectNode spec = (ObjectNode) ctx.object().node().get("spec");
    assertEquals("KarpenterNodeRole-prod-eks-2", spec.path("role").asText(), "a role name stays a name when the map speaks ARNs");
    assertEquals("prod-eks-2", spec.at("/subnetSelectorTerms/0/tags").path("karpenter.sh/discovery").asText());
    assertEquals("prod-eks-2", spec.at("/securityGroupSelectorTerms/0/tags").path("karpenter.sh/discovery").asText());
    assertEquals("sg-0a1b2c3d4e5f60718", spec.at("/securityGroupSelectorTerms/1/id").asText(), "IDs are not tags");
    assertEquals("owned", spec.path("tags").path("kubernetes.io/cluster/prod-eks-2").asText());
    assertFalse(spec.path("tags").has("kubernetes.io/cluster/prod-eks-1"));
    assertEquals("platform", spec.path("tags").path("team").asText());
    assertEquals(List.of(), checks(ctx, Severity.WARNING));
    assertEquals(4, checks(ctx, Severity.INFO).size(), ctx.findings().toString());

    ActionContext unmapped = Actions.apply(UNMAPPED, nodeClass);
    assertEquals(List.of("karpenter-cluster-tags", "karpenter-node-role"), checks(unmapped, Severity.WARNING));
    assertTrue(unmapped.findings().get(0).message().contains("spec.subnetSelectorTerms[0].tags karpenter.sh/discovery=prod-eks-1"),
        unmapped.findings().toString());
    assertEquals(nodeClass.get("spec"), unmapped.object().node().get("spec"), "nothing mapped, nothing changed");
  }

  @Test
  void legacyAwsNodeTemplateAndNodeClaims() throws Exception {
    Map<String, ObjectNode> karpenter = fixture("karpenter-v1.yaml");
    ActionContext legacy = Actions.apply(MAPPED, karpenter.get("AWSNodeTemplate legacy"));
    assertEquals("KarpenterNodeInstanceProfile-prod-eks-2", legacy.object().node().at("/spec/instanceProfile").asText());
    assertEquals("prod-eks-2", legacy.object().node().at("/spec/subnetSelector").path("karpenter.sh/discovery").asText());
    ActionContext claim = Actions.apply(MAPPED, karpenter.get("NodeClaim default-8xk2p"));
    assertTrue(claim.dropped());
  }

  @Test
  void awsAuthNodeRolesAreRewrittenOrAnError() throws Exception {
    ObjectNode awsAuth = fixture("eks-addons.yaml").get("ConfigMap kube-system/aws-auth");
    ActionContext ctx = Actions.apply(MAPPED, awsAuth);
    String mapRoles = ctx.object().node().at("/data/mapRoles").asText();
    assertTrue(mapRoles.contains("rolearn: arn:aws:iam::123456789012:role/prod-eks-2-node-group-role"), mapRoles);
    assertTrue(mapRoles.contains("rolearn: arn:aws:iam::123456789012:role/KarpenterNodeRole-prod-eks-2"), mapRoles);
    assertTrue(mapRoles.contains("rolearn: arn:aws:iam::123456789012:role/platform-admins"), "not a node role: kept");
    assertEquals(awsAuth.at("/data/mapUsers"), ctx.object().node().at("/data/mapUsers"));
    assertEquals(List.of("aws-auth"), checks(ctx, Severity.INFO));
    assertTrue(OwnAwsNames.owns(ctx.object(), "arn:aws:iam::123456789012:role/prod-eks-2-node-group-role"));

    ActionContext partly = Actions.apply(converter("nodeRoles: {" + OLD_KARPENTER_ROLE + ": arn:aws:iam::123456789012:role/KarpenterNodeRole-prod-eks-2}"), awsAuth);
    assertEquals(List.of("aws-auth"), checks(partly, Severity.ERROR));
    assertTrue(partly.findings().stream().anyMatch(f -> f.message().contains(OLD_NODE_ROLE) && f.message().contains("cannot join")));
  }

  @Test
  void externalDnsOwnerIdIsRenamedOrReported() throws Exception {
    ObjectNode dns = fixture("external-dns.yaml").get("Deployment external-dns/external-dns");
    ActionContext ctx = Actions.apply(MAPPED, dns);
    var args = ctx.object().node().at("/spec/template/spec/containers/0/args");
    assertEquals("--txt-owner-id", args.get(7).asText());
    assertEquals("prod-eks-2", args.get(8).asText(), "the separate value after the flag");
    assertEquals(List.of("external-dns-owner-id"), checks(ctx, Severity.INFO));

    ActionContext unmapped = Actions.apply(UNMAPPED, dns);
    assertEquals(List.of("external-dns-owner-id"), checks(unmapped, Severity.WARNING));
    assertTrue(unmapped.findings().get(0).message().contains("overwrites and deletes"));

    ObjectNode equalsForm = dns.deepCopy();
    ((ObjectNode) equalsForm.at("/spec/template/spec/containers/0")).putArray("args").add("--provider=aws").add("--txt-owner-id=prod-eks-1");
    assertEquals("--txt-owner-id=prod-eks-2", Actions.apply(MAPPED, equalsForm).object().node().at("/spec/template/spec/containers/0/args/1").asText());
    ObjectNode noOwner = dns.deepCopy();
    ((ObjectNode) noOwner.at("/spec/template/spec/containers/0")).putArray("args").add("--provider=aws");
    assertEquals(List.of("external-dns-owner-id"), checks(Actions.apply(MAPPED, noOwner), Severity.WARNING), "the default owner id is shared too");
  }

  @Test
  void clusterAutoscalerDiscoversTheNewClustersNodeGroupsOrIsAnError() throws Exception {
    Map<String, ObjectNode> autoscalers = fixture("cluster-autoscaler.yaml");
    ObjectNode upstream = autoscalers.get("Deployment kube-system/cluster-autoscaler");
    String flag = "/spec/template/spec/containers/0/command";
    ActionContext ctx = Actions.apply(MAPPED, upstream);
    assertTrue(ctx.object().node().at(flag).toString()
        .contains("\"--node-group-auto-discovery=asg:tag=k8s.io/cluster-autoscaler/enabled,k8s.io/cluster-autoscaler/prod-eks-2\""),
        ctx.object().node().at(flag).toString());
    assertEquals(List.of("autoscaler-node-groups"), checks(ctx, Severity.INFO));

    ActionContext unmapped = Actions.apply(UNMAPPED, upstream);
    assertEquals(List.of("autoscaler-node-groups"), checks(unmapped, Severity.ERROR));
    assertTrue(unmapped.findings().get(0).message().contains("resizes the old cluster's node groups"), unmapped.findings().toString());
    assertEquals(upstream, unmapped.object().node(), "nothing mapped, nothing changed");

    // the Helm chart's autoDiscovery.clusterName, as a separate argument with a tag value; and a node group named outright
    ObjectNode chart = autoscalers.get("Deployment autoscaling/ca-aws-cluster-autoscaler").deepCopy();
    ((ObjectNode) chart.at("/spec/template/spec/containers/0")).putArray("args")
        .add("--node-group-auto-discovery").add("asg:tag=k8s.io/cluster-autoscaler/prod-eks-1=owned,team=platform")
        .add("--nodes=1:10:prod-eks-1-gpu-asg");
    ActionContext helm = Actions.apply(MAPPED, chart);
    assertEquals("asg:tag=k8s.io/cluster-autoscaler/prod-eks-2=owned,team=platform",
        helm.object().node().at("/spec/template/spec/containers/0/args/1").asText());
    assertEquals(List.of("autoscaler-node-groups"), checks(helm, Severity.WARNING), "a group named outright cannot be mapped by cluster name");

    ActionContext capi = Actions.apply(UNMAPPED, autoscalers.get("Deployment capi-autoscaling/cluster-autoscaler"));
    assertEquals(List.of(), capi.findings(), "Cluster API discovery names no Auto Scaling group");
  }

  /** The upstream autoscaler with its discovery spec replaced. */
  private static ObjectNode discovering(String spec) throws Exception {
    ObjectNode upstream = fixture("cluster-autoscaler.yaml").get("Deployment kube-system/cluster-autoscaler").deepCopy();
    var command = (com.fasterxml.jackson.databind.node.ArrayNode) upstream.at("/spec/template/spec/containers/0/command");
    for (int i = 0; i < command.size(); i++) {
      if (command.get(i).asText().startsWith(AutoscalerDiscovery.FLAG + "=")) {
        command.set(i, command.textNode(AutoscalerDiscovery.FLAG + "=" + spec));
      }
    }
    return upstream;
  }

  private static String discoverySpec(ActionContext ctx) {
    for (var arg : ctx.object().node().at("/spec/template/spec/containers/0/command")) {
      if (arg.asText().startsWith(AutoscalerDiscovery.FLAG + "=")) {
        return arg.asText().substring(AutoscalerDiscovery.FLAG.length() + 1);
      }
    }
    throw new AssertionError("no discovery flag left");
  }

  @Test
  void autoscalerDiscoveryByTheEksClusterTagGoesThroughClusterNames() throws Exception {
    ObjectNode eksTag = discovering("asg:tag=k8s.io/cluster-autoscaler/enabled,kubernetes.io/cluster/prod-eks-1=owned");
    ActionContext mapped = Actions.apply(MAPPED, eksTag);
    assertEquals("asg:tag=k8s.io/cluster-autoscaler/enabled,kubernetes.io/cluster/prod-eks-2=owned", discoverySpec(mapped));
    assertEquals(List.of("autoscaler-node-groups"), checks(mapped, Severity.INFO));
    assertEquals(List.of(), checks(mapped, Severity.WARNING));

    ActionContext unmapped = Actions.apply(UNMAPPED, eksTag);
    assertEquals(List.of("autoscaler-node-groups"), checks(unmapped, Severity.ERROR));
    assertTrue(unmapped.findings().get(0).message().contains("[prod-eks-1]"), unmapped.findings().toString());
    assertEquals(eksTag, unmapped.object().node(), "nothing mapped, nothing changed");

    ObjectAction seeing = converter("clusterNames: {prod-eks-1: prod-eks-2}");
    seeing.observe(Actions.keyOf(eksTag), new KubeObject(eksTag));
    assertEquals(List.of(), seeing.unmatched(), "the key names the cluster the map names");
  }

  @Test
  void autoscalerDiscoveryNamingNoClusterIsAWarning() throws Exception {
    for (String spec : List.of("asg:tag=k8s.io/cluster-autoscaler/enabled", "asg:tag=k8s.io/cluster-autoscaler/enabled,team=platform")) {
      ObjectNode anyCluster = discovering(spec);
      ActionContext ctx = Actions.apply(MAPPED, anyCluster);
      assertEquals(List.of("autoscaler-node-groups"), checks(ctx, Severity.WARNING), spec);
      assertTrue(ctx.findings().get(0).message().contains(spec) && ctx.findings().get(0).message().contains("name no cluster"),
          ctx.findings().toString());
      assertEquals(anyCluster, ctx.object().node(), "nothing to rename");
    }
  }

  @Test
  void onlyTheClusterAutoscalersNodesFlagNamesAGroup() throws Exception {
    ObjectNode app = yaml("""
        apiVersion: apps/v1
        kind: StatefulSet
        metadata: {name: ledger, namespace: shop}
        spec:
          template:
            spec:
              containers:
              - name: ledger
                image: registry.example.com/shop/ledger:2.1
                args: [--nodes=3, --replication=2]
        """);
    assertEquals(List.of(), Actions.apply(MAPPED, app).findings(), "another program's --nodes is not an Auto Scaling group");

    Map<String, ObjectNode> autoscalers = fixture("cluster-autoscaler.yaml");
    ObjectNode capi = autoscalers.get("Deployment capi-autoscaling/cluster-autoscaler").deepCopy();
    ((com.fasterxml.jackson.databind.node.ArrayNode) capi.at("/spec/template/spec/containers/0/args")).add("--nodes=1:5:workloads/md-0");
    assertEquals(List.of(), Actions.apply(MAPPED, capi).findings(), "a Cluster API autoscaler names MachineDeployments");

    ObjectNode chart = autoscalers.get("Deployment autoscaling/ca-aws-cluster-autoscaler").deepCopy();
    ((ObjectNode) chart.at("/spec/template/spec/containers/0")).putArray("args").add("--nodes").add("2:10:prod-eks-1-gpu-asg");
    ActionContext ctx = Actions.apply(MAPPED, chart);
    assertEquals(List.of("autoscaler-node-groups"), checks(ctx, Severity.WARNING));
    String message = ctx.findings().get(0).message();
    assertTrue(message.contains("group prod-eks-1-gpu-asg itself"), message);
    assertFalse(message.contains("2:10:"), "the sizes are not part of the group's name: " + message);
  }

  @Test
  void lintForEksFlagsTheOldClustersNodeClassesAndAwsAuthButNotTheConvertedOnes(@org.junit.jupiter.api.io.TempDir Path tmp) throws Exception {
    Map<String, ObjectNode> objects = new TreeMap<>(fixture("karpenter-v1.yaml"));
    objects.put("ConfigMap kube-system/aws-auth", fixture("eks-addons.yaml").get("ConfigMap kube-system/aws-auth"));
    objects.remove("NodeClaim default-8xk2p");
    Path before = Files.createDirectories(tmp.resolve("before"));
    Path after = Files.createDirectories(tmp.resolve("after"));
    int n = 0;
    for (ObjectNode o : objects.values()) {
      Files.writeString(before.resolve(n + ".yaml"), Json.YAML.writeValueAsString(o));
      Files.writeString(after.resolve(n++ + ".yaml"), Json.YAML.writeValueAsString(Actions.apply(MAPPED, o).object().node()));
    }
    assertEquals(List.of("AWSNodeTemplate legacy", "ConfigMap kube-system/aws-auth", "EC2NodeClass default"), clusterBound(before));
    assertEquals(List.of(), clusterBound(after), "the pack's own fixes are not flagged");
  }

  private static List<String> clusterBound(Path manifests) throws Exception {
    var options = new dev.transship.lint.LintOptions(dev.transship.cloud.Target.EKS, null, "prod-eks-1", java.time.Instant.parse("2026-11-22T00:00:00Z"));
    try (var result = new dev.transship.lint.Linter(dev.transship.lint.checks.CheckCatalog.create(), null, dev.transship.lint.Suppressions.none())
        .run(dev.transship.lint.LintInput.manifests(manifests), options)) {
      return result.findings().toList().stream().filter(f -> f.check().equals("eks-cluster-bound")).map(f -> f.object().toString()).sorted().toList();
    }
  }

  @Test
  void aMapKeyTheBackupNeverMentionsIsATypo() throws Exception {
    ObjectAction typo = converter("clusterNames: {prod-eks-l: prod-eks-2}\ntxtOwnerIds: {prod-eks-1: prod-eks-2}");
    for (ObjectNode o : fixture("karpenter-v1.yaml").values()) {
      typo.observe(Actions.keyOf(o), new KubeObject(o));
    }
    ObjectNode dns = fixture("external-dns.yaml").get("Deployment external-dns/external-dns");
    typo.observe(Actions.keyOf(dns), new KubeObject(dns));
    List<UnmatchedValues> unmatched = typo.unmatched();
    assertEquals(1, unmatched.size(), unmatched.toString());
    assertEquals("clusterNames", unmatched.get(0).parameter());
    assertEquals(List.of("prod-eks-l"), unmatched.get(0).values());
    assertTrue(unmatched.get(0).seen().contains("prod-eks-1"));
  }
}
