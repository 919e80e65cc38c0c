package dev.transship.convert.services;

import static dev.transship.testing.Actions.yaml;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.transship.finding.Finding;
import dev.transship.finding.Severity;
import dev.transship.rules.ActionContext;
import dev.transship.rules.ConverterConfig;
import dev.transship.rules.ObjectAction;
import dev.transship.testing.Actions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AwsServiceToGkeL4Test {
  private static final String AWS = "service.beta.kubernetes.io/aws-load-balancer-";

  private static ObjectAction converter(String with) {
    return AwsServiceToGkeL4.SPEC.create(new ConverterConfig(yaml(with)));
  }

  private static ActionContext run(String with, String annotations, String spec) throws Exception {
    return Actions.apply(converter(with), yaml("""
        apiVersion: v1
        kind: Service
        metadata:
          name: api
          namespace: shop
          annotations: %s
        spec: %s
        """.formatted(annotations, spec)));
  }

  private static Finding only(ActionContext ctx, String check) {
    List<Finding> found = ctx.findings().stream().filter(f -> f.check().equals(check)).toList();
    assertEquals(1, found.size(), check + " in " + ctx.findings());
    return found.get(0);
  }

  @Test
  void loadBalancerControllerNlbWithoutSchemeStaysInternal() throws Exception {
    ActionContext ctx = run("{}", "{" + AWS + "nlb-target-type: ip}",
        "{type: LoadBalancer, loadBalancerClass: service.k8s.aws/nlb, ports: [{port: 443}]}");

    assertEquals("Internal", ctx.object().annotation("networking.gke.io/load-balancer-type"));
    assertFalse(ctx.object().node().path("spec").has("loadBalancerClass"));
    assertNull(ctx.object().annotation(AWS + "nlb-target-type"));
    assertEquals(Severity.WARNING, only(ctx, "svc-scheme").severity());
    assertTrue(only(ctx, "svc-lb-class").message().contains("service.k8s.aws/nlb"));
    assertEquals(Severity.INFO, only(ctx, "svc-annotation-dropped").severity());
    assertNull(ctx.object().annotation("cloud.google.com/l4-rbs"), "internal load balancers are not backend-service based");
  }

  @Test
  void externalTypeAnnotationAloneMeansTheControllerAndInternal() throws Exception {
    ActionContext ctx = run("{}", "{" + AWS + "type: external}", "{type: LoadBalancer}");
    assertEquals("Internal", ctx.object().annotation("networking.gke.io/load-balancer-type"));
    assertTrue(ctx.object().annotations().keySet().stream().noneMatch(k -> k.startsWith(AWS)));
  }

  @Test
  void sampleInternalNlbConvertsAsTheShopNeedsIt() throws Exception {
    ActionContext ctx = run("{}", "{" + AWS + "type: external, " + AWS + "nlb-target-type: ip, " + AWS + "scheme: internal, "
        + AWS + "cross-zone-load-balancing-enabled: 'true'}", "{type: LoadBalancer, loadBalancerClass: service.k8s.aws/nlb}");

    assertEquals(Map.of("networking.gke.io/load-balancer-type", "Internal"), ctx.object().annotations());
    assertEquals(Severity.INFO, only(ctx, "svc-scheme").severity());
    assertTrue(only(ctx, "svc-scheme").message().contains("scheme: internal"));
    // type, target type and cross-zone: one finding each
    assertEquals(3, ctx.findings().stream().filter(f -> f.check().equals("svc-annotation-dropped")).count());
  }

  @Test
  void inTreeLoadBalancerDefaultsToInternetFacing() throws Exception {
    ActionContext ctx = run("{}", "{" + AWS + "connection-idle-timeout: '60'}", "{type: LoadBalancer}");
    assertNull(ctx.object().annotation("networking.gke.io/load-balancer-type"));
    assertEquals("enabled", ctx.object().annotation("cloud.google.com/l4-rbs"));
    assertTrue(only(ctx, "svc-scheme").message().contains("in-tree"));
    assertEquals(Severity.INFO, only(ctx, "svc-scheme").severity());
  }

  @Test
  void legacyInternalAnnotationAndExplicitInternetFacing() throws Exception {
    ActionContext cidr = run("{}", "{" + AWS + "internal: 0.0.0.0/0}", "{type: LoadBalancer}");
    assertEquals("Internal", cidr.object().annotation("networking.gke.io/load-balancer-type"));
    assertNull(cidr.object().annotation(AWS + "internal"));

    ActionContext off = run("{}", "{" + AWS + "internal: 'false'}", "{type: LoadBalancer, loadBalancerClass: service.k8s.aws/nlb}");
    assertNull(off.object().annotation("networking.gke.io/load-balancer-type"));

    ActionContext facing = run("{backendServiceBased: false}", "{" + AWS + "scheme: internet-facing}",
        "{type: LoadBalancer, loadBalancerClass: eks.amazonaws.com/nlb}");
    assertNull(facing.object().annotation("networking.gke.io/load-balancer-type"));
    assertNull(facing.object().annotation("cloud.google.com/l4-rbs"));
    assertFalse(facing.object().node().path("spec").has("loadBalancerClass"));
  }

  @Test
  void schemeAnnotationWinsAndTheOverriddenOneIsStillReported() throws Exception {
    ActionContext ctx = run("{}", "{" + AWS + "scheme: internet-facing, " + AWS + "internal: 'true'}",
        "{type: LoadBalancer, loadBalancerClass: service.k8s.aws/nlb}");
    assertNull(ctx.object().annotation("networking.gke.io/load-balancer-type"));
    assertEquals(Map.of("cloud.google.com/l4-rbs", "enabled"), ctx.object().annotations());
    assertTrue(only(ctx, "svc-annotation-dropped").message().contains(AWS + "internal: true"));
  }

  @Test
  void tlsTerminationAndProxyProtocolAreErrors() throws Exception {
    ActionContext ctx = run("{}", "{" + AWS + "ssl-cert: 'arn:aws:acm:us-east-1:1:certificate/x', " + AWS + "ssl-ports: '443', "
        + AWS + "proxy-protocol: '*'}", "{type: LoadBalancer}");
    List<Finding> tls = ctx.findings().stream().filter(f -> f.check().equals("svc-tls-termination")).toList();
    assertEquals(2, tls.size());
    assertEquals(Severity.ERROR, tls.get(0).severity());
    assertEquals(Severity.ERROR, only(ctx, "svc-proxy-protocol").severity());
    assertFalse(only(ctx, "svc-proxy-protocol").hint().isEmpty());

    ActionContext v2 = run("{}", "{" + AWS + "target-group-attributes: 'proxy_protocol_v2.enabled=true,deregistration_delay.timeout_seconds=30'}",
        "{type: LoadBalancer, loadBalancerClass: service.k8s.aws/nlb}");
    assertEquals(Severity.ERROR, only(v2, "svc-proxy-protocol").severity());
  }

  @Test
  void elasticIpsBecomeReservedAddressesWhenMapped() throws Exception {
    String annotations = "{" + AWS + "scheme: internet-facing, " + AWS + "eip-allocations: 'eipalloc-1,eipalloc-2'}";
    String spec = "{type: LoadBalancer, loadBalancerClass: service.k8s.aws/nlb}";

    ActionContext mapped = run("{addresses: {shop/api: shop-api-ip}}", annotations, spec);
    assertEquals("shop-api-ip", mapped.object().annotation("networking.gke.io/load-balancer-ip-addresses"));
    assertNull(mapped.object().annotation(AWS + "eip-allocations"));
    assertEquals(Severity.INFO, only(mapped, "svc-static-ip").severity());
    assertTrue(only(mapped, "svc-static-ip").message().contains("eipalloc-1"));

    ActionContext unmapped = run("{}", annotations, spec);
    assertNull(unmapped.object().annotation("networking.gke.io/load-balancer-ip-addresses"));
    assertNull(unmapped.object().annotation(AWS + "eip-allocations"));
    Finding warning = only(unmapped, "svc-static-ip");
    assertEquals(Severity.WARNING, warning.severity());
    assertTrue(warning.hint().contains("shop/api: NAME"), warning.hint());
  }

  @Test
  void sourceRangesAreKeptAndSecurityGroupsWithoutThemWarn() throws Exception {
    ActionContext ranges = run("{}", "{" + AWS + "security-groups: sg-1}",
        "{type: LoadBalancer, loadBalancerClass: service.k8s.aws/nlb, loadBalancerSourceRanges: [10.0.0.0/8]}");
    assertEquals("10.0.0.0/8", ranges.object().node().at("/spec/loadBalancerSourceRanges/0").asText());
    only(ranges, "svc-source-ranges");
    assertEquals(Severity.INFO, only(ranges, "svc-annotation-dropped").severity());

    ActionContext open = run("{}", "{" + AWS + "security-groups: sg-1}", "{type: LoadBalancer, loadBalancerClass: service.k8s.aws/nlb}");
    Finding warning = only(open, "svc-annotation-unsupported");
    assertEquals(Severity.WARNING, warning.severity());
    assertTrue(warning.hint().contains("loadBalancerSourceRanges"));
  }

  @Test
  void unknownAwsAnnotationsAreWarnings() throws Exception {
    ActionContext ctx = run("{}", "{" + AWS + "some-future-knob: x, " + AWS + "healthcheck-path: /healthz}", "{type: LoadBalancer}");
    assertEquals(Severity.WARNING, only(ctx, "svc-annotation-unsupported").severity());
    assertTrue(only(ctx, "svc-annotation-unsupported").message().contains("some-future-knob"));
    assertEquals(Severity.INFO, only(ctx, "svc-annotation-dropped").severity());
  }

  @Test
  void nonLoadBalancerServicesOnlyLoseTheirAwsAnnotations() throws Exception {
    ActionContext ctx = run("{}", "{" + AWS + "scheme: internal, keep: me}", "{type: ClusterIP}");
    assertEquals(Map.of("keep", "me"), ctx.object().annotations());
    assertEquals(1, ctx.findings().size());
    assertEquals("svc-annotation-dropped", ctx.findings().get(0).check());
  }

  @Test
  void servicesWithoutAwsSettingsAreUntouched() throws Exception {
    var plain = yaml("apiVersion: v1\nkind: Service\nmetadata: {name: web, namespace: shop, annotations: {a: b}}\n"
        + "spec: {type: LoadBalancer, loadBalancerClass: example.com/lb}");
    ActionContext ctx = Actions.apply(converter("{}"), plain);
    assertEquals(plain, ctx.object().node());
    assertEquals(List.of(), ctx.findings());

    var configMap = yaml("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c, namespace: shop, annotations: {" + AWS + "scheme: internal}}");
    assertEquals(configMap, Actions.apply(converter("{}"), configMap).object().node());
  }

  @Test
  void rejectsUnusableParameters() {
    assertThrows(IllegalArgumentException.class, () -> converter("{addresses: [a]}"));
    assertThrows(IllegalArgumentException.class, () -> converter("{addresses: {api: ip}}"));
  }
}
