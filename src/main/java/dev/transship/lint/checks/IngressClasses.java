package dev.transship.lint.checks;

import dev.transship.convert.alb.AlbIngressToGce;
import dev.transship.kube.KubeObject;
import java.util.HashMap;
import java.util.Map;

/**
 * Which controller serves an Ingress, from its class (annotation, then spec.ingressClassName) and
 * the IngressClasses seen; a classless Ingress goes to the default class, if there is one. Classes
 * can come after their Ingresses in a backup, so checks ask only once every object is seen.
 */
final class IngressClasses {
  /** The controller that serves an Ingress on the target, as far as the backup tells. */
  enum Controller { ALB, GCE, OTHER }

  private static final String DEFAULT_CLASS = "ingressclass.kubernetes.io/is-default-class";
  private final Map<String, String> controllerByClass = new HashMap<>();
  private String defaultController;

  /** Records an IngressClass; other objects are ignored. */
  void observe(KubeObject object) {
    if ("IngressClass".equals(object.kind())) {
      String controller = object.node().path("spec").path("controller").asText("");
      controllerByClass.put(object.name(), controller);
      if ("true".equals(object.annotation(DEFAULT_CLASS))) {
        defaultController = controller;
      }
    }
  }

  /** The class an Ingress names, "" for none. */
  static String className(KubeObject ingress) {
    String annotation = ingress.annotation("kubernetes.io/ingress.class");
    return annotation != null ? annotation : ingress.node().path("spec").path("ingressClassName").asText("");
  }

  Controller controller(String className) {
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
    if (AlbIngressToGce.ALB_CONTROLLERS.contains(controller)) {
      return Controller.ALB;
    }
    return controller.equals("k8s.io/ingress-gce") ? Controller.GCE : Controller.OTHER;
  }
}
