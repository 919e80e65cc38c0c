package dev.transship.convert.awsonly;

import dev.transship.archive.RawItem;
import dev.transship.archive.RawText;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.transship.kube.KubeObject;
import dev.transship.kube.PodTemplate;
import dev.transship.kube.PodTemplates;
import dev.transship.rules.ActionContext;
import dev.transship.rules.ConverterConfig;
import dev.transship.rules.ConverterDescriptor;
import dev.transship.rules.ConverterSpec;
import dev.transship.rules.ObjectAction;
import dev.transship.rules.ParameterDoc;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Leaves AWS-only objects out of a backup for GKE (cloud-mapping.md §8): TargetGroupBindings,
 * IngressClassParams, ENIConfigs, SecurityGroupPolicies, Karpenter, App Mesh, ACK and the CRDs that
 * define them. Nothing on GKE reconciles them, and some would fight over AWS resources if an AWS
 * controller ever saw them. Also removes the AWS Load Balancer Controller's pod readiness gates,
 * which nothing on GKE would ever set (cloud-mapping.md §2).
 */
public final class DropAwsOnlyObjects implements ObjectAction {
  /** Each change this converter makes comes with a finding of its own. */
  @Override
  public boolean reportsItsChanges() {
    return true;
  }

  /** Readiness gates the controller's webhook injects, current and legacy prefix. */
  static final List<String> READINESS_GATE_PREFIXES = List.of("target-health.elbv2.k8s.aws", "target-health.alb.ingress.k8s.aws");
  private static final RawText.Needles READINESS_GATES = RawText.needles(READINESS_GATE_PREFIXES.toArray(String[]::new));

  /** CRDs and AWS-only groups by path; pod templates only when they could name an AWS readiness gate. */
  @Override
  public boolean mayApply(RawItem item) {
    String group = item.path().key().group();
    return group.equals("apiextensions.k8s.io") || AwsOnlyKinds.anyIn(group)
        || READINESS_GATES.mayBeIn(item);
  }

  @Override
  public void apply(ActionContext ctx) {
    KubeObject object = ctx.object();
    if (object.kind().equals("CustomResourceDefinition") && object.group().equals("apiextensions.k8s.io")) {
      JsonNode spec = object.node().path("spec");
      String group = spec.path("group").asText();
      String kind = spec.path("names").path("kind").asText();
      AwsOnlyKinds.of(group, kind).ifPresent(k -> ctx.drop("aws-only-dropped", "defines " + kind + " (" + group + "): " + k.reason()));
      return;
    }
    Optional<AwsOnlyKind> awsOnly = AwsOnlyKinds.of(object.group(), object.kind());
    if (awsOnly.isPresent()) {
      if (awsOnly.get().action() != null) {
        ctx.warn("aws-only-migrate", "what it did on EKS must be rebuilt on GKE by hand: " + awsOnly.get().reason(), awsOnly.get().action());
      }
      ctx.drop("aws-only-dropped", awsOnly.get().reason());
      return;
    }
    for (PodTemplate template : PodTemplates.in(object)) {
      removeReadinessGates(ctx, template);
    }
  }

  private static void removeReadinessGates(ActionContext ctx, PodTemplate template) {
    if (!(template.spec().get("readinessGates") instanceof ArrayNode gates)) {
      return;
    }
    List<String> removed = new ArrayList<>();
    for (int i = gates.size() - 1; i >= 0; i--) {
      String condition = gates.get(i).path("conditionType").asText();
      if (awsReadinessGate(condition)) {
        gates.remove(i);
        removed.add(0, condition);
      }
    }
    if (removed.isEmpty()) {
      return;
    }
    if (gates.isEmpty()) {
      template.spec().remove("readinessGates");
    }
    for (String condition : removed) {
      ctx.info("aws-only-readiness-gate", "removed readiness gate " + condition + " from " + template.path()
          + ": the AWS Load Balancer Controller set it; on GKE nothing would, and the pod would never be Ready");
    }
  }

  /** Whether a pod readiness gate is one only the AWS Load Balancer Controller sets. */
  public static boolean awsReadinessGate(String conditionType) {
    return READINESS_GATE_PREFIXES.stream().anyMatch(conditionType::startsWith);
  }

  /** Whether some AWS-only kind lives in this API group (admission webhooks and add-ons are judged by it too). */
  public static boolean awsOnlyGroup(String group) {
    return AwsOnlyKinds.anyIn(group);
  }

  /** Why objects of this group and kind only matter on AWS, or null when they are portable. */
  public static String awsOnlyReason(String group, String kind) {
    return AwsOnlyKinds.of(group, kind).map(AwsOnlyKind::reason).orElse(null);
  }

  public static final ConverterSpec SPEC = new ConverterDescriptor(
      "dropAwsOnlyObjects",
      "Drop objects only AWS controllers use (TargetGroupBinding, IngressClassParams, ENIConfig, "
          + "SecurityGroupPolicy, CNINode, Karpenter, App Mesh, ACK, EKS Auto Mode, and their CRDs), each with a finding "
          + "saying why, plus a warning where something must be rebuilt by hand; remove the AWS Load Balancer "
          + "Controller's target-health readiness gates from pods.",
      List.of(),
      """
          - name: aws-only-objects
            actions:
              - convert: dropAwsOnlyObjects
          """,
      DropAwsOnlyObjects::create);

  private static ObjectAction create(ConverterConfig config) {
    return new DropAwsOnlyObjects();
  }
}
