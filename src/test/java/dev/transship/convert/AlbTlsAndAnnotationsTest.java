package dev.transship.convert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.transship.convert.alb.AlbIngressToGce;
import dev.transship.finding.Finding;
import dev.transship.finding.Severity;
import dev.transship.kube.Json;
import dev.transship.kube.KubeObject;
import dev.transship.rules.ActionContext;
import dev.transship.rules.ConverterConfig;
import dev.transship.rules.ObjectAction;
import dev.transship.testing.Actions;
import dev.transship.testing.CrdSchemas;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * TLS, listeners and the long tail of ALB annotations, on Ingresses shaped like the AWS Load
 * Balancer Controller's documented examples (certificate discovery, the ssl-redirect action of the
 * v1 controller era, IP-restricted load balancers).
 */
class AlbTlsAndAnnotationsTest {
  /** An ALB Ingress of the "echoserver" walkthrough shape; annotations are added per test. */
  private static ObjectNode ingress(String annotations, String spec) throws Exception {
    return Actions.yaml("""
        apiVersion: networking.k8s.io/v1
        kind: Ingress
        metadata:
          name: echoserver
          namespace: echoserver
          annotations:
            %s
        spec:
          ingressClassName: alb
        %s
        """.formatted(annotations.replace("\n", "\n    "), spec.indent(2)));
  }

  private static final String HOSTS = """
      rules:
      - host: echoserver.example.com
        http:
          paths:
          - {path: /, pathType: Prefix, backend: {service: {name: echoserver, port: {number: 80}}}}
      """;

  private static ActionContext convert(String with, ObjectNode object) throws Exception {
    ObjectAction action = AlbIngressToGce.SPEC.create(new ConverterConfig((ObjectNode) Json.YAML.readTree(with)));
    action.index(Actions.keyOf(object), new KubeObject(object.deepCopy()));
    return Actions.apply(action, object);
  }

  private static List<String> checks(ActionContext ctx) {
    return ctx.findings().stream().map(Finding::check).toList();
  }

  private static long errors(ActionContext ctx) {
    return ctx.findings().stream().filter(f -> f.severity() == Severity.ERROR).count();
  }

  private static ObjectNode generated(ActionContext ctx, String kind) {
    return ctx.generated().stream().filter(g -> kind.equals(g.path("kind").asText())).findFirst().orElse(null);
  }

  @Test
  void discoveredCertificatesOfAnExternalHttpsIngressBecomeAManagedCertificate() throws Exception {
    ActionContext ctx = convert("{}", ingress("""
        alb.ingress.kubernetes.io/scheme: internet-facing
        alb.ingress.kubernetes.io/listen-ports: '[{"HTTPS":443}]'""", "tls:\n- hosts: [echoserver.example.com]\n" + HOSTS));
    ObjectNode cert = generated(ctx, "ManagedCertificate");
    assertEquals("[\"echoserver.example.com\"]", cert.at("/spec/domains").toString());
    assertEquals("false", ctx.object().annotation("kubernetes.io/ingress.allow-http"), "the ALB had no HTTP listener");
    assertEquals(0, errors(ctx), ctx.findings().toString());
    assertEquals(List.of(), CrdSchemas.errors(CrdSchemas.load(CrdSchemas.gkeCrd("managedcertificates-crd.yaml"), "v1"), cert));
  }

