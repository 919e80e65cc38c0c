package dev.transship.convert;

import dev.transship.rules.ActionContext;
import dev.transship.rules.ConverterDescriptor;
import dev.transship.rules.ConverterSpec;
import dev.transship.rules.ObjectAction;
import dev.transship.rules.ParameterDoc;
import dev.transship.rules.RuleMatch;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Strips finalizers whose controller does not run in the target (cloud-mapping.md §2). Velero
 * restores finalizers since v1.11 (#5580); without the controller, deleting the object hangs
 * forever. Core {@code kubernetes.io/*} finalizers are always kept.
 */
public final class ControllerFinalizers implements ObjectAction {
  /** Finalizer globs of AWS controllers, each with the controller's name for the finding. */
  static final Map<String, String> AWS = new LinkedHashMap<>();
  /** GKE's own controllers: absent when a GKE backup restores anywhere but GKE. */
  static final Map<String, String> GKE = new LinkedHashMap<>();

  static {
    AWS.put("group.ingress.k8s.aws/*", "AWS Load Balancer Controller (IngressGroup)");
    AWS.put("ingress.k8s.aws/resources", "AWS Load Balancer Controller (Ingress)");
    AWS.put("service.k8s.aws/resources", "AWS Load Balancer Controller (Service)");
    AWS.put("elbv2.k8s.aws/resources", "AWS Load Balancer Controller (TargetGroupBinding)");
    AWS.put("finalizers.appmesh.k8s.aws/*", "App Mesh controller");
    AWS.put("karpenter.sh/*", "Karpenter");
    AWS.put("karpenter.k8s.aws/*", "Karpenter");
    AWS.put("*.services.k8s.aws/*", "ACK controller");
    AWS.put("finalizers.*.services.k8s.aws", "ACK controller");
    AWS.put("external-attacher/ebs-csi-aws-com", "EBS CSI driver");
    AWS.put("external-attacher/efs-csi-aws-com", "EFS CSI driver");
    AWS.put("*.k8s.aws/*", "an AWS controller");
    AWS.put("*.k8s.aws", "an AWS controller");
    GKE.put("networking.gke.io/ingress-finalizer*", "GKE Ingress controller");
    GKE.put("networking.gke.io/l4-*", "GKE L4 load balancer controller");
    GKE.put("gke.networking.io/l4-*", "GKE L4 load balancer controller");
    GKE.put("service.kubernetes.io/load-balancer-cleanup", "cloud load balancer controller");
    GKE.put("external-attacher/pd-csi-storage-gke-io", "PD CSI driver");
  }

  private final Map<Pattern, String> absent = new LinkedHashMap<>();

  ControllerFinalizers(String target, List<String> extra) {
    if (target.equals("gke")) {
      AWS.forEach((glob, controller) -> absent.put(RuleMatch.glob(glob), controller));
    } else if (target.equals("eks")) {
      GKE.forEach((glob, controller) -> absent.put(RuleMatch.glob(glob), controller));
    } else if (!target.equals("same")) {
      throw new IllegalArgumentException("target must be gke, eks or same, not '" + target + "'");
    }
    extra.forEach(glob -> absent.put(RuleMatch.glob(glob), "a controller absent in the target"));
  }

  @Override
  public void apply(ActionContext ctx) {
    List<String> finalizers = ctx.object().finalizers();
    List<String> kept = new ArrayList<>();
    for (String finalizer : finalizers) {
      String controller = finalizer.startsWith("kubernetes.io/") || finalizer.equals("kubernetes") ? null : controllerOf(finalizer);
      if (controller == null) {
        kept.add(finalizer);
      } else {
        ctx.info("finalizer-removed", "removed finalizer " + finalizer + " of " + controller
            + ", which does not run in the target (deletion would hang forever)");
      }
    }
    if (kept.size() != finalizers.size()) {
      ctx.object().setFinalizers(kept);
    }
  }

  /** The controller behind a finalizer that is absent on {@code target} (gke, eks), or null. */
  public static String absentController(String finalizer, String target) {
    if (finalizer.startsWith("kubernetes.io/") || finalizer.equals("kubernetes")) {
      return null;
    }
    return BY_TARGET.computeIfAbsent(target, t -> new ControllerFinalizers(t, List.of())).controllerOf(finalizer);
  }

  /** One compiled catalogue per target, since lint asks for every finalizer of every object. */
  private static final Map<String, ControllerFinalizers> BY_TARGET = new java.util.concurrent.ConcurrentHashMap<>();

  private String controllerOf(String finalizer) {
    for (Map.Entry<Pattern, String> e : absent.entrySet()) {
      if (e.getKey().matcher(finalizer).matches()) {
        return e.getValue();
      }
    }
    return null;
  }

  public static final ConverterSpec SPEC = new ConverterDescriptor(
      "removeControllerFinalizers",
      "Remove finalizers of controllers that do not run in the target: AWS Load Balancer Controller, App Mesh, "
          + "Karpenter, ACK, EBS/EFS CSI for target gke; GKE's Ingress, L4 and PD CSI controllers for target eks. "
          + "Velero restores finalizers, and without their controller the objects can never be deleted.",
      List.of(ParameterDoc.optional("target", "string", "gke (default), eks or same (only the extra globs)"),
          ParameterDoc.optional("extra", "list", "more finalizer globs to remove")),
      "- convert: removeControllerFinalizers\n  with: {target: gke}",
      config -> {
        List<String> extra = new ArrayList<>();
        if (config.node("extra") != null) {
          config.node("extra").forEach(n -> extra.add(n.asText()));
        }
        return new ControllerFinalizers(config.string("target", "gke"), extra);
      });
}
