package dev.transship.convert.upgrade;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.transship.cloud.AlbAnnotationKeys;
import dev.transship.finding.Severity;
import dev.transship.kube.KubeObject;
import dev.transship.rules.ActionContext;
import java.util.ArrayList;
import java.util.List;

/**
 * Gives the new cluster's load balancers names of their own (EKS -> EKS). The AWS Load Balancer
 * Controller finds an IngressGroup's ALB by the tags {@code elbv2.k8s.aws/cluster} and
 * {@code ingress.k8s.aws/stack: <group>}, so a new controller running with the same cluster name
 * would adopt and rewrite the old cluster's ALB; an explicit load balancer name is unique per
 * account and region, so the new controller cannot create its own (Velero #9576, velero.md §6).
 */
final class AlbLoadBalancerNames {
  static final String GROUP_NAME = AlbAnnotationKeys.GROUP_NAME;
  static final String INGRESS_LB_NAME = AlbAnnotationKeys.LOAD_BALANCER_NAME;
  static final String SERVICE_LB_NAME = "service.beta.kubernetes.io/aws-load-balancer-name";
  /** LBC: group names are at most 63 characters; load balancer names at most 32. */
  private static final int MAX_GROUP = 63;
  private static final int MAX_LB_NAME = 32;
  private static final String GROUP_FINALIZER_PREFIX = "group.ingress.k8s.aws/";

  private final NameSuffix suffix;

  AlbLoadBalancerNames(NameSuffix suffix) {
    this.suffix = suffix;
  }

  void ingress(ActionContext ctx) {
    KubeObject ingress = ctx.object();
    String group = ingress.annotation(GROUP_NAME);
    if (group != null) {
      String renamed = rename(ctx, "alb-group-renamed", "alb-group-kept", "IngressGroup", group, MAX_GROUP);
      if (renamed != null) {
        ingress.setAnnotation(GROUP_NAME, renamed);
        OwnAwsNames.record(ingress, renamed);
        removeOldGroupFinalizer(ctx, group);
      }
    }
    String lbName = ingress.annotation(INGRESS_LB_NAME);
    if (lbName != null) {
      String renamed = rename(ctx, "alb-load-balancer-renamed", "alb-load-balancer-kept",
          "load balancer name", lbName, MAX_LB_NAME);
      if (renamed != null) {
        ingress.setAnnotation(INGRESS_LB_NAME, renamed);
        OwnAwsNames.record(ingress, renamed);
      }
    }
  }

  /** IngressClassParams {@code spec.group.name} wins over the Ingress annotation (LBC group_loader.go). */
  void ingressClassParams(ActionContext ctx) {
    JsonNode group = ctx.object().node().path("spec").path("group");
    if (group instanceof ObjectNode groupNode && groupNode.path("name").isTextual()) {
      String renamed = rename(ctx, "alb-group-renamed", "alb-group-kept", "IngressGroup",
          groupNode.path("name").asText(), MAX_GROUP);
      if (renamed != null) {
        groupNode.put("name", renamed);
        OwnAwsNames.record(ctx.object(), renamed);
      }
    }
  }

  void service(ActionContext ctx) {
    String lbName = ctx.object().annotation(SERVICE_LB_NAME);
    if (lbName != null) {
      String renamed = rename(ctx, "alb-load-balancer-renamed", "alb-load-balancer-kept",
          "load balancer name", lbName, MAX_LB_NAME);
      if (renamed != null) {
        ctx.object().setAnnotation(SERVICE_LB_NAME, renamed);
        OwnAwsNames.record(ctx.object(), renamed);
      }
    }
  }

  /** The new name with its finding, or null (and a warning) when no suffix is configured. */
  private String rename(ActionContext ctx, String check, String keptCheck, String what, String old, int maxLength) {
    if (suffix.isEmpty()) {
      ctx.warn(keptCheck, what + " " + old + " is kept: the new cluster's controller "
              + "would take over (or collide with) the old cluster's load balancer",
          "set groupSuffix so the new cluster gets a load balancer of its own");
      return null;
    }
    NameSuffix.Suffixed renamed = suffix.append(old, maxLength);
    String message = what + " " + old + " -> " + renamed.name()
        + (renamed.shortened() ? " (shortened to " + maxLength + " characters)" : "")
        + ": the new cluster's controller creates a load balancer of its own instead of taking over the old one";
    ctx.report(renamed.shortened() ? Severity.WARNING : Severity.INFO, check, message,
        "the new load balancer has a new DNS name: switch DNS (or the Route 53 alias) at cutover");
    return renamed.name();
  }

  /**
   * A finalizer naming the old group makes the new controller treat the Ingress as a member leaving
   * that group and reconcile it (LBC group_loader.go, LoadGroupIDsPendingFinalization); the
   * controller adds the finalizer of the new group itself.
   */
  private void removeOldGroupFinalizer(ActionContext ctx, String oldGroup) {
    List<String> finalizers = new ArrayList<>(ctx.object().finalizers());
    if (finalizers.remove(GROUP_FINALIZER_PREFIX + oldGroup)) {
      ctx.object().setFinalizers(finalizers);
      ctx.info("alb-group-finalizer-removed", "removed finalizer " + GROUP_FINALIZER_PREFIX + oldGroup
          + " of the old IngressGroup name; the controller adds the new group's finalizer");
    }
  }
}