  @Test
  void anInternalHttpsIngressWithoutMappedCertificatesIsAnErrorNotAManagedCertificate() throws Exception {
    ActionContext ctx = convert("{}", ingress("""
        alb.ingress.kubernetes.io/scheme: internal
        alb.ingress.kubernetes.io/certificate-arn: arn:aws:acm:eu-west-1:111122223333:certificate/int""", HOSTS));
    assertNull(generated(ctx, "ManagedCertificate"), "GKE has no Google-managed certificates for internal Ingresses");
    assertTrue(checks(ctx).contains("alb-tls-lost"), ctx.findings().toString());
    assertEquals("false", ctx.object().annotation("kubernetes.io/ingress.allow-http"),
        "certificate-arn without listen-ports means HTTPS:443 only; nothing is served in the clear instead");

    ActionContext mapped = convert("{preSharedCerts: {\"arn:aws:acm:eu-west-1:111122223333:certificate/int\": echo-regional}}", ingress("""
        alb.ingress.kubernetes.io/scheme: internal
        alb.ingress.kubernetes.io/certificate-arn: arn:aws:acm:eu-west-1:111122223333:certificate/int""", HOSTS));
    assertEquals("echo-regional", mapped.object().annotation("ingress.gcp.kubernetes.io/pre-shared-cert"));
    assertEquals(0, errors(mapped), mapped.findings().toString());
  }

  @Test
  void tlsHostsWithoutListenPortsServedPlainHttpOnTheAlbAndGetNoCertificate() throws Exception {
    ActionContext ctx = convert("{}", ingress("alb.ingress.kubernetes.io/scheme: internet-facing",
        "tls:\n- hosts: [echoserver.example.com]\n" + HOSTS));
    assertNull(generated(ctx, "ManagedCertificate"), "without listen-ports or certificate-arn the controller built HTTP:80 only");
    assertNull(ctx.object().annotation("kubernetes.io/ingress.allow-http"));
    assertEquals(0, errors(ctx));
  }

  @Test
  void aHostlessIngressWithACertificateKeepsItOrSaysItServesNoHttps() throws Exception {
    String annotations = """
        alb.ingress.kubernetes.io/scheme: internet-facing
        alb.ingress.kubernetes.io/certificate-arn: arn:aws:acm:eu-west-1:111122223333:certificate/any""";
    String hostless = "defaultBackend: {service: {name: echoserver, port: {number: 80}}}";
    ActionContext lost = convert("{}", ingress(annotations, hostless));
    assertTrue(checks(lost).contains("alb-tls-lost"), lost.findings().toString());
    assertTrue(lost.findings().stream().anyMatch(f -> f.message().contains("serve no HTTPS")));

    ActionContext kept = convert("{preSharedCerts: {\"arn:aws:acm:eu-west-1:111122223333:certificate/any\": echo-cert}}", ingress(annotations, hostless));
    assertEquals("echo-cert", kept.object().annotation("ingress.gcp.kubernetes.io/pre-shared-cert"));
    assertEquals(0, errors(kept));
  }

  @Test
  void aTlsSecretIsServedByGkeAndCountsAsTheCertificate() throws Exception {
    ActionContext ctx = convert("{}", ingress("""
        alb.ingress.kubernetes.io/scheme: internal
        alb.ingress.kubernetes.io/listen-ports: '[{"HTTPS":443}]'""", "tls:\n- hosts: [echoserver.example.com]\n  secretName: echo-tls\n" + HOSTS));
    assertTrue(checks(ctx).contains("alb-tls-secret"));
    assertEquals(0, errors(ctx), "GKE serves the Secret, internal or not: " + ctx.findings());
  }

