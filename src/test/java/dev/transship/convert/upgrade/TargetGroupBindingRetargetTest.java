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

class TargetGroupBindingRetargetTest {
  private static final String OLD = "arn:aws:elasticloadbalancing:eu-west-1:111122223333:targetgroup/web-blue/0123456789abcdef";
  private static final String NEW = "arn:aws:elasticloadbalancing:eu-west-1:111122223333:targetgroup/web-green/fedcba9876543210";
  private static final String API_NEW = "arn:aws:elasticloadbalancing:eu-west-1:111122223333:targetgroup/api-green/00112233aabbccdd";

  private static ObjectAction action(String with) {
    return TargetGroupBindingRetarget.SPEC.create(new ConverterConfig(Actions.yaml(with)));
  }

  private static ObjectNode binding(String name, String arn, String extra) {
    return Actions.yaml("""
        apiVersion: elbv2.k8s.aws/v1beta1
        kind: TargetGroupBinding
        metadata:
          name: %s
          namespace: shop
          finalizers: [elbv2.k8s.aws/resources]
          annotations:
            elbv2.k8s.aws/checkpoint: abc
            elbv2.k8s.aws/checkpoint-timestamp: "1729021572"
        spec:
          serviceRef: {name: web, port: 80}
          targetGroupARN: %s
          targetType: ip
          ipAddressType: ipv4
          vpcID: vpc-0old
        %s
        """.formatted(name, arn, extra.indent(2)));
  }

  private static ActionContext indexAndApply(ObjectAction action, ObjectNode... objects) throws Exception {
    for (ObjectNode o : objects) {
      action.index(Actions.keyOf(o), new KubeObject(o));
    }
    return Actions.apply(action, objects[0]);
  }

  private static Finding only(ActionContext ctx, String check) {
    List<Finding> found = ctx.findings().stream().filter(f -> f.check().equals(check)).toList();
    assertEquals(1, found.size(), check + " in " + ctx.findings());
    return found.get(0);
  }

  @Test
  void isRegisteredUnderItsName() {
    assertSame(TargetGroupBindingRetarget.SPEC, Converters.named("retargetTargetGroupBindings").orElseThrow());
  }

  @Test
  void pointsAMappedBindingAtTheNewTargetGroupAndDropsWhatTheOldOneDetermined() throws Exception {
    ObjectAction action = action("targetGroups: {\"" + OLD + "\": \"" + NEW + "\"}");
    ActionContext ctx = indexAndApply(action, binding("web", OLD, ""));

    JsonNode spec = ctx.object().node().path("spec");
    assertFalse(ctx.dropped());
    assertEquals(NEW, spec.path("targetGroupARN").asText());
    assertFalse(spec.has("vpcID"), "vpcID of the old target group fails validation against the new one");
    assertFalse(spec.has("ipAddressType"));
    assertEquals("ip", spec.path("targetType").asText(), "targetType is the user's choice and stays");
    assertEquals(List.of("elbv2.k8s.aws/resources"), ctx.object().finalizers(), "finalizers are left to the finalizer rules");
    assertTrue(ctx.object().annotations().isEmpty(), "checkpoints of the old target group removed");
    Finding retargeted = only(ctx, "tgb-retargeted");
    assertEquals(Severity.INFO, retargeted.severity());
    assertTrue(retargeted.message().contains(OLD + " -> " + NEW), retargeted.message());
    assertTrue(retargeted.message().contains("vpcID vpc-0old"), retargeted.message());
    only(ctx, "tgb-checkpoint-removed");
  }

  @Test
  void aNamespaceNameKeyWinsOverTheArnKey() throws Exception {
    ObjectAction action = action("targetGroups: {\"" + OLD + "\": \"" + NEW + "\", shop/api: \"" + API_NEW + "\"}");
    ActionContext ctx = indexAndApply(action, binding("api", OLD, ""));
    assertEquals(API_NEW, ctx.object().node().path("spec").path("targetGroupARN").asText());
  }

  @Test
  void replacesATargetGroupNameByTheMappedArn() throws Exception {
    ObjectNode byName = binding("api", OLD, "");
    ((ObjectNode) byName.path("spec")).remove("targetGroupARN");
    ((ObjectNode) byName.path("spec")).put("targetGroupName", "api-blue");
    ActionContext ctx = indexAndApply(action("targetGroups: {shop/api: \"" + API_NEW + "\"}"), byName);
    JsonNode spec = ctx.object().node().path("spec");
    assertEquals(API_NEW, spec.path("targetGroupARN").asText());
    assertFalse(spec.has("targetGroupName"));
    assertTrue(only(ctx, "tgb-retargeted").message().contains("target group named api-blue"));
  }

