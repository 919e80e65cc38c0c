package dev.transship.convert.upgrade;

import dev.transship.archive.RawItem;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.transship.archive.ItemKey;
import dev.transship.kube.KubeObject;
import dev.transship.rules.ActionContext;
import dev.transship.rules.ConverterDescriptor;
import dev.transship.rules.ConverterSpec;
import dev.transship.rules.ObjectAction;
import dev.transship.rules.ParameterDoc;
import dev.transship.rules.ResourceScope;
import dev.transship.rules.SeenValues;
import dev.transship.rules.UnmatchedValues;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * {@code retargetTargetGroupBindings} (EKS -> EKS). A TargetGroupBinding restored unchanged makes
 * the new cluster's AWS Load Balancer Controller register its pods in the old cluster's target
 * group and deregister the old cluster's pods, draining the old cluster (Velero #9576). Bindings
 * the controller created for an Ingress or Service are dropped (the new controller makes its own);
 * user bindings are pointed at the new cluster's target group, or dropped with an error when the
 * mapping has none (cloud-mapping.md §8). Ingresses, IngressClassParams and Services get
 * per-cluster load balancer names ({@link AlbLoadBalancerNames}). The {@code elbv2.k8s.aws/resources}
 * finalizer is left to the finalizer rules.
 */
public final class TargetGroupBindingRetarget implements ObjectAction {
  /** Each change this converter makes comes with a finding of its own. */
  @Override
  public boolean reportsItsChanges() {
    return true;
  }

  private static final String GROUP = "elbv2.k8s.aws";
  /** Labels the controller puts on the bindings it creates (LBC pkg/deploy/tracking). */
  private static final List<String> STACK_LABEL_PREFIXES = List.of("ingress.k8s.aws/stack", "service.k8s.aws/stack");
  /** Reconcile checkpoints of the old target group's state (hash and time). */
  private static final List<String> CHECKPOINT_ANNOTATIONS =
      List.of("elbv2.k8s.aws/checkpoint", "elbv2.k8s.aws/checkpoint-timestamp");
  /**
   * Fields the LBC mutating webhook copied from the old target group at create time; the validating
   * webhook rejects a vpcID or ipAddressType that does not match the new target group, and the
   * mutator fills them again from it (LBC webhooks/elbv2/targetgroupbinding_mutator.go).
   */
  private static final List<String> DERIVED_FROM_TARGET_GROUP = List.of("vpcID", "ipAddressType", "targetGroupProtocol");

  private final TargetGroupMapping mapping;
  private final boolean keepUnmapped;
  private final AlbLoadBalancerNames names;
  /** From the index: the bindings that would share each new target group. */
  private final Map<String, TreeSet<String>> bindingsByNewArn = new HashMap<>();
  /** From the index pass: the bindings' names and target group ARNs, and the targetGroups keys among them. */
  private final SeenValues seenBindings = new SeenValues();
  private final Set<String> matchedKeys = new HashSet<>();

  TargetGroupBindingRetarget(TargetGroupMapping mapping, boolean keepUnmapped, NameSuffix groupSuffix) {
    this.mapping = mapping;
    this.keepUnmapped = keepUnmapped;
    this.names = new AlbLoadBalancerNames(groupSuffix);
  }

  @Override
  public boolean needsIndex() {
    return true;
  }

  @Override
  public boolean indexes(RawItem item) {
    return item.path().key().groupResource().equals("targetgroupbindings." + GROUP);
  }

  @Override
  public void index(ItemKey key, KubeObject object) {
    if (isBinding(object) && !controllerCreated(object)) {
      String oldArn = object.node().path("spec").path("targetGroupARN").asText(null);
      String newArn = mapping.newArn(object.namespace(), object.name(), oldArn);
      if (newArn != null && !newArn.equals(oldArn)) {
        bindingsByNewArn.computeIfAbsent(newArn, a -> new TreeSet<>()).add(object.namespace() + "/" + object.name());
      }
    }
  }

  /**
   * A key occurs as the {@code spec.targetGroupARN} or the namespace/name of a TargetGroupBinding,
   * including one the controller created (dropped, with a finding that its entry is not used).
   */
  @Override
  public void observe(ItemKey key, KubeObject object) {
    if (isBinding(object)) {
      String name = object.namespace() + "/" + object.name();
      String arn = object.node().path("spec").path("targetGroupARN").asText("");
      for (String value : List.of(name, arn)) {
        seenBindings.add(value);
        if (mapping.keys().contains(value)) {
          matchedKeys.add(value);
        }
      }
    }
  }

