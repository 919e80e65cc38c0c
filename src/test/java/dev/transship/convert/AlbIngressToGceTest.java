package dev.transship.convert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.transship.convert.alb.AlbIngressToGce;
import dev.transship.finding.Finding;
import dev.transship.kube.Json;
import dev.transship.kube.KubeObject;
import dev.transship.rules.ActionContext;
import dev.transship.rules.ConverterConfig;
import dev.transship.rules.ObjectAction;
import dev.transship.testing.Actions;
import dev.transship.testing.CrdSchemas;
import java.util.List;
import org.junit.jupiter.api.Test;

class AlbIngressToGceTest {
  private static final String INGRESS = """
      apiVersion: networking.k8s.io/v1
      kind: Ingress
      metadata:
        name: web
        namespace: shop
        finalizers: [group.ingress.k8s.aws/shop-public, example.com/keep]
        annotations:
          alb.ingress.kubernetes.io/scheme: internet-facing
          alb.ingress.kubernetes.io/group.name: shop-public
          alb.ingress.kubernetes.io/certificate-arn: arn:aws:acm:us-east-1:1:certificate/a
          alb.ingress.kubernetes.io/listen-ports: '[{"HTTPS": 443}]'
          alb.ingress.kubernetes.io/ssl-redirect: "443"
          alb.ingress.kubernetes.io/ssl-policy: ELBSecurityPolicy-TLS13-1-2-2021-06
          alb.ingress.kubernetes.io/healthcheck-path: /healthz
          alb.ingress.kubernetes.io/healthcheck-interval-seconds: "15"
          alb.ingress.kubernetes.io/success-codes: "200"
          alb.ingress.kubernetes.io/target-group-attributes: deregistration_delay.timeout_seconds=30,stickiness.enabled=true,stickiness.type=lb_cookie,stickiness.lb_cookie.duration_seconds=604800
          alb.ingress.kubernetes.io/wafv2-acl-arn: arn:aws:wafv2:us-east-1:1:regional/webacl/shop/x
          alb.ingress.kubernetes.io/tags: team=shop
          alb.ingress.kubernetes.io/security-groups: sg-1
      spec:
        ingressClassName: alb
        tls: [{hosts: [shop.example.com, "*.shop.example.com"]}]
        rules:
        - host: shop.example.com
          http:
            paths:
            - {path: /, pathType: Prefix, backend: {service: {name: web, port: {name: http}}}}
            - {path: /static/*, pathType: ImplementationSpecific, backend: {service: {name: web, port: {name: http}}}}
            - {path: /api*, pathType: ImplementationSpecific, backend: {service: {name: web, port: {name: http}}}}
            - {path: "/v?/x", pathType: ImplementationSpecific, backend: {service: {name: web, port: {name: http}}}}
            - {path: /down, pathType: Exact, backend: {service: {name: response-503, port: {name: use-annotation}}}}
      """;
  private static final String SERVICE = """
      apiVersion: v1
      kind: Service
      metadata:
        name: web
        namespace: shop
        annotations: {alb.ingress.kubernetes.io/healthcheck-path: /ready, alb.ingress.kubernetes.io/backend-protocol: HTTPS}
      spec:
        ports: [{name: http, port: 80}]
      """;

  private static ObjectAction converter(String with) throws Exception {
    ObjectAction action = AlbIngressToGce.SPEC.create(new ConverterConfig((ObjectNode) Json.YAML.readTree(with)));
    for (String yaml : List.of(INGRESS, SERVICE)) {
      ObjectNode object = Actions.yaml(yaml);
      action.index(Actions.keyOf(object), new KubeObject(object));
    }
    return action;
  }

  private static boolean has(ActionContext ctx, String check) {
    return ctx.findings().stream().map(Finding::check).anyMatch(check::equals);
  }

  @Test
  void convertsClassSchemeAndRemovesAlbAnnotationsAndFinalizers() throws Exception {
    ActionContext ctx = Actions.apply(converter("{}"), Actions.yaml(INGRESS));
    KubeObject ingress = ctx.object();
    assertEquals("gce", ingress.annotation("kubernetes.io/ingress.class"));
    assertTrue(ingress.node().path("spec").path("ingressClassName").isMissingNode(), "the API server rejects class annotation plus field");
    assertTrue(ingress.annotations().keySet().stream().noneMatch(k -> k.startsWith("alb.ingress.kubernetes.io/")));
    assertEquals(List.of("example.com/keep"), ingress.finalizers());
    assertEquals("false", ingress.annotation("kubernetes.io/ingress.allow-http"));
    assertTrue(has(ctx, "alb-group-name"));
    assertTrue(has(ctx, "alb-infra-annotation"), "tags are reported, not dropped silently");
    assertTrue(has(ctx, "alb-unsupported-annotation"), "security-groups are reported");
  }