  @Test
  void dropsAnUnmappedBindingWithAnError() throws Exception {
    ActionContext ctx = indexAndApply(action("targetGroups: {}"), binding("web", OLD, ""));
    assertTrue(ctx.dropped());
    List<Finding> findings = ctx.findings().stream().filter(f -> f.check().equals("tgb-unmapped")).toList();
    assertEquals(Severity.ERROR, findings.get(0).severity());
    assertTrue(findings.get(0).message().contains("#9576"), findings.get(0).message());
    assertTrue(findings.stream().anyMatch(f -> f.message().startsWith("dropped:")));
  }

  @Test
  void keepUnmappedKeepsTheBindingUnchangedWithAWarning() throws Exception {
    ObjectNode original = binding("web", OLD, "");
    ActionContext ctx = indexAndApply(action("keepUnmapped: true"), original);
    assertFalse(ctx.dropped());
    assertEquals(original, ctx.object().node());
    assertEquals(Severity.WARNING, only(ctx, "tgb-unmapped").severity());
  }

  @Test
  void mappingABindingToItsOwnTargetGroupKeepsItWithAWarning() throws Exception {
    ActionContext ctx = indexAndApply(action("targetGroups: {\"" + OLD + "\": \"" + OLD + "\"}"), binding("web", OLD, ""));
    assertFalse(ctx.dropped());
    assertEquals(Severity.WARNING, only(ctx, "tgb-unmapped").severity());
  }

  @Test
  void keepsAnUnmappedMultiClusterBinding() throws Exception {
    ActionContext ctx = indexAndApply(action("{}"), binding("web", OLD, "multiClusterTargetGroup: true"));
    assertFalse(ctx.dropped());
    assertEquals(Severity.INFO, only(ctx, "tgb-multicluster-kept").severity());
  }

  @Test
  void dropsBindingsTheControllerCreatedEvenWhenMapped() throws Exception {
    ObjectNode created = binding("k8s-shop-web-cc0122e143", OLD, "");
    ((ObjectNode) created.path("metadata")).putObject("labels").put("ingress.k8s.aws/stack-name", "web")
        .put("ingress.k8s.aws/stack-namespace", "shop");
    ActionContext ctx = indexAndApply(action("targetGroups: {\"" + OLD + "\": \"" + NEW + "\"}"), created);
    assertTrue(ctx.dropped());
    assertTrue(ctx.dropReason().contains("new cluster's controller creates its own"), ctx.dropReason());
    assertTrue(ctx.dropReason().endsWith("its targetGroups entry is not used"), ctx.dropReason());
  }

  @Test
  void reportsTwoBindingsMappedToOneTargetGroup() throws Exception {
    ObjectAction action = action("targetGroups: {shop/web: \"" + NEW + "\", shop/api: \"" + NEW + "\"}");
    ActionContext ctx = indexAndApply(action, binding("web", OLD, ""), binding("api", API_NEW.replace("api-green", "api-blue"), ""));
    Finding shared = only(ctx, "tgb-target-group-shared");
    assertEquals(Severity.ERROR, shared.severity());
    assertTrue(shared.message().contains("shop/api, shop/web"), shared.message());
  }

  @Test
  void warnsAboutSecurityGroupsInNetworkingRulesOfARetargetedBinding() throws Exception {
    ObjectNode withNetworking = binding("web", OLD, """
        networking:
          ingress:
            - from: [{securityGroup: {groupID: sg-0alb}}, {ipBlock: {cidr: 10.0.0.0/16}}]
              ports: [{protocol: TCP}]
        """);
    ActionContext ctx = indexAndApply(action("targetGroups: {\"" + OLD + "\": \"" + NEW + "\"}"), withNetworking);
    assertTrue(ctx.object().node().path("spec").has("networking"), "kept: without it no traffic reaches the targets");
    Finding sg = only(ctx, "tgb-networking");
    assertEquals(Severity.WARNING, sg.severity());
    assertTrue(sg.message().contains("sg-0alb"));
  }