  /** The v1 controller's spelling: capitalised action JSON and a v1beta1-shaped backend. */
  @Test
  void theLegacySslRedirectActionBecomesAFrontendConfigRedirect() throws Exception {
    ActionContext ctx = convert("{}", ingress("""
        alb.ingress.kubernetes.io/scheme: internet-facing
        alb.ingress.kubernetes.io/certificate-arn: arn:aws:acm:eu-west-1:111122223333:certificate/e
        alb.ingress.kubernetes.io/listen-ports: '[{"HTTP": 80}, {"HTTPS":443}]'
        alb.ingress.kubernetes.io/actions.ssl-redirect: '{"Type": "redirect", "RedirectConfig": { "Protocol": "HTTPS", "Port": "443", "StatusCode": "HTTP_302"}}'""",
        """
        rules:
        - host: echoserver.example.com
          http:
            paths:
            - {path: /*, pathType: ImplementationSpecific, backend: {serviceName: ssl-redirect, servicePort: use-annotation}}
            - {path: /*, pathType: ImplementationSpecific, backend: {service: {name: echoserver, port: {number: 80}}}}
        """));
    ObjectNode frontend = generated(ctx, "FrontendConfig");
    assertEquals("FOUND", frontend.at("/spec/redirectToHttps/responseCodeName").asText());
    assertEquals(1, ctx.object().node().at("/spec/rules/0/http/paths").size(), "the action's path is gone, the Service's stays");
    assertFalse(checks(ctx).contains("alb-action-backend"), ctx.findings().toString());
    assertFalse(checks(ctx).contains("alb-custom-action"), "the redirect action was carried over, not lost");
    assertTrue(checks(ctx).contains("alb-redirect-action"));
    assertEquals(List.of(), CrdSchemas.errors(CrdSchemas.load(CrdSchemas.gkeCrd("frontendconfigs-crd.yaml"), "v1beta1"), frontend));
  }

  @Test
  void theCurrentSslRedirectActionOnADefaultBackendIsCarriedOver() throws Exception {
    ActionContext ctx = convert("{}", ingress("""
        alb.ingress.kubernetes.io/scheme: internet-facing
        alb.ingress.kubernetes.io/certificate-arn: arn:aws:acm:eu-west-1:111122223333:certificate/e
        alb.ingress.kubernetes.io/listen-ports: '[{"HTTP": 80}, {"HTTPS":443}]'
        alb.ingress.kubernetes.io/actions.ssl-redirect: '{"type":"redirect","redirectConfig":{"protocol":"HTTPS","port":"443","statusCode":"HTTP_301"}}'""",
        "defaultBackend: {service: {name: ssl-redirect, port: {name: use-annotation}}}\n" + HOSTS));
    assertEquals("MOVED_PERMANENTLY_DEFAULT", generated(ctx, "FrontendConfig").at("/spec/redirectToHttps/responseCodeName").asText());
    assertTrue(ctx.object().node().at("/spec/defaultBackend").isMissingNode());
    assertEquals(0, errors(ctx), ctx.findings().toString());
  }

  @Test
  void aRedirectElsewhereIsStillAnError() throws Exception {
    ActionContext ctx = convert("{}", ingress("""
        alb.ingress.kubernetes.io/scheme: internet-facing
        alb.ingress.kubernetes.io/actions.moved: '{"type":"redirect","redirectConfig":{"host":"new.example.com","protocol":"HTTPS","statusCode":"HTTP_301"}}'""",
        "defaultBackend: {service: {name: moved, port: {name: use-annotation}}}\n" + HOSTS));
    assertTrue(checks(ctx).contains("alb-action-backend"));
    assertNull(generated(ctx, "FrontendConfig"));
  }

  @Test
  void anInternalIngressThatRedirectedStopsServingHttpInstead() throws Exception {
    ActionContext ctx = convert("{preSharedCerts: {\"arn:aws:acm:eu-west-1:111122223333:certificate/i\": echo-regional}}", ingress("""
        alb.ingress.kubernetes.io/scheme: internal
        alb.ingress.kubernetes.io/certificate-arn: arn:aws:acm:eu-west-1:111122223333:certificate/i
        alb.ingress.kubernetes.io/listen-ports: '[{"HTTP": 80}, {"HTTPS":443}]'
        alb.ingress.kubernetes.io/ssl-redirect: '443'
        alb.ingress.kubernetes.io/ssl-policy: ELBSecurityPolicy-TLS13-1-2-2021-06""", HOSTS));
    assertNull(generated(ctx, "FrontendConfig"), "internal GKE Ingresses take neither redirects nor SSL policies");
    assertEquals("false", ctx.object().annotation("kubernetes.io/ingress.allow-http"));
    assertTrue(checks(ctx).containsAll(List.of("alb-redirect-internal", "alb-ssl-policy-internal")), ctx.findings().toString());
  }