  @Test
  void missingSchemeStaysInternal() throws Exception {
    ObjectNode ingress = Actions.yaml(INGRESS);
    ((ObjectNode) ingress.at("/metadata/annotations")).remove("alb.ingress.kubernetes.io/scheme");
    ActionContext ctx = Actions.apply(converter("{}"), ingress);
    assertEquals("gce-internal", ctx.object().annotation("kubernetes.io/ingress.class"));
    assertTrue(has(ctx, "alb-scheme-default-internal"));
  }

  @Test
  void rewritesPathsToGceRules() throws Exception {
    ActionContext ctx = Actions.apply(converter("{}"), Actions.yaml(INGRESS));
    JsonNode paths = ctx.object().node().at("/spec/rules/0/http/paths");
    assertEquals(3, paths.size(), paths.toString());
    assertEquals("/static/*", paths.get(1).path("path").asText());
    assertEquals("/api", paths.get(2).path("path").asText());
    assertEquals("Prefix", paths.get(2).path("pathType").asText());
    assertTrue(has(ctx, "alb-path-widened"));
    assertTrue(has(ctx, "alb-path-unconvertible"));
    assertTrue(has(ctx, "alb-action-backend"));
  }

  @Test
  void generatesManagedCertificateForNonWildcardHostsAndFrontendConfig() throws Exception {
    ActionContext ctx = Actions.apply(converter("{sslPolicies: {ELBSecurityPolicy-TLS13-1-2-2021-06: modern-tls}}"), Actions.yaml(INGRESS));
    ObjectNode cert = generated(ctx, "ManagedCertificate");
    assertEquals("[\"shop.example.com\"]", cert.at("/spec/domains").toString());
    assertEquals("web-cert", ctx.object().annotation("networking.gke.io/managed-certificates"));
    assertTrue(has(ctx, "alb-certificate-wildcard"));
    ObjectNode frontend = generated(ctx, "FrontendConfig");
    assertEquals("modern-tls", frontend.at("/spec/sslPolicy").asText());
    assertTrue(frontend.at("/spec/redirectToHttps").isMissingNode(), "an HTTPS-only ALB had no HTTP listener for ssl-redirect to redirect");
    assertEquals(List.of(), CrdSchemas.errors(CrdSchemas.load(CrdSchemas.gkeCrd("managedcertificates-crd.yaml"), "v1"), cert));
    assertEquals(List.of(), CrdSchemas.errors(CrdSchemas.load(CrdSchemas.gkeCrd("frontendconfigs-crd.yaml"), "v1beta1"), frontend));
  }

  @Test
  void mappedCertificatesBecomePreSharedCerts() throws Exception {
    ActionContext ctx = Actions.apply(converter("{preSharedCerts: {\"arn:aws:acm:us-east-1:1:certificate/a\": shop-cert}}"), Actions.yaml(INGRESS));
    assertEquals("shop-cert", ctx.object().annotation("ingress.gcp.kubernetes.io/pre-shared-cert"));
    assertTrue(ctx.generated().stream().noneMatch(g -> "ManagedCertificate".equals(g.path("kind").asText())));
  }

  @Test
  void backendServiceGetsNegAndAValidBackendConfigWithServiceValuesWinning() throws Exception {
    ActionContext ctx = Actions.apply(converter("{securityPolicies: {\"arn:aws:wafv2:us-east-1:1:regional/webacl/shop/x\": shop-armor}}"), Actions.yaml(SERVICE));
    KubeObject service = ctx.object();
    assertEquals("{\"ingress\": true}", service.annotation("cloud.google.com/neg"));
    assertEquals("{\"default\":\"web-backendconfig\"}", service.annotation("cloud.google.com/backend-config"));
    assertEquals("{\"http\":\"HTTPS\"}", service.annotation("cloud.google.com/app-protocols"));
    ObjectNode bc = generated(ctx, "BackendConfig");
    assertEquals("/ready", bc.at("/spec/healthCheck/requestPath").asText(), "the Service's annotation wins");
    assertEquals(15, bc.at("/spec/healthCheck/checkIntervalSec").asInt(), "the Ingress's value applies");
    assertEquals(30, bc.at("/spec/connectionDraining/drainingTimeoutSec").asInt());
    assertEquals(86400, bc.at("/spec/sessionAffinity/affinityCookieTtlSec").asInt(), "clamped to BackendConfig's maximum");
    assertEquals("shop-armor", bc.at("/spec/securityPolicy/name").asText());
    assertTrue(has(ctx, "alb-cookie-ttl-clamped"));
    assertEquals(List.of(), CrdSchemas.errors(CrdSchemas.load(CrdSchemas.gkeCrd("backendconfigs-crd.yaml"), "v1"), bc));
    assertTrue(service.annotations().keySet().stream().noneMatch(k -> k.startsWith("alb.ingress.kubernetes.io/")));
  }