  @Test
  void suffixesIngressGroupAndLoadBalancerNamesAndDropsTheOldGroupFinalizer() throws Exception {
    ObjectNode ingress = Actions.yaml("""
        apiVersion: networking.k8s.io/v1
        kind: Ingress
        metadata:
          name: web
          namespace: shop
          finalizers: [group.ingress.k8s.aws/shop]
          annotations:
            alb.ingress.kubernetes.io/group.name: shop
            alb.ingress.kubernetes.io/load-balancer-name: shop-public
        spec: {ingressClassName: alb}
        """);
    ActionContext ctx = Actions.apply(action("groupSuffix: -green"), ingress);
    assertEquals("shop-green", ctx.object().annotation(AlbLoadBalancerNames.GROUP_NAME));
    assertEquals("shop-public-green", ctx.object().annotation(AlbLoadBalancerNames.INGRESS_LB_NAME));
    assertEquals(List.of(), ctx.object().finalizers());
    assertTrue(only(ctx, "alb-group-renamed").message().contains("shop -> shop-green"));
    only(ctx, "alb-load-balancer-renamed");
    only(ctx, "alb-group-finalizer-removed");
  }

  @Test
  void shortensALoadBalancerNameToThirtyTwoCharactersWithAWarning() throws Exception {
    ObjectNode service = Actions.yaml("""
        apiVersion: v1
        kind: Service
        metadata:
          name: api
          namespace: shop
          annotations: {service.beta.kubernetes.io/aws-load-balancer-name: shop-internal-api-network-lb-01}
        spec: {type: LoadBalancer}
        """);
    ActionContext ctx = Actions.apply(action("groupSuffix: -green"), service);
    String renamed = ctx.object().annotation(AlbLoadBalancerNames.SERVICE_LB_NAME);
    assertEquals("shop-internal-api-network-green", renamed);
    assertTrue(renamed.length() <= 32);
    assertEquals(Severity.WARNING, only(ctx, "alb-load-balancer-renamed").severity());
  }

  @Test
  void renamesTheGroupOfIngressClassParams() throws Exception {
    ObjectNode params = Actions.yaml("""
        apiVersion: elbv2.k8s.aws/v1beta1
        kind: IngressClassParams
        metadata: {name: shared-alb}
        spec: {group: {name: shared}, scheme: internet-facing}
        """);
    ActionContext ctx = Actions.apply(action("groupSuffix: -green"), params);
    assertEquals("shared-green", ctx.object().node().path("spec").path("group").path("name").asText());
  }

  @Test
  void warnsWhenNoSuffixIsConfigured() throws Exception {
    ObjectNode ingress = Actions.yaml("""
        apiVersion: networking.k8s.io/v1
        kind: Ingress
        metadata: {name: web, namespace: shop, annotations: {alb.ingress.kubernetes.io/group.name: shop}}
        """);
    ActionContext ctx = Actions.apply(action("{}"), ingress);
    assertEquals("shop", ctx.object().annotation(AlbLoadBalancerNames.GROUP_NAME));
    assertEquals(Severity.WARNING, only(ctx, "alb-group-kept").severity());
  }

  @Test
  void leavesIngressesWithoutGroupOrNameAlone() throws Exception {
    ObjectNode ingress = Actions.yaml("""
        apiVersion: networking.k8s.io/v1
        kind: Ingress
        metadata: {name: web, namespace: shop}
        spec: {ingressClassName: alb}
        """);
    ActionContext ctx = Actions.apply(action("groupSuffix: -green"), ingress);
    assertEquals(ingress, ctx.object().node());
    assertTrue(ctx.findings().isEmpty());
  }

  @Test
  void refusesUnusableParameters() {
    String message = assertThrows(IllegalArgumentException.class, () -> action("targetGroups: {\"" + OLD + "\": web-green}")).getMessage();
    assertTrue(message.contains("is not a target group ARN"), message);
    message = assertThrows(IllegalArgumentException.class, () -> action("targetGroups: {web: \"" + NEW + "\"}")).getMessage();
    assertTrue(message.contains("neither a target group ARN nor namespace/name"), message);
    message = assertThrows(IllegalArgumentException.class, () -> action("groupSuffix: _Green")).getMessage();
    assertTrue(message.contains("groupSuffix"), message);
    assertThrows(IllegalArgumentException.class, () -> action("targetGroups: not-a-map"));
  }

  @Test
  void theExampleBuildsAnAction() throws Exception {
    assertTrue(ConverterExamples.build(TargetGroupBindingRetarget.SPEC) instanceof TargetGroupBindingRetarget);
  }
}
