package dev.transship.convert.registry;

import static dev.transship.testing.Actions.yaml;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.transship.archive.ItemPath;
import dev.transship.archive.RawItem;
import dev.transship.finding.Finding;
import dev.transship.finding.Severity;
import dev.transship.kube.Json;
import dev.transship.rules.ActionContext;
import dev.transship.rules.ConverterConfig;
import dev.transship.rules.ObjectAction;
import dev.transship.testing.Actions;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

class EcrToRegistryTest {
  private static final String ECR = "123456789012.dkr.ecr.us-east-1.amazonaws.com";
  private static final String TARGET = "europe-west1-docker.pkg.dev/acme-prod/shop";
  private static final String WITH = "{registries: {" + ECR + ": " + TARGET + "/}}";
  private static final String TOKEN = "eyJwYXlsb2FkIjoiU0VDUkVULVRPS0VOIn0";

  private static ObjectAction converter(String with) {
    return EcrToRegistry.SPEC.create(new ConverterConfig(yaml(with)));
  }

  private static Finding only(ActionContext ctx, String check) {
    List<Finding> found = ctx.findings().stream().filter(f -> f.check().equals(check)).toList();
    assertEquals(1, found.size(), check + " in " + ctx.findings());
    return found.get(0);
  }

  private static String base64(String text) {
    return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }

  private static String decoded(ActionContext ctx, String key) {
    return new String(Base64.getDecoder().decode(ctx.object().node().path("data").path(key).asText()), StandardCharsets.UTF_8);
  }

  private static ObjectNode pullSecret(String type, String key, String config) {
    return yaml("""
        apiVersion: v1
        kind: Secret
        metadata: {name: regcred, namespace: shop}
        type: %s
        data:
          %s: %s
        """.formatted(type, key, base64(config)));
  }

  private static RawItem raw(ObjectNode object) {
    return new RawItem(ItemPath.legacy(Actions.keyOf(object)), "x", Json.bytes(object));
  }

  private static String ecrAuth(String host) {
    return "\"" + host + "\": {\"username\": \"AWS\", \"password\": \"" + TOKEN + "\", \"auth\": \"" + base64("AWS:" + TOKEN) + "\"}";
  }

  @Test
  void rewritesEveryContainerKindOfADeployment() throws Exception {
    ObjectNode deployment = yaml("""
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: web, namespace: shop}
        spec:
          template:
            spec:
              imagePullSecrets: [{name: regcred}]
              initContainers: [{name: assets, image: "%1$s/shop/web-assets:1.4.2"}]
              containers:
              - {name: web, image: "%1$s/shop/web@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"}
              - {name: envoy, image: docker.io/envoyproxy/envoy:v1.31.0}
              ephemeralContainers: [{name: debug, image: "%1$s/tools:2"}]
        """.formatted(ECR));
    ActionContext ctx = Actions.apply(converter(WITH), deployment);

    var spec = ctx.object().node().at("/spec/template/spec");
    assertEquals(TARGET + "/shop/web-assets:1.4.2", spec.at("/initContainers/0/image").asText());
    assertEquals(TARGET + "/shop/web@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef", spec.at("/containers/0/image").asText());
    assertEquals("docker.io/envoyproxy/envoy:v1.31.0", spec.at("/containers/1/image").asText());
    assertEquals(TARGET + "/tools:2", spec.at("/ephemeralContainers/0/image").asText());
    assertEquals("regcred", spec.at("/imagePullSecrets/0/name").asText(), "pull secret references stay");
    List<Finding> rewritten = ctx.findings().stream().filter(f -> f.check().equals("ecr-image-rewritten")).toList();
    assertEquals(3, rewritten.size());
    assertTrue(rewritten.get(0).message().startsWith("spec.template.spec initContainer assets: "), rewritten.get(0).message());
    assertTrue(rewritten.get(0).hint().startsWith("copy the image"), rewritten.get(0).hint());
  }

