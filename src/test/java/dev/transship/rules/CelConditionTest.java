package dev.transship.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.transship.testing.Actions;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CelConditionTest {
  private static final ObjectNode ALB = Actions.yaml("""
      apiVersion: networking.k8s.io/v1
      kind: Ingress
      metadata:
        name: web-front
        namespace: shop
        labels: {app: web}
        annotations: {eks.amazonaws.com/role-arn: "arn:aws:iam::1:role/x"}
      spec:
        ingressClassName: alb
        replicas: 3
      """);
  private static final ObjectNode DEPLOYMENT = Actions.yaml("""
      apiVersion: apps/v1
      kind: CronJob
      metadata: {name: report, namespace: shop}
      spec:
        template:
          spec:
            containers: [{name: a, image: "123.dkr.ecr.us-east-1.amazonaws.com/x:1"}, {name: b, image: "nginx:1"}]
      """);

  private static boolean eval(String expr, ObjectNode object) throws Exception {
    return CelCondition.compile(expr).matches(object, Map.of("gcpProject", "acme"));
  }

  @Test
  void evaluatesTheExpressionsKubernetesUsersWrite() throws Exception {
    assertTrue(eval("object.spec.?ingressClassName.orValue('') == 'alb'", ALB));
    assertFalse(eval("object.spec.?ingressClassName.orValue('') == 'alb'", DEPLOYMENT));
    assertTrue(eval("has(object.metadata.annotations) && 'eks.amazonaws.com/role-arn' in object.metadata.annotations", ALB));
    assertFalse(eval("has(object.metadata.annotations) && 'eks.amazonaws.com/role-arn' in object.metadata.annotations", DEPLOYMENT));
    assertTrue(eval("object.metadata.name.startsWith('web-')", ALB));
    assertTrue(eval("object.spec.template.spec.containers.exists(c, c.image.contains('.dkr.ecr.'))", DEPLOYMENT));
    assertFalse(eval("object.spec.template.spec.containers.all(c, c.image.contains('.dkr.ecr.'))", DEPLOYMENT));
    assertTrue(eval("object.kind == 'CronJob' && object.spec.?suspend.orValue(false) == false", DEPLOYMENT));
    assertTrue(eval("params.gcpProject != ''", ALB));
    assertTrue(eval("object.metadata.labels['app'] == 'web'", ALB));
    assertTrue(eval("object.spec.replicas > 2", ALB));
    assertTrue(eval("object.metadata.name.lowerAscii() == 'web-front'", ALB));
  }

  @Test
  void compileErrorsSayWhere() {
    String message = assertThrows(IllegalArgumentException.class, () -> CelCondition.compile("object.spec.(")).getMessage();
    assertTrue(message.startsWith("at 1:"), message);
    assertThrows(IllegalArgumentException.class, () -> CelCondition.compile("'not a bool'"), "must be a bool");
    var notBool = assertThrows(ActionFailedException.class, () -> eval("object.metadata.name", ALB));
    assertTrue(notBool.getMessage().endsWith("gave web-front, not true or false"), notBool.getMessage());
  }

  @Test
  void missingFieldsFailWithAHint() {
    var e = assertThrows(ActionFailedException.class, () -> eval("object.spec.foo == 'x'", ALB));
    assertTrue(e.getMessage().startsWith("when: object.spec.foo == 'x': "), e.getMessage());
    assertTrue(e.getMessage().contains("has()"), e.getMessage());
  }

  @Test
  void nullValuesCompareAsNull() throws Exception {
    ObjectNode withNull = Actions.yaml("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\ndata: {a: null}\n");
    assertTrue(eval("object.data.a == null", withNull));
  }
}