  @Test
  void leavesOtherIngressesAlone() throws Exception {
    ObjectNode nginx = Actions.yaml("apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata: {name: n, namespace: shop}\nspec: {ingressClassName: nginx}\n");
    ActionContext ctx = Actions.apply(converter("{}"), nginx);
    assertEquals(nginx, ctx.object().node());
    assertTrue(ctx.findings().isEmpty());
  }

  @Test
  void dropsAlbIngressClasses() throws Exception {
    ActionContext ctx = Actions.apply(converter("{}"),
        Actions.yaml("apiVersion: networking.k8s.io/v1\nkind: IngressClass\nmetadata: {name: alb}\nspec: {controller: ingress.k8s.aws/alb}\n"));
    assertTrue(ctx.dropped());
    assertFalse(ctx.findings().isEmpty());
  }

  private static ObjectNode generated(ActionContext ctx, String kind) {
    return ctx.generated().stream().filter(g -> kind.equals(g.path("kind").asText())).findFirst()
        .orElseThrow(() -> new AssertionError("no generated " + kind));
  }

  /** The converter with no parameters, after its index pass over {@code objects} in that order. */
  private static ObjectAction indexedOver(ObjectNode... objects) throws Exception {
    ObjectAction action = AlbIngressToGce.SPEC.create(new ConverterConfig((ObjectNode) Json.YAML.readTree("{}")));
    for (ObjectNode o : objects) {
      action.index(Actions.keyOf(o), new KubeObject(o));
    }
    return action;
  }

  @Test
  void aClasslessIngressOfADefaultAlbClassIsConvertedAndAutoModeParamsAreReported() throws Exception {
    ObjectNode defaultClass = Actions.yaml("""
        apiVersion: networking.k8s.io/v1
        kind: IngressClass
        metadata:
          name: auto-alb
          annotations: {ingressclass.kubernetes.io/is-default-class: "true"}
        spec:
          controller: eks.amazonaws.com/alb
          parameters: {apiGroup: eks.amazonaws.com, kind: IngressClassParams, name: auto-params}
        """);
    ObjectNode params = Actions.yaml("""
        apiVersion: eks.amazonaws.com/v1
        kind: IngressClassParams
        metadata: {name: auto-params}
        spec: {scheme: internet-facing, certificateARNs: ["arn:aws:acm:us-west-2:1:certificate/x"]}
        """);
    ObjectNode ingress = Actions.yaml("""
        apiVersion: networking.k8s.io/v1
        kind: Ingress
        metadata: {name: classless, namespace: shop, annotations: {alb.ingress.kubernetes.io/scheme: internet-facing}}
        spec:
          rules: [{http: {paths: [{path: /, pathType: Prefix, backend: {service: {name: web, port: {number: 80}}}}]}}]
        """);
    ObjectAction action = indexedOver(ingress, defaultClass, params); // the class after the Ingress, as a backup may order them

    ActionContext ctx = Actions.apply(action, ingress);

    assertEquals("gce", ctx.object().annotation("kubernetes.io/ingress.class"), "converted although it names no class");
    assertTrue(has(ctx, "alb-class-params-auto-mode"), ctx.findings().toString());
  }

  @Test
  void classParamsWinOverTheIngressAndSaySo() throws Exception {
    ObjectNode internalClass = Actions.yaml("""
        apiVersion: networking.k8s.io/v1
        kind: IngressClass
        metadata: {name: internal-alb}
        spec:
          controller: ingress.k8s.aws/alb
          parameters: {apiGroup: elbv2.k8s.aws, kind: IngressClassParams, name: internal-only}
        """);
    ObjectNode params = Actions.yaml("""
        apiVersion: elbv2.k8s.aws/v1beta1
        kind: IngressClassParams
        metadata: {name: internal-only}
        spec: {scheme: internal}
        """);
    ObjectNode ingress = Actions.yaml("""
        apiVersion: networking.k8s.io/v1
        kind: Ingress
        metadata: {name: admin, namespace: shop, annotations: {alb.ingress.kubernetes.io/scheme: internet-facing}}
        spec:
          ingressClassName: internal-alb
          rules: [{http: {paths: [{path: /, pathType: Prefix, backend: {service: {name: admin, port: {number: 80}}}}]}}]
        """);
    ObjectAction action = indexedOver(internalClass, params, ingress);

    ActionContext ctx = Actions.apply(action, ingress);

    assertEquals("gce-internal", ctx.object().annotation("kubernetes.io/ingress.class"), "the class keeps it internal, as on EKS");
    assertTrue(has(ctx, "alb-class-params-override"), ctx.findings().toString());
  }
}