  @Test
  void aRedirectIsNotCarriedToAnIngressThatServesNoHttps() throws Exception {
    ActionContext ctx = convert("{}", ingress("""
        alb.ingress.kubernetes.io/scheme: internet-facing
        alb.ingress.kubernetes.io/listen-ports: '[{"HTTP": 80}, {"HTTPS":443}]'
        alb.ingress.kubernetes.io/ssl-redirect: '443'""", "defaultBackend: {service: {name: echoserver, port: {number: 80}}}"));
    assertNull(generated(ctx, "FrontendConfig"), "redirecting to an HTTPS listener that does not exist would break every request");
    assertTrue(checks(ctx).containsAll(List.of("alb-tls-lost", "alb-redirect-dropped")), ctx.findings().toString());
  }

  @Test
  void losingInboundCidrsOfAnExternalLoadBalancerIsAnErrorUnlessAPolicyTakesThem() throws Exception {
    String annotations = """
        alb.ingress.kubernetes.io/scheme: internet-facing
        alb.ingress.kubernetes.io/inbound-cidrs: 10.0.0.0/8, 203.0.113.0/24""";
    ActionContext lost = convert("{}", ingress(annotations, HOSTS));
    assertEquals(Severity.ERROR, lost.findings().stream().filter(f -> f.check().equals("alb-inbound-cidrs-lost")).findFirst().orElseThrow().severity());

    ObjectNode ingress = ingress(annotations, HOSTS);
    ObjectNode service = Actions.yaml("""
        apiVersion: v1
        kind: Service
        metadata: {name: echoserver, namespace: echoserver}
        spec: {ports: [{name: http, port: 80}]}
        """);
    ObjectAction action = AlbIngressToGce.SPEC.create(new ConverterConfig((ObjectNode) Json.YAML.readTree(
        "{inboundCidrPolicies: {echoserver/echoserver: office-only}}")));
    action.index(Actions.keyOf(ingress), new KubeObject(ingress.deepCopy()));
    ActionContext onIngress = Actions.apply(action, ingress);
    assertFalse(checks(onIngress).contains("alb-inbound-cidrs-lost"), onIngress.findings().toString());
    ActionContext onService = Actions.apply(action, service);
    assertEquals("office-only", generated(onService, "BackendConfig").at("/spec/securityPolicy/name").asText());

    ActionContext internal = convert("{}", ingress("alb.ingress.kubernetes.io/inbound-cidrs: 10.1.0.0/16", HOSTS));
    assertTrue(checks(internal).contains("alb-inbound-cidrs-internal"));
    assertEquals(0, errors(internal), "an internal load balancer does not become public");
    ActionContext open = convert("{}", ingress("""
        alb.ingress.kubernetes.io/scheme: internet-facing
        alb.ingress.kubernetes.io/inbound-cidrs: 0.0.0.0/0""", HOSTS));
    assertEquals(0, errors(open));
  }

  @Test
  void aCidrPolicyIsNotAttachedToABackendAnOpenIngressSharesAndThatIsAnError() throws Exception {
    ObjectNode restricted = ingress("""
        alb.ingress.kubernetes.io/scheme: internet-facing
        alb.ingress.kubernetes.io/inbound-cidrs: 203.0.113.0/24""", HOSTS);
    ObjectNode open = ingress("alb.ingress.kubernetes.io/scheme: internet-facing", HOSTS);
    ((ObjectNode) open.path("metadata")).put("name", "public");
    ObjectNode service = Actions.yaml("""
        apiVersion: v1
        kind: Service
        metadata: {name: echoserver, namespace: echoserver, annotations: {alb.ingress.kubernetes.io/healthcheck-path: /healthz}}
        spec: {ports: [{name: http, port: 80}]}
        """);
    ObjectAction action = AlbIngressToGce.SPEC.create(new ConverterConfig((ObjectNode) Json.YAML.readTree(
        "{inboundCidrPolicies: {echoserver/echoserver: partners-only}}")));
    for (ObjectNode o : List.of(restricted, open)) {
      action.index(Actions.keyOf(o), new KubeObject(o.deepCopy()));
    }
    ActionContext ctx = Actions.apply(action, service);
    assertTrue(checks(ctx).contains("alb-inbound-cidrs-shared-backend"), ctx.findings().toString());
    assertTrue(generated(ctx, "BackendConfig").at("/spec/securityPolicy").isMissingNode(),
        "the policy would have restricted the open Ingress too");
  }