  @Test
  void rewritesCronJobsAndBarePods() throws Exception {
    ObjectNode cronJob = yaml("apiVersion: batch/v1\nkind: CronJob\nmetadata: {name: c, namespace: shop}\nspec:\n  jobTemplate:\n"
        + "    spec:\n      template:\n        spec:\n          containers: [{name: r, image: '" + ECR + "/shop/reports:0.9.1'}]\n");
    assertEquals(TARGET + "/shop/reports:0.9.1", Actions.apply(converter(WITH), cronJob).object().node()
        .at("/spec/jobTemplate/spec/template/spec/containers/0/image").asText());
    ObjectNode pod = yaml("apiVersion: v1\nkind: Pod\nmetadata: {name: p, namespace: shop}\nspec:\n  containers: [{name: r, image: '"
        + ECR + "/shop/web:1'}]\n");
    assertEquals(TARGET + "/shop/web:1", Actions.apply(converter(WITH), pod).object().node().at("/spec/containers/0/image").asText());
  }

  @Test
  void longestMappingWins() throws Exception {
    ObjectAction action = converter("{registries: {" + ECR + ": eu-docker.pkg.dev/p/all, " + ECR + "/payments: eu-docker.pkg.dev/p/payments}}");
    ObjectNode pod = yaml("apiVersion: v1\nkind: Pod\nmetadata: {name: p, namespace: shop}\nspec:\n  containers:\n"
        + "  - {name: a, image: '" + ECR + "/payments/billing:3'}\n  - {name: b, image: '" + ECR + "/paymentsx:1'}\n");
    var spec = Actions.apply(action, pod).object().node().path("spec");
    assertEquals("eu-docker.pkg.dev/p/payments/billing:3", spec.at("/containers/0/image").asText());
    assertEquals("eu-docker.pkg.dev/p/all/paymentsx:1", spec.at("/containers/1/image").asText());
  }

  @Test
  void unmappedEcrIsAnErrorAndPublicEcrIsLeftAlone() throws Exception {
    ObjectNode pod = yaml("""
        apiVersion: v1
        kind: Pod
        metadata: {name: p, namespace: shop}
        spec:
          containers:
          - {name: other, image: "999999999999.dkr.ecr.eu-west-1.amazonaws.com/x:1"}
          - {name: redis, image: public.ecr.aws/docker/library/redis:7.2}
          - {name: cni, image: "602401143452.dkr.ecr.us-east-1.amazonaws.com/amazon-k8s-cni:v1.18.0"}
        """);
    ActionContext ctx = Actions.apply(converter(WITH), pod);

    var spec = ctx.object().node().path("spec");
    assertEquals("999999999999.dkr.ecr.eu-west-1.amazonaws.com/x:1", spec.at("/containers/0/image").asText());
    assertEquals("public.ecr.aws/docker/library/redis:7.2", spec.at("/containers/1/image").asText());
    List<Finding> errors = ctx.findings().stream().filter(f -> f.check().equals("ecr-image-unmapped")).toList();
    assertEquals(2, errors.size());
    assertEquals(Severity.ERROR, errors.get(0).severity());
    assertTrue(errors.get(0).hint().contains("'999999999999.dkr.ecr.eu-west-1.amazonaws.com: <target image prefix>'"), errors.get(0).hint());
    assertTrue(errors.get(1).hint().contains("EKS system component"), errors.get(1).hint());
    assertEquals(Severity.INFO, only(ctx, "ecr-public-image").severity());
  }

  @Test
  void ecrPullSecretLosesItsTokenAndIsMarkedForRegeneration() throws Exception {
    ObjectNode secret = pullSecret("kubernetes.io/dockerconfigjson", ".dockerconfigjson", "{\"auths\": {" + ecrAuth(ECR) + "}}");
    ActionContext ctx = Actions.apply(converter(WITH), secret);

    assertEquals("{\"auths\":{}}", decoded(ctx, ".dockerconfigjson"));
    assertEquals("europe-west1-docker.pkg.dev", ctx.object().annotation("transship.dev/regenerate-pull-secret"));
    Finding info = only(ctx, "ecr-pull-secret-regenerate");
    assertEquals(Severity.INFO, info.severity());
    assertTrue(info.message().contains("12h"), info.message());
    assertTrue(info.message().contains("minted at restore time"), info.message());
    assertNoSecretIn(ctx, secret);
  }

