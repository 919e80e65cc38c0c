package dev.transship.convert.identity;

import static dev.transship.testing.Actions.yaml;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.transship.finding.Finding;
import dev.transship.finding.Severity;
import dev.transship.rules.ActionContext;
import dev.transship.rules.ConverterConfig;
import dev.transship.rules.ObjectAction;
import dev.transship.testing.Actions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class IrsaToWorkloadIdentityTest {
  private static final String ROLE = "arn:aws:iam::123456789012:role/shop-web";
  private static final String WITH = "{gcpProject: acme-prod-123, serviceAccounts: {'" + ROLE + "': shop-web@acme-prod-123.iam.gserviceaccount.com}}";

  private static ObjectAction converter(String with) {
    return IrsaToWorkloadIdentity.SPEC.create(new ConverterConfig(yaml(with)));
  }

  private static ObjectNode serviceAccount(String role) {
    return yaml("""
        apiVersion: v1
        kind: ServiceAccount
        metadata:
          name: web
          namespace: shop
          annotations:
            eks.amazonaws.com/role-arn: "%s"
            eks.amazonaws.com/sts-regional-endpoints: "true"
            eks.amazonaws.com/token-expiration: "86400"
            meta.helm.sh/release-name: shop
        """.formatted(role));
  }

  private static final String POD_SPEC = """
      serviceAccountName: web
      containers:
      - name: web
        image: web
        env:
        - {name: CLUSTER_NAME, value: prod-eks-1}
        - {name: AWS_ROLE_ARN, value: "arn:aws:iam::123456789012:role/shop-web"}
        - {name: AWS_WEB_IDENTITY_TOKEN_FILE, value: /var/run/secrets/eks.amazonaws.com/serviceaccount/token}
        - {name: AWS_REGION, value: us-east-1}
        volumeMounts:
        - {name: aws-iam-token, mountPath: /var/run/secrets/eks.amazonaws.com/serviceaccount, readOnly: true}
        - {name: config, mountPath: /etc/app}
      - name: sidecar
        image: proxy
        volumeMounts: [{name: aws-iam-token, mountPath: /var/run/secrets/eks.amazonaws.com/serviceaccount}]
      volumes:
      - name: aws-iam-token
        projected:
          sources:
          - serviceAccountToken: {audience: sts.amazonaws.com, expirationSeconds: 86400, path: token}
      - {name: config, configMap: {name: app}}
      """;

  private static Finding only(ActionContext ctx, String check) {
    List<Finding> found = ctx.findings().stream().filter(f -> f.check().equals(check)).toList();
    assertEquals(1, found.size(), check + " in " + ctx.findings());
    return found.get(0);
  }

  @Test
  void mappedRoleBecomesAGoogleServiceAccountWithTheBindingAsHint() throws Exception {
    ActionContext ctx = Actions.apply(converter(WITH), serviceAccount(ROLE));

    assertEquals(Map.of("iam.gke.io/gcp-service-account", "shop-web@acme-prod-123.iam.gserviceaccount.com",
        "meta.helm.sh/release-name", "shop"), ctx.object().annotations());
    Finding mapped = only(ctx, "irsa-mapped");
    assertEquals(Severity.INFO, mapped.severity());
    assertTrue(mapped.hint().contains("gcloud iam service-accounts add-iam-policy-binding shop-web@acme-prod-123.iam.gserviceaccount.com "
        + "--role roles/iam.workloadIdentityUser --member \"serviceAccount:acme-prod-123.svc.id.goog[shop/web]\""), mapped.hint());
    assertEquals(2, ctx.findings().stream().filter(f -> f.check().equals("irsa-annotation-removed")).count());
  }

  @Test
  void unmappedRoleIsAnErrorWithTheCommandToRun() throws Exception {
    ActionContext ctx = Actions.apply(converter(WITH), serviceAccount("arn:aws:iam::123456789012:role/other"));

    assertFalse(ctx.object().annotations().containsKey("iam.gke.io/gcp-service-account"));
    assertTrue(ctx.object().annotations().keySet().stream().noneMatch(k -> k.startsWith("eks.amazonaws.com/")));
    Finding error = only(ctx, "irsa-unmapped");
    assertEquals(Severity.ERROR, error.severity());
    assertTrue(error.message().contains("arn:aws:iam::123456789012:role/other"));
    assertTrue(error.hint().contains("--member \"serviceAccount:acme-prod-123.svc.id.goog[shop/web]\""), error.hint());
    assertTrue(error.hint().contains("roles/iam.workloadIdentityUser"));
  }

  @Test
  void removesWebhookInjectionFromBarePods() throws Exception {
    ObjectNode pod = yaml("apiVersion: v1\nkind: Pod\nmetadata:\n  name: web-x\n  namespace: shop\n"
        + "  annotations: {eks.amazonaws.com/skip-containers: sidecar}\nspec:\n" + POD_SPEC.indent(2));
    ActionContext ctx = Actions.apply(converter(WITH), pod);

    var spec = ctx.object().node().path("spec");
    assertEquals(List.of("CLUSTER_NAME", "AWS_REGION"), names(spec.at("/containers/0/env")));
    assertEquals(List.of("config"), names(spec.at("/containers/0/volumeMounts")));
    assertFalse(spec.at("/containers/1").has("volumeMounts"));
    assertEquals(List.of("config"), names(spec.path("volumes")));
    assertTrue(ctx.object().annotations().isEmpty());
    Finding removed = only(ctx, "irsa-injection-removed");
    assertEquals(Severity.INFO, removed.severity());
    assertTrue(removed.message().contains("AWS_ROLE_ARN, AWS_WEB_IDENTITY_TOKEN_FILE"), removed.message());
    assertTrue(removed.message().contains("aws-iam-token"));
  }

  @Test
  void removesHandWrittenSettingsFromTemplatesWithAWarning() throws Exception {
    ObjectNode cronJob = yaml("apiVersion: batch/v1\nkind: CronJob\nmetadata: {name: report, namespace: shop}\nspec:\n"
        + "  schedule: '@daily'\n  jobTemplate:\n    spec:\n      template:\n        spec:\n" + POD_SPEC.indent(10));
    ActionContext ctx = Actions.apply(converter(WITH), cronJob);

    assertEquals(List.of("config"), names(ctx.object().node().at("/spec/jobTemplate/spec/template/spec/volumes")));
    Finding warning = only(ctx, "irsa-injection-removed");
    assertEquals(Severity.WARNING, warning.severity());
    assertTrue(warning.message().contains("spec.jobTemplate.spec.template.spec"), warning.message());
    assertTrue(warning.hint().contains("OIDC issuer"));
  }

  @Test
  void objectsWithoutIrsaAreUntouched() throws Exception {
    ObjectNode account = yaml("{apiVersion: v1, kind: ServiceAccount, metadata: {name: plain, namespace: shop}}");
    ObjectNode deployment = yaml("""
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: api, namespace: shop}
        spec:
          template:
            spec:
              containers: [{name: api, image: api, env: [{name: AWS_REGION, value: us-east-1}]}]
              volumes: [{name: aws-iam-token, secret: {secretName: not-projected}}]
        """);
    for (ObjectNode object : List.of(account, deployment)) {
      ActionContext ctx = Actions.apply(converter(WITH), object);
      assertEquals(object, ctx.object().node());
      assertEquals(List.of(), ctx.findings());
    }
  }

  @Test
  void rejectsUnusableParameters() {
    assertThrows(IllegalArgumentException.class, () -> converter("{gcpProject: Acme_Prod}"));
    assertThrows(IllegalArgumentException.class, () -> converter("{gcpProject: acme-prod, serviceAccounts: [x]}"));
    assertThrows(IllegalArgumentException.class, () -> converter("{gcpProject: acme-prod, serviceAccounts: {shop-web: a@b.iam.gserviceaccount.com}}"));
    assertThrows(IllegalArgumentException.class, () -> converter("{gcpProject: acme-prod, serviceAccounts: {'" + ROLE + "': shop-web}}"));
  }

  private static List<String> names(JsonNode list) {
    List<String> out = new ArrayList<>();
    list.forEach(e -> out.add(e.path("name").asText()));
    return out;
  }
}