  @Override
  public List<UnmatchedValues> unmatched() {
    UnmatchedValues unmatched = seenBindings.unmatched("targetGroups", true, mapping.keys(), matchedKeys,
        "TargetGroupBindings (namespace/name) and target group ARNs");
    return unmatched == null ? List.of() : List.of(unmatched);
  }

  @Override
  public void apply(ActionContext ctx) {
    KubeObject object = ctx.object();
    if (isBinding(object)) {
      retarget(ctx);
    } else if ("Ingress".equals(object.kind()) && (object.group().equals("networking.k8s.io") || object.group().equals("extensions"))) {
      names.ingress(ctx);
    } else if ("IngressClassParams".equals(object.kind()) && GROUP.equals(object.group())) {
      names.ingressClassParams(ctx);
    } else if ("Service".equals(object.kind()) && object.group().isEmpty()) {
      names.service(ctx);
    }
  }

  private void retarget(ActionContext ctx) {
    KubeObject binding = ctx.object();
    ObjectNode spec = KubeObject.objectAt(binding.node(), "spec");
    String oldArn = spec.path("targetGroupARN").asText(null);
    if (controllerCreated(binding)) {
      boolean mapped = mapping.newArn(binding.namespace(), binding.name(), oldArn) != null;
      ctx.drop("tgb-controller-created", "created by the AWS Load Balancer Controller for an Ingress or Service "
          + "(ingress.k8s.aws/service.k8s.aws stack labels): the new cluster's controller creates its own load balancer and "
          + "bindings, and restoring this one would bind the new cluster to the old load balancer's target group"
          + (mapped ? "; its targetGroups entry is not used" : ""));
      return;
    }
    String oldName = spec.path("targetGroupName").asText(null);
    String target = oldArn != null ? oldArn : "target group named " + oldName;
    String newArn = mapping.newArn(binding.namespace(), binding.name(), oldArn);
    boolean multiCluster = spec.path("multiClusterTargetGroup").asBoolean(false);
    if (newArn == null || newArn.equals(oldArn)) {
      keepOrDrop(ctx, target, newArn != null, multiCluster);
      return;
    }
    spec.put("targetGroupARN", newArn);
    List<String> removed = new ArrayList<>();
    if (spec.remove("targetGroupName") != null) {
      removed.add("targetGroupName " + oldName);
    }
    for (String field : DERIVED_FROM_TARGET_GROUP) {
      JsonNode value = spec.remove(field);
      if (value != null) {
        removed.add(field + " " + value.asText());
      }
    }
    ctx.info("tgb-retargeted", "spec.targetGroupARN " + target + " -> " + newArn
        + (removed.isEmpty() ? "" : "; removed " + String.join(", ", removed)
            + " of the old target group (the controller's webhook fills them from the new one)"));
    List<String> checkpoints = new ArrayList<>();
    for (String annotation : CHECKPOINT_ANNOTATIONS) {
      if (binding.removeAnnotation(annotation)) {
        checkpoints.add(annotation);
      }
    }
    if (!checkpoints.isEmpty()) {
      ctx.info("tgb-checkpoint-removed", "removed " + String.join(", ", checkpoints)
          + ": reconcile checkpoint of the old target group");
    }
    reportSecurityGroups(ctx, spec);
    TreeSet<String> sharing = bindingsByNewArn.getOrDefault(newArn, new TreeSet<>());
    if (sharing.size() > 1) {
      ctx.error("tgb-target-group-shared", "target group " + newArn + " is mapped to " + sharing.size()
              + " TargetGroupBindings (" + String.join(", ", sharing) + "): the controller accepts one binding per target "
              + "group, so all but the first fail to restore",
          "give each binding a target group of its own in targetGroups");
    }
  }

