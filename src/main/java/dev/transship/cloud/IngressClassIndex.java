package dev.transship.cloud;

import dev.transship.kube.KubeObject;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The one answer to "which controller serves this Ingress", for lint and convert alike. An Ingress
 * names its class by the {@code kubernetes.io/ingress.class} annotation (which the controllers
 * still honour first) or {@code spec.ingressClassName}; a class-less one goes to the IngressClass
 * marked default, if any. The class's {@code spec.controller} says who serves it, and its
 * {@code spec.parameters} which IngressClassParams apply, told apart by API group: the AWS Load
 * Balancer Controller's ({@code elbv2.k8s.aws}) and EKS Auto Mode's ({@code eks.amazonaws.com})
 * have different fields. Classes can come after their Ingresses in a backup, so ask only once
 * every IngressClass was observed.
 */
public final class IngressClassIndex {
  /** Who serves an Ingress on the target, as far as the backup tells. */
  public enum Controller { ALB, GCE, OTHER }

  /** IngressClass controllers of the AWS Load Balancer Controller (self-managed and EKS Auto Mode). */
  public static final List<String> ALB_CONTROLLERS = List.of("ingress.k8s.aws/alb", "eks.amazonaws.com/alb");
  public static final String LBC_PARAMS_GROUP = "elbv2.k8s.aws";
  public static final String AUTO_MODE_PARAMS_GROUP = "eks.amazonaws.com";

  private static final String CLASS_ANNOTATION = "kubernetes.io/ingress.class";
  private static final String DEFAULT_CLASS = "ingressclass.kubernetes.io/is-default-class";
  private static final String GCE_CONTROLLER = "k8s.io/ingress-gce";

  /** The IngressClassParams a class points at. */
  public record ParamsRef(String apiGroup, String name) {}

  private final Map<String, String> controllerByClass = new HashMap<>();
  private final Map<String, ParamsRef> paramsByClass = new HashMap<>();
  private String defaultClass;

  /** Records an IngressClass; other objects are ignored. */
  public void observe(KubeObject object) {
    if (!"IngressClass".equals(object.kind())) {
      return;
    }
    var spec = object.node().path("spec");
    controllerByClass.put(object.name(), spec.path("controller").asText(""));
    var params = spec.path("parameters");
    if ("IngressClassParams".equals(params.path("kind").asText()) && params.path("name").isTextual()) {
      paramsByClass.put(object.name(), new ParamsRef(params.path("apiGroup").asText(LBC_PARAMS_GROUP), params.path("name").asText()));
    }
    if ("true".equals(object.annotation(DEFAULT_CLASS))) {
      defaultClass = object.name();
    }
  }

  /** The class an Ingress names itself, "" for none. */
  public static String namedClass(KubeObject ingress) {
    String annotation = ingress.annotation(CLASS_ANNOTATION);
    return annotation != null ? annotation : ingress.node().path("spec").path("ingressClassName").asText("");
  }

  /** The class that serves an Ingress naming {@code named}: that one, else the default class, else "". */
  private String effectiveClass(String named) {
    return named.isEmpty() && defaultClass != null ? defaultClass : named;
  }

  public Controller controllerOf(KubeObject ingress) {
    return controller(namedClass(ingress));
  }

  /** The controller of a class name as an Ingress gives it ("" for none). */
  public Controller controller(String className) {
    if (className.equals("alb")) {
      return Controller.ALB; // the controller's own default class name, also without an IngressClass object
    }
    if (className.startsWith("gce")) {
      return Controller.GCE;
    }
    String controller = controllerByClass.get(effectiveClass(className));
    if (controller == null) {
      // No class and no default: GKE's own controller takes classless Ingresses; an unknown class is someone else's.
      return className.isEmpty() ? Controller.GCE : Controller.OTHER;
    }
    if (ALB_CONTROLLERS.contains(controller)) {
      return Controller.ALB;
    }
    return controller.equals(GCE_CONTROLLER) ? Controller.GCE : Controller.OTHER;
  }

  /**
   * The IngressClassParams that apply to an Ingress. Only an Ingress selected through an
   * IngressClass (its {@code spec.ingressClassName}, or the default class) gets them: one selected
   * by the legacy class annotation bypasses IngressClass objects in the controller, params and all.
   */
  public Optional<ParamsRef> paramsOf(KubeObject ingress) {
    if (ingress.annotation(CLASS_ANNOTATION) != null) {
      return Optional.empty();
    }
    return Optional.ofNullable(paramsByClass.get(effectiveClass(ingress.node().path("spec").path("ingressClassName").asText(""))));
  }
}
