package dev.transship.cloud;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.transship.cloud.IngressClassIndex.Controller;
import dev.transship.cloud.IngressClassIndex.ParamsRef;
import dev.transship.kube.KubeObject;
import dev.transship.testing.Actions;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** IngressClasses as the AWS Load Balancer Controller, EKS Auto Mode and GKE ship them. */
class IngressClassIndexTest {
  private static KubeObject object(String yaml) {
    return new KubeObject(Actions.yaml(yaml));
  }

  private static final KubeObject AUTO_MODE_DEFAULT = object("""
      apiVersion: networking.k8s.io/v1
      kind: IngressClass
      metadata:
        name: auto-alb
        annotations: {ingressclass.kubernetes.io/is-default-class: "true"}
      spec:
        controller: eks.amazonaws.com/alb
        parameters: {apiGroup: eks.amazonaws.com, kind: IngressClassParams, name: auto-params}
      """);
  private static final KubeObject LBC = object("""
      apiVersion: networking.k8s.io/v1
      kind: IngressClass
      metadata: {name: internal-alb}
      spec:
        controller: ingress.k8s.aws/alb
        parameters: {apiGroup: elbv2.k8s.aws, kind: IngressClassParams, name: internal}
      """);
  private static final KubeObject NGINX = object("""
      apiVersion: networking.k8s.io/v1
      kind: IngressClass
      metadata: {name: nginx}
      spec: {controller: k8s.io/ingress-nginx}
      """);

  private static KubeObject ingress(String classAnnotation, String className) {
    KubeObject ingress = object("apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata: {name: web, namespace: shop}\nspec: {}\n");
    if (classAnnotation != null) {
      ingress.setAnnotation("kubernetes.io/ingress.class", classAnnotation);
    }
    if (className != null) {
      KubeObject.objectAt(ingress.node(), "spec").put("ingressClassName", className);
    }
    return ingress;
  }

  private static IngressClassIndex index(KubeObject... classes) {
    IngressClassIndex index = new IngressClassIndex();
    for (KubeObject c : classes) {
      index.observe(c);
    }
    return index;
  }

  @Test
  void aClasslessIngressGoesToTheDefaultClassAndItsParams() {
    IngressClassIndex index = index(AUTO_MODE_DEFAULT, LBC, NGINX);
    KubeObject classless = ingress(null, null);

    assertEquals(Controller.ALB, index.controllerOf(classless));
    assertEquals(Optional.of(new ParamsRef("eks.amazonaws.com", "auto-params")), index.paramsOf(classless));
  }

  @Test
  void withoutADefaultAClasslessIngressIsGkesAndAnUnknownClassSomeoneElses() {
    IngressClassIndex index = index(LBC, NGINX);

    assertEquals(Controller.GCE, index.controllerOf(ingress(null, null)));
    assertEquals(Controller.OTHER, index.controllerOf(ingress(null, "traefik")));
    assertEquals(Controller.OTHER, index.controllerOf(ingress(null, "nginx")));
    assertEquals(Controller.ALB, index.controllerOf(ingress(null, "alb")), "the controller's own class name needs no object");
  }

  @Test
  void theClassAnnotationWinsAndBypassesClassParams() {
    IngressClassIndex index = index(LBC, NGINX);
    KubeObject both = ingress("nginx", "internal-alb");

    assertEquals(Controller.OTHER, index.controllerOf(both));
    assertEquals(Controller.ALB, index.controllerOf(ingress("internal-alb", null)));
    assertTrue(index.paramsOf(ingress("internal-alb", null)).isEmpty(), "a legacy-annotation Ingress gets no IngressClassParams");
    assertEquals(Optional.of(new ParamsRef("elbv2.k8s.aws", "internal")), index.paramsOf(ingress(null, "internal-alb")));
  }

  @Test
  void classesObservedAfterTheirIngressStillAnswer() {
    IngressClassIndex index = new IngressClassIndex();
    KubeObject early = ingress(null, null);
    assertEquals(Controller.GCE, index.controllerOf(early));
    index.observe(AUTO_MODE_DEFAULT);
    assertEquals(Controller.ALB, index.controllerOf(early));
  }
}