  private void keepOrDrop(ActionContext ctx, String target, boolean mappedToItself, boolean multiCluster) {
    if (multiCluster) {
      ctx.info("tgb-multicluster-kept", "kept on " + target + ": spec.multiClusterTargetGroup is true, so both "
          + "clusters register their own targets and leave the other's alone; traffic goes to both until the old binding is deleted");
      return;
    }
    String risk = "restored unchanged it binds the new cluster to " + target + ", and each cluster's controller "
        + "deregisters the other's targets, draining the old cluster (Velero #9576)";
    String hint = "map it in targetGroups (old ARN or namespace/name -> a target group created for the new cluster), "
        + "or set spec.multiClusterTargetGroup: true on the bindings of both clusters";
    if (mappedToItself) {
      ctx.warn("tgb-unmapped", "targetGroups maps the binding to its own target group: " + risk, hint);
    } else if (keepUnmapped) {
      ctx.warn("tgb-unmapped", "no new target group in targetGroups; kept because keepUnmapped is true: " + risk, hint);
    } else {
      ctx.error("tgb-unmapped", "no new target group in targetGroups: " + risk, hint + "; keepUnmapped: true keeps it as is");
      ctx.drop("tgb-unmapped", "no target group for the new cluster in targetGroups");
    }
  }

  /**
   * {@code spec.networking} makes the controller open the node/pod security group to the listed
   * sources; they were chosen for the old load balancer and may not front the new target group.
   */
  private static void reportSecurityGroups(ActionContext ctx, ObjectNode spec) {
    TreeSet<String> groups = new TreeSet<>();
    for (JsonNode rule : spec.path("networking").path("ingress")) {
      for (JsonNode from : rule.path("from")) {
        String id = from.path("securityGroup").path("groupID").asText("");
        if (!id.isEmpty()) {
          groups.add(id);
        }
      }
    }
    if (!groups.isEmpty()) {
      ctx.warn("tgb-networking", "spec.networking lets traffic in from security groups "
              + String.join(", ", groups) + ", chosen for the old target group's load balancer",
          "check that they are the security groups of the load balancer in front of the new target group");
    }
  }

  private static boolean isBinding(KubeObject object) {
    return "TargetGroupBinding".equals(object.kind()) && GROUP.equals(object.group());
  }

  private static boolean controllerCreated(KubeObject object) {
    return object.labels().keySet().stream().anyMatch(k -> STACK_LABEL_PREFIXES.stream().anyMatch(k::startsWith));
  }

  public static final ConverterSpec SPEC = new ConverterDescriptor(
      "retargetTargetGroupBindings",
      "EKS -> EKS: point each user TargetGroupBinding at the new cluster's target group (unmapped ones are an error and "
          + "dropped, so the new cluster cannot drain the old one), drop controller-created bindings, and suffix ALB "
          + "IngressGroup and load balancer names so the new cluster gets load balancers of its own.",
      List.of(
          ParameterDoc.optional("targetGroups", "map",
              "old target group ARN, or namespace/name of the TargetGroupBinding -> the new cluster's target group ARN"),
          ParameterDoc.optional("keepUnmapped", "bool",
              "keep bindings with no mapping (with a warning) instead of dropping them; default false"),
          ParameterDoc.optional("groupSuffix", "string",
              "appended to alb.ingress.kubernetes.io/group.name, IngressClassParams spec.group.name and load balancer "
                  + "names, e.g. -green; empty keeps them (with a warning)")),
      """
          - name: target-group-bindings
            match: {resources: [targetgroupbindings.elbv2.k8s.aws, ingresses.networking.k8s.io, ingressclassparams.elbv2.k8s.aws, services]}
            actions:
              - convert: retargetTargetGroupBindings
                with:
                  targetGroups:
                    "arn:aws:elasticloadbalancing:eu-west-1:111122223333:targetgroup/web-blue/0123456789abcdef": "arn:aws:elasticloadbalancing:eu-west-1:111122223333:targetgroup/web-green/fedcba9876543210"
                    shop/api: "arn:aws:elasticloadbalancing:eu-west-1:111122223333:targetgroup/api-green/00112233aabbccdd"
                  groupSuffix: "-green"
          """,
      config -> new TargetGroupBindingRetarget(TargetGroupMapping.parse(config.node("targetGroups")),
          config.bool("keepUnmapped", false), NameSuffix.parse("groupSuffix", config.string("groupSuffix", "")))).withScope(
      new ResourceScope(
          List.of("targetgroupbindings.elbv2.k8s.aws", "ingresses.networking.k8s.io", "ingresses.extensions", "ingressclassparams.elbv2.k8s.aws", "services"),
          List.of(ResourceScope.need("targetgroupbindings.elbv2.k8s.aws", "no TargetGroupBinding is retargeted"),
              ResourceScope.need("ingresses.networking.k8s.io", "IngressGroup and load balancer names on Ingresses are not renamed, so both clusters' controllers manage one ALB"),
              ResourceScope.need("services", "load balancer names on Services are not renamed, so both clusters' controllers manage one NLB"))));
}
