package dev.transship.convert.awsonly;

import static dev.transship.testing.Actions.yaml;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.transship.finding.Finding;
import dev.transship.finding.Severity;
import dev.transship.rules.ActionContext;
import dev.transship.rules.ConverterConfig;
import dev.transship.rules.ObjectAction;
import dev.transship.testing.Actions;
import java.util.List;
import org.junit.jupiter.api.Test;

class DropAwsOnlyObjectsTest {
  private static final ObjectAction DROP = DropAwsOnlyObjects.SPEC.create(new ConverterConfig(yaml("{}")));

  private static ActionContext run(String apiVersion, String kind, boolean namespaced) throws Exception {
    return Actions.apply(DROP, yaml("apiVersion: " + apiVersion + "\nkind: " + kind + "\nmetadata: {name: x"
        + (namespaced ? ", namespace: shop" : "") + "}\nspec: {}"));
  }

  @Test
  void dropsEachAwsOnlyKindWithAReason() throws Exception {
    String[][] kinds = {
        {"elbv2.k8s.aws/v1beta1", "TargetGroupBinding", "target group"},
        {"elbv2.k8s.aws/v1beta1", "IngressClassParams", "albIngressToGce"},
        {"crd.k8s.amazonaws.com/v1alpha1", "ENIConfig", "subnet"},
        {"vpcresources.k8s.aws/v1beta1", "SecurityGroupPolicy", "security groups"},
        {"vpcresources.k8s.aws/v1alpha1", "CNINode", "VPC resource controller"},
        {"karpenter.sh/v1", "NodePool", "node pools"},
        {"karpenter.sh/v1", "NodeClaim", "EC2 instance"},
        {"karpenter.k8s.aws/v1", "EC2NodeClass", "EC2"},
        {"appmesh.k8s.aws/v1beta2", "VirtualNode", "App Mesh"},
        {"s3.services.k8s.aws/v1alpha1", "Bucket", "ACK"},
        {"services.k8s.aws/v1alpha1", "AdoptedResource", "ACK"},
        {"gateway.k8s.aws/v1beta1", "LoadBalancerConfiguration", "Gateway API"},
    };
    for (String[] k : kinds) {
      String group = k[0].substring(0, k[0].indexOf('/'));
      byte[] json = ("{\"apiVersion\":\"" + k[0] + "\",\"kind\":\"" + k[1] + "\",\"metadata\":{\"name\":\"x\"}}").getBytes();
      var key = new dev.transship.archive.ItemKey("things." + group, "shop", "x");
      assertTrue(DROP.mayApply(new dev.transship.archive.RawItem(dev.transship.archive.ItemPath.legacy(key), "x", json)), k[1]);
      ActionContext ctx = run(k[0], k[1], true);
      assertTrue(ctx.dropped(), k[1]);
      assertTrue(ctx.dropReason().contains(k[2]), k[1] + ": " + ctx.dropReason());
      Finding dropped = ctx.findings().stream().filter(f -> f.check().equals("aws-only-dropped")).findFirst().orElseThrow();
      assertEquals(Severity.INFO, dropped.severity());
    }
    var deployment = new dev.transship.archive.ItemKey("deployments.apps", "shop", "web");
    byte[] plain = "{\"apiVersion\":\"apps/v1\",\"kind\":\"Deployment\",\"metadata\":{\"name\":\"web\"}}".getBytes();
    assertFalse(DROP.mayApply(new dev.transship.archive.RawItem(dev.transship.archive.ItemPath.legacy(deployment), "x", plain)));
  }