  @Test
  void aStaticAddressIsGivenPerIngress() throws Exception {
    String with = "{staticIps: {echoserver/echoserver: echo-ip, echoserver/other: other-ip}}";
    ActionContext external = convert(with, ingress("alb.ingress.kubernetes.io/scheme: internet-facing", HOSTS));
    assertEquals("echo-ip", external.object().annotation("kubernetes.io/ingress.global-static-ip-name"));
    ActionContext internal = convert(with, ingress("alb.ingress.kubernetes.io/scheme: internal", HOSTS));
    assertEquals("echo-ip", internal.object().annotation("kubernetes.io/ingress.regional-static-ip-name"));
    ObjectNode unnamed = ingress("alb.ingress.kubernetes.io/scheme: internet-facing", HOSTS);
    ((ObjectNode) unnamed.path("metadata")).put("name", "third");
    ActionContext third = convert(with, unnamed);
    assertNull(third.object().annotation("kubernetes.io/ingress.global-static-ip-name"), "an address is never shared by Ingresses");
  }

  @Test
  void anIngressWithAlbAnnotationsOfAnotherClassIsAFinding() throws Exception {
    ObjectNode nginx = ingress("alb.ingress.kubernetes.io/healthcheck-path: /healthz", HOSTS);
    ((ObjectNode) nginx.path("spec")).put("ingressClassName", "nginx");
    ActionContext ctx = convert("{}", nginx);
    assertEquals(List.of("alb-annotations-not-converted"), checks(ctx));
    assertEquals("/healthz", ctx.object().annotation("alb.ingress.kubernetes.io/healthcheck-path"), "kept as they are");
  }

  /**
   * Every annotation the AWS Load Balancer Controller defines (its pkg/annotations suffixes, as of
   * v2.13) is either converted or named in a finding; a key it does not define is reported too.
   */
  @ParameterizedTest
  @ValueSource(strings = {"load-balancer-name", "group.order", "tags", "ip-address-type", "subnets", "customer-owned-ipv4-pool",
      "shield-advanced-protection", "security-groups", "auth-type", "auth-idp-cognito", "auth-idp-oidc", "auth-on-unauthenticated-request",
      "auth-scope", "auth-session-cookie", "auth-session-timeout", "jwt-validation", "target-node-labels", "manage-backend-security-group-rules",
      "mutual-authentication", "security-group-prefix-lists", "listener-attributes.HTTPS-443", "multi-cluster-target-group",
      "minimum-load-balancer-capacity", "ipam-ipv4-pool-id", "enable-frontend-nlb", "frontend-nlb-scheme", "frontend-nlb-subnets",
      "frontend-nlb-security-groups", "frontend-nlb-listener-port-mapping", "frontend-nlb-eip-allocations", "frontend-nlb-healthcheck-port",
      "frontend-nlb-attributes", "frontend-nlb-tags", "use-regex-path-match", "target-control-port", "acm-pca-arn", "dry-run-plan",
      "conditions.echoserver", "transforms.echoserver", "actions.unused", "no-such-annotation"})
  void everyAnnotationThatIsNotConvertedIsNamedInAFinding(String suffix) throws Exception {
    String key = "alb.ingress.kubernetes.io/" + suffix;
    ActionContext ctx = convert("{}", ingress("alb.ingress.kubernetes.io/scheme: internet-facing\n" + key + ": 'x'", HOSTS));
    assertTrue(ctx.findings().stream().anyMatch(f -> f.message().contains(key)), key + " in " + ctx.findings());
    assertNull(ctx.object().annotation(key));
  }