  /** Of the Secrets the rule pack hands it, only pull secrets are parsed: the others are most of a backup's Secrets. */
  @Test
  void onlyPullSecretsAmongSecretsAreParsed() {
    ObjectAction action = converter(WITH);
    assertTrue(action.mayApply(raw(pullSecret("kubernetes.io/dockerconfigjson", ".dockerconfigjson", "{\"auths\": {" + ecrAuth(ECR) + "}}"))));
    assertTrue(action.mayApply(raw(pullSecret("kubernetes.io/dockercfg", ".dockercfg", "{" + ecrAuth(ECR) + "}"))));
    assertFalse(action.mayApply(raw(yaml("{apiVersion: v1, kind: Secret, metadata: {name: db, namespace: shop}, type: Opaque, data: {password: c2VjcmV0}}"))));
    assertFalse(action.mayApply(raw(yaml("{apiVersion: v1, kind: Secret, metadata: {name: sh.helm.release.v1.web.v3, namespace: shop},"
        + " type: helm.sh/release.v1, data: {release: SDRzSUFBQUFBQUFDLzZ4V2JXL2JOaEQrSzRSLzJ3QmxTN2JqTnY0MnBGMWJZRnVMcGh1d0FZTkJpeWRQY2lTU0l5a25RWkQvdnFOa3A0NGZGMHpZRlhDcz09fQ==}}"))));
    assertTrue(action.mayApply(raw(yaml("{apiVersion: v1, kind: Pod, metadata: {name: web, namespace: shop}, spec: {containers: [{name: web, image: nginx}]}}"))),
        "a pod's images are only known once parsed");
  }

  @Test
  void mixedPullSecretKeepsTheOtherRegistries() throws Exception {
    String hub = "\"https://index.docker.io/v1/\": {\"auth\": \"" + base64("me:hub-password") + "\"}";
    ObjectNode secret = pullSecret("kubernetes.io/dockerconfigjson", ".dockerconfigjson",
        "{\"auths\": {\"https://" + ECR + "\": {\"auth\": \"" + base64("AWS:" + TOKEN) + "\"}, " + hub + "}}");
    ActionContext ctx = Actions.apply(converter(WITH), secret);

    String config = decoded(ctx, ".dockerconfigjson");
    assertFalse(config.contains(ECR));
    assertTrue(config.contains("index.docker.io"));
    assertEquals(Severity.WARNING, only(ctx, "ecr-pull-secret-mixed").severity());
    assertTrue(only(ctx, "ecr-pull-secret-mixed").message().contains("https://index.docker.io/v1/"));
    assertNoSecretIn(ctx, secret);
    assertTrue(ctx.findings().stream().noneMatch(f -> (f.message() + f.hint()).contains("hub-password")));
  }

  @Test
  void legacyDockercfgAndUnmappedHosts() throws Exception {
    ObjectNode secret = pullSecret("kubernetes.io/dockercfg", ".dockercfg", "{" + ecrAuth("999999999999.dkr.ecr.eu-west-1.amazonaws.com") + "}");
    ActionContext ctx = Actions.apply(converter(WITH), secret);

    assertEquals("{}", decoded(ctx, ".dockercfg"));
    assertNull(ctx.object().annotation("transship.dev/regenerate-pull-secret"));
    assertEquals(Severity.ERROR, only(ctx, "ecr-pull-secret-unmapped").severity());
    assertNoSecretIn(ctx, secret);
  }