  @Test
  void warnsWhereSomethingMustBeRebuiltByHand() throws Exception {
    for (String[] k : new String[][] {{"appmesh.k8s.aws/v1beta2", "Mesh"}, {"rds.services.k8s.aws/v1alpha1", "DBInstance"},
        {"elbv2.k8s.aws/v1beta1", "TargetGroupBinding"}, {"vpcresources.k8s.aws/v1beta1", "SecurityGroupPolicy"}}) {
      ActionContext ctx = run(k[0], k[1], true);
      List<Finding> warnings = ctx.findings().stream().filter(f -> f.severity() == Severity.WARNING).toList();
      assertEquals(1, warnings.size(), k[1]);
      assertEquals("aws-only-migrate", warnings.get(0).check());
      assertFalse(warnings.get(0).hint().isEmpty());
    }
    assertTrue(run("rds.services.k8s.aws/v1alpha1", "DBInstance", true).findings().get(0).hint().contains("deletion-policy: retain"));
    assertEquals(1, run("karpenter.sh/v1", "NodePool", false).findings().size(), "nothing to do by hand: one finding");
  }

  @Test
  void dropsTheCrdsOfAwsOnlyGroups() throws Exception {
    ActionContext ctx = Actions.apply(DROP, yaml("""
        apiVersion: apiextensions.k8s.io/v1
        kind: CustomResourceDefinition
        metadata: {name: targetgroupbindings.elbv2.k8s.aws}
        spec: {group: elbv2.k8s.aws, names: {kind: TargetGroupBinding, plural: targetgroupbindings}, scope: Namespaced}
        """));
    assertTrue(ctx.dropped());
    assertTrue(ctx.dropReason().startsWith("defines TargetGroupBinding (elbv2.k8s.aws)"), ctx.dropReason());
    assertEquals(1, ctx.findings().size());

    ActionContext other = Actions.apply(DROP, yaml("""
        apiVersion: apiextensions.k8s.io/v1
        kind: CustomResourceDefinition
        metadata: {name: certificates.cert-manager.io}
        spec: {group: cert-manager.io, names: {kind: Certificate, plural: certificates}, scope: Namespaced}
        """));
    assertFalse(other.dropped());
  }

  @Test
  void removesLoadBalancerControllerReadinessGates() throws Exception {
    ObjectNode pod = yaml("""
        apiVersion: v1
        kind: Pod
        metadata: {name: web-x, namespace: shop}
        spec:
          readinessGates:
          - conditionType: target-health.elbv2.k8s.aws/k8s-shop-web-1a2b3c4d5e
          - conditionType: example.com/warm
          - conditionType: target-health.alb.ingress.k8s.aws/web_80
          containers: [{name: web, image: web}]
        """);
    ActionContext ctx = Actions.apply(DROP, pod);
    assertFalse(ctx.dropped());
    assertEquals(1, ctx.object().node().at("/spec/readinessGates").size());
    assertEquals("example.com/warm", ctx.object().node().at("/spec/readinessGates/0/conditionType").asText());
    assertEquals(2, ctx.findings().size());
    assertEquals("aws-only-readiness-gate", ctx.findings().get(0).check());
    assertTrue(ctx.findings().get(0).message().contains("k8s-shop-web-1a2b3c4d5e"));
    assertTrue(ctx.findings().get(1).message().contains("target-health.alb.ingress.k8s.aws/web_80"));

    ObjectNode onlyGate = yaml("""
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: web, namespace: shop}
        spec:
          template:
            spec:
              readinessGates: [{conditionType: target-health.elbv2.k8s.aws/k8s-x}]
              containers: [{name: web, image: web}]
        """);
    assertFalse(Actions.apply(DROP, onlyGate).object().node().at("/spec/template/spec").has("readinessGates"));
  }

  @Test
  void otherObjectsAreUntouched() throws Exception {
    for (ObjectNode object : List.of(
        yaml("{apiVersion: networking.k8s.io/v1, kind: NetworkPolicy, metadata: {name: n, namespace: shop}, spec: {}}"),
        yaml("{apiVersion: cloud.google.com/v1, kind: BackendConfig, metadata: {name: b, namespace: shop}, spec: {}}"),
        yaml("{apiVersion: v1, kind: Pod, metadata: {name: p, namespace: shop}, spec: {readinessGates: [{conditionType: a/b}], containers: []}}"))) {
      ActionContext ctx = Actions.apply(DROP, object);
      assertFalse(ctx.dropped());
      assertEquals(object, ctx.object().node());
      assertEquals(List.of(), ctx.findings());
    }
  }
}