  /** The ALB attributes of the ELB API, each carried into the BackendConfig or named in a finding. */
  @Test
  void everyLoadBalancerAndTargetGroupAttributeIsMappedOrReported() throws Exception {
    Map<String, String> lb = new java.util.LinkedHashMap<>();
    for (String name : List.of("deletion_protection.enabled=true", "access_logs.s3.bucket=logs", "access_logs.s3.prefix=echo",
        "ipv6.deny_all_igw_traffic=true", "routing.http.desync_mitigation_mode=strictest", "routing.http.drop_invalid_header_fields.enabled=true",
        "routing.http.preserve_host_header.enabled=true", "routing.http.x_amzn_tls_version_and_cipher_suite.enabled=true",
        "routing.http.xff_client_port.enabled=true", "routing.http.xff_header_processing.mode=remove", "routing.http2.enabled=false",
        "waf.fail_open.enabled=true", "client_keep_alive.seconds=600", "zonal_shift.config.enabled=true", "connection_logs.s3.enabled=true",
        "connection_logs.s3.bucket=logs", "load_balancing.cross_zone.enabled=true", "health_check_logs.s3.enabled=true", "made_up.attribute=1")) {
      lb.put(name.substring(0, name.indexOf('=')), name.substring(name.indexOf('=') + 1));
    }
    Map<String, String> tg = new java.util.LinkedHashMap<>();
    for (String name : List.of("slow_start.duration_seconds=30", "load_balancing.algorithm.type=least_outstanding_requests",
        "load_balancing.algorithm.anomaly_mitigation=on", "load_balancing.cross_zone.enabled=true",
        "target_group_health.dns_failover.minimum_healthy_targets.count=2", "target_group_health.unhealthy_state_routing.minimum_healthy_targets.percentage=50",
        "lambda.multi_value_headers.enabled=false", "proxy_protocol_v2.enabled=true", "preserve_client_ip.enabled=true", "another_made_up=1")) {
      tg.put(name.substring(0, name.indexOf('=')), name.substring(name.indexOf('=') + 1));
    }
    ObjectNode ingress = ingress("""
        alb.ingress.kubernetes.io/scheme: internet-facing
        alb.ingress.kubernetes.io/load-balancer-attributes: %s
        alb.ingress.kubernetes.io/target-group-attributes: %s""".formatted(join(lb), join(tg)), HOSTS);
    ObjectNode service = Actions.yaml("""
        apiVersion: v1
        kind: Service
        metadata: {name: echoserver, namespace: echoserver}
        spec: {ports: [{name: http, port: 80}]}
        """);
    ObjectAction action = AlbIngressToGce.SPEC.create(new ConverterConfig(Json.object()));
    action.index(Actions.keyOf(ingress), new KubeObject(ingress.deepCopy()));
    ActionContext ctx = Actions.apply(action, service);
    List<String> unreported = new ArrayList<>();
    for (String name : concat(lb.keySet(), tg.keySet())) {
      if (ctx.findings().stream().noneMatch(f -> f.message().contains(" " + name + "="))) {
        unreported.add(name);
      }
    }
    assertEquals(List.of(), unreported, ctx.findings().toString());
    assertTrue(checks(ctx).contains("alb-attribute-unknown"));
    assertTrue(ctx.findings().stream().anyMatch(f -> f.check().equals("alb-attribute-lost") && f.message().contains("slow_start")));
  }

  private static String join(Map<String, String> attributes) {
    return attributes.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(","));
  }

  private static List<String> concat(java.util.Collection<String> a, java.util.Collection<String> b) {
    List<String> out = new ArrayList<>(a);
    out.addAll(b);
    return out;
  }
}
