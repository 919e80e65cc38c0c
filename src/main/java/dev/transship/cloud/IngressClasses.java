package dev.transship.cloud;

import dev.transship.kube.KubeObject;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Which controller serves an Ingress, from its class (annotation, then spec.ingressClassName) and
 * the IngressClasses seen; a classless Ingress goes to the default class, if there is one. Lint's
 * checks and the ALB converter both ask here, so they cannot disagree about which Ingresses are
 * ALB ones. Classes can come after their Ingresses in a backup, so callers ask only once every
 * object is seen (lint's finish, a converter's apply after its index pass).
 */
public final class IngressClasses {
  /** The controller that serves an Ingress, as far as the backup tells. */
  public enum Controller { ALB, GCE, OTHER }

  /** IngressClass controllers of the AWS Load Balancer Controller (self-managed and EKS Auto Mode). */
  public static final List<String> ALB_CONTROLLERS = List.of("ingress.k8s.aws/alb", "eks.amazonaws.com/alb");

  private static final String DEFAULT_CLASS = "ingressclass.kubernetes.io/is-default-class";
  private final Map<String, String> controllerByClass = new HashMap<>();
  private String defaultController;

  /** Records an IngressClass; other objects are ignored. */
  public void observe(KubeObject object) {
    if ("IngressClass".equals(object.kind())) {
      String controller = object.node().path("spec").path("controller").asText("");
      controllerByClass.put(object.name(), controller);
      if ("true".equals(object.annotation(DEFAULT_CLASS))) {
        defaultController = controller;
      }
    }
  }

  /** The class an Ingress names, "" for none. */
  public static String className(KubeObject ingress) {
    String annotation = ingress.annotation("kubernetes.io/ingress.class");
    return annotation != null ? annotation : ingress.node().path("spec").path("ingressClassName").asText("");
  }

  /** Whether an IngressClass object belongs to the AWS Load Balancer Controller. */
  public static boolean isAlbClass(KubeObject ingressClass) {
    return ALB_CONTROLLERS.contains(ingressClass.node().path("spec").path("controller").asText(""));
  }

  public Controller controller(String className) {
    if (className.equals("alb")) {
      return Controller.ALB;
    }
    if (className.startsWith("gce")) {
      return Controller.GCE;
    }
    String controller = className.isEmpty() ? defaultController : controllerByClass.get(className);
    if (controller == null) {
      // No class and no default: GKE's own controller takes classless Ingresses; an unknown class is someone else's.
      return className.isEmpty() ? Controller.GCE : Controller.OTHER;
    }
    if (ALB_CONTROLLERS.contains(controller)) {
      return Controller.ALB;
    }
    return controller.equals("k8s.io/ingress-gce") ? Controller.GCE : Controller.OTHER;
  }
}