  @Test
  void unreadablePullSecretIsReportedWithoutItsContent() throws Exception {
    ObjectNode secret = yaml("""
        apiVersion: v1
        kind: Secret
        metadata: {name: regcred, namespace: shop}
        type: kubernetes.io/dockerconfigjson
        data: {.dockerconfigjson: "%s"}
        """.formatted(base64("{not json " + TOKEN)));
    ActionContext ctx = Actions.apply(converter(WITH), secret);
    assertEquals(secret, ctx.object().node());
    assertEquals(Severity.WARNING, only(ctx, "ecr-pull-secret-unreadable").severity());
    assertNoSecretIn(ctx, secret);
  }

  @Test
  void otherSecretsAndObjectsAreUntouched() throws Exception {
    ObjectNode hubOnly = pullSecret("kubernetes.io/dockerconfigjson", ".dockerconfigjson", "{\"auths\": {\"ghcr.io\": {\"auth\": \"eA==\"}}}");
    ObjectNode opaque = yaml("{apiVersion: v1, kind: Secret, metadata: {name: db, namespace: shop}, type: Opaque, data: {password: c2VjcmV0}}");
    ObjectNode configMap = yaml("{apiVersion: v1, kind: ConfigMap, metadata: {name: c, namespace: shop}, data: {image: '" + ECR + "/x:1'}}");
    for (ObjectNode object : List.of(hubOnly, opaque, configMap)) {
      ActionContext ctx = Actions.apply(converter(WITH), object);
      assertEquals(object, ctx.object().node());
      assertEquals(List.of(), ctx.findings());
    }
  }

  @Test
  void rejectsUnusableRegistries() {
    assertThrows(IllegalArgumentException.class, () -> converter("{registries: [a]}"));
    assertThrows(IllegalArgumentException.class, () -> converter("{registries: {docker.io: europe-docker.pkg.dev/p/r}}"));
    assertThrows(IllegalArgumentException.class, () -> converter("{registries: {'https://" + ECR + "': europe-docker.pkg.dev/p/r}}"));
    assertThrows(IllegalArgumentException.class, () -> converter("{registries: {" + ECR + ": shop}}"));
  }

  /** Neither the token nor any encoding of it may reach a finding. */
  private static void assertNoSecretIn(ActionContext ctx, ObjectNode original) {
    String data = original.path("data").elements().next().asText();
    for (Finding f : ctx.findings()) {
      String text = f.message() + " " + f.hint();
      assertFalse(text.contains(TOKEN), text);
      assertFalse(text.contains(base64("AWS:" + TOKEN)), text);
      assertFalse(text.contains(data), text);
    }
    assertFalse(Json.compact(ctx.object().node()).contains(TOKEN));
  }

  /** refreshEcrPullSecrets: the same secret handling for moves that keep their ECR registries. */
  @Test
  void aRefreshedPullSecretIsMintedAfreshForTheSameRegistries() throws Exception {
    String hub = "\"https://index.docker.io/v1/\": {\"auth\": \"" + base64("me:hub-password") + "\"}";
    ObjectNode secret = pullSecret("kubernetes.io/dockerconfigjson", ".dockerconfigjson", "{\"auths\": {" + ecrAuth(ECR) + ", " + hub + "}}");
    ObjectAction refresh = RefreshEcrPullSecrets.SPEC.create(new ConverterConfig(Json.object()));
    assertTrue(refresh.mayApply(raw(secret)));
    ActionContext ctx = Actions.apply(refresh, secret);

    assertEquals(ECR, ctx.object().annotation("transship.dev/regenerate-pull-secret"), "minted for the registry it had");
    assertFalse(decoded(ctx, ".dockerconfigjson").contains(ECR));
    assertTrue(decoded(ctx, ".dockerconfigjson").contains("index.docker.io"));
    only(ctx, "ecr-pull-secret-regenerate");
    assertNoSecretIn(ctx, secret);

    ObjectNode opaque = yaml("{apiVersion: v1, kind: Secret, metadata: {name: db, namespace: shop}, type: Opaque, data: {password: c2VjcmV0}}");
    assertFalse(refresh.mayApply(raw(opaque)),
        "an opaque Secret passes through unparsed");
  }
}
