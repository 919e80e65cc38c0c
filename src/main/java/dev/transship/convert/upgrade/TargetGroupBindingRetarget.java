package dev.transship.convert.upgrade;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.transship.kube.KubeObject;
import dev.transship.rules.ActionContext;
import dev.transship.rules.ConverterDescriptor;
import dev.transship.rules.ConverterSpec;
import dev.transship.rules.ObjectAction;
import dev.transship.rules.ParameterDoc;
import java.util.List;
import java.util.Map;

/**
 * TargetGroupBindings and ALB names in an EKS to EKS move (cloud-mapping.md §8, Velero #9576). A
 * restored binding points the new cluster's controller at the old cluster's target group, where
 * it registers the new pods and deregisters the old ones: the old cluster is drained while it
 * still serves. Controller-created bindings are dropped (the new controller makes its own from the
 * Ingress or Service); user bindings are re-pointed from a map, or dropped with an error. ALB
 * IngressGroup and load balancer names get a suffix so the new controller builds its own ALB
 * instead of adopting the old one.
 */
public final class TargetGroupBindingRetarget implements ObjectAction {
  private final Map<String, String> targetGroups;
  private final String groupSuffix;
  private final boolean keepUnmapped;

  TargetGroupBindingRetarget(Map<String, String> targetGroups, String groupSuffix, boolean keepUnmapped) {
    this.targetGroups = targetGroups;
    this.groupSuffix = groupSuffix;
    this.keepUnmapped = keepUnmapped;
  }

  @Override
  public void apply(ActionContext ctx) {
    KubeObject object = ctx.object();
    if ("TargetGroupBinding".equals(object.kind())) {
      binding(ctx, object);
    } else if ("Ingress".equals(object.kind()) && !groupSuffix.isEmpty()) {
      rename(ctx, object, "alb.ingress.kubernetes.io/group.name", "IngressGroup");
      rename(ctx, object, "alb.ingress.kubernetes.io/load-balancer-name", "load balancer name");
    }
  }

  private void binding(ActionContext ctx, KubeObject tgb) {
    ObjectNode spec = (ObjectNode) tgb.node().path("spec");
    String arn = spec.path("targetGroupARN").asText(spec.path("targetGroupName").asText(""));
    String mapped = targetGroups.getOrDefault(arn, targetGroups.get(tgb.namespace() + "/" + tgb.name()));
    if (mapped != null) {
      spec.put("targetGroupARN", mapped);
      spec.remove("targetGroupName");
      ctx.info("tgb-retargeted", "target group " + arn + " -> " + mapped + " (the old cluster keeps its own targets)");
      if (spec.has("networking")) {
        ctx.warn("tgb-networking", "spec.networking names security groups of the old cluster", "check they admit the new cluster's nodes");
      }
      return;
    }
    boolean controllerCreated = tgb.labels().keySet().stream().anyMatch(l -> l.startsWith("ingress.k8s.aws/stack") || l.startsWith("service.k8s.aws/stack"));
    if (controllerCreated) {
      ctx.drop("tgb-controller-created", "created by the AWS Load Balancer Controller for an Ingress or Service; the new cluster's controller "
          + "creates its own, and restoring this one would drain the old cluster's targets (Velero #9576)");
      return;
    }
    ctx.error("tgb-unmapped", "TargetGroupBinding to " + arn + " has no new target group in targetGroups: restored as-is it would "
        + "deregister the old cluster's targets (Velero #9576)", "create a target group for the new cluster and map " + arn + " to it");
    if (!keepUnmapped) {
      ctx.drop("tgb-unmapped", "no target group mapping");
    }
  }

  private void rename(ActionContext ctx, KubeObject ingress, String annotation, String what) {
    String value = ingress.annotation(annotation);
    if (value != null && !value.endsWith(groupSuffix)) {
      String renamed = value + groupSuffix;
      ingress.setAnnotation(annotation, renamed);
      ctx.info("alb-group-renamed", what + " " + value + " -> " + renamed + " so the new cluster builds its own ALB instead of taking over the old one");
    }
  }

  public static final ConverterSpec SPEC = new ConverterDescriptor(
      "retargetTargetGroupBindings",
      "EKS to EKS: point TargetGroupBindings at the new cluster's target groups (restored unchanged they drain the old "
          + "cluster, Velero #9576), drop controller-created ones, and suffix ALB IngressGroup and load balancer names.",
      List.of(ParameterDoc.optional("targetGroups", "map", "old target group ARN (or namespace/name of the binding) -> new ARN"),
          ParameterDoc.optional("groupSuffix", "string", "suffix for ALB group and load balancer names (empty: keep)"),
          ParameterDoc.optional("keepUnmapped", "bool", "keep bindings without a mapping (default false: dropped)")),
      "- convert: retargetTargetGroupBindings\n  with:\n    targetGroups: {\"arn:aws:elasticloadbalancing:...:targetgroup/old/1\": \"arn:...:targetgroup/new/2\"}\n    groupSuffix: -green",
      config -> new TargetGroupBindingRetarget(config.map("targetGroups"), config.string("groupSuffix", ""), config.bool("keepUnmapped", false)));
}
