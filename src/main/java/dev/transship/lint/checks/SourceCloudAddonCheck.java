package dev.transship.lint.checks;

import dev.transship.archive.ItemKey;
import dev.transship.cloud.Target;
import dev.transship.convert.addons.AwsGatewayClasses;
import dev.transship.convert.addons.ControllerWebhooks;
import dev.transship.convert.addons.ExternalDns;
import dev.transship.convert.addons.SourceCloudAddons;
import dev.transship.convert.awsonly.DropAwsOnlyObjects;
import dev.transship.finding.ObjectRef;
import dev.transship.finding.Severity;
import dev.transship.kube.KubeObject;
import dev.transship.lint.Check;
import dev.transship.lint.CheckInfo;
import dev.transship.lint.LintContext;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/** EKS add-ons, AWS controllers, External DNS on Route 53 and AWS GatewayClasses, restored on GKE. */
public final class SourceCloudAddonCheck implements Check {
  static final CheckInfo INFO = new CheckInfo("source-cloud-addon", Severity.WARNING, "EKS add-on or AWS controller",
      "EKS add-ons and AWS controllers (VPC CNI, kube-proxy, CoreDNS, EBS/EFS CSI, CloudWatch agent and Fluent Bit, the AWS Load "
          + "Balancer Controller, Karpenter, aws-auth, the Cluster Autoscaler with --cloud-provider=aws, ...) restored on GKE run half alive: AWS images and credentials are missing, "
          + "their DaemonSets compete with GKE's own agents. External DNS with an AWS provider never updates its records (or, given "
          + "credentials, takes over the source cluster's), and Route 53 routing annotations mean nothing to Cloud DNS. An AWS "
          + "GatewayClass has no controller on GKE.",
      "Leave them out (dropSourceCloudAddons drops the add-ons and AWS GatewayClasses and reports the rest) and use GKE's own "
          + "networking, storage, logging and DNS.");

  /** ServiceAccounts and RBAC of add-ons known only by a program flag, by {@link SourceCloudAddons#companionKey}. */
  private final Map<String, SourceCloudAddons.Sighting> companions = new HashMap<>();
  /** ServiceAccounts and RBAC objects no add-on claimed by themselves: whose they are is known at the end. */
  private final Map<String, ObjectRef> unclaimed = new LinkedHashMap<>();

  @Override
  public CheckInfo info() {
    return INFO;
  }

  @Override
  public void inspect(ItemKey key, KubeObject object, LintContext ctx) {
    if (ctx.options().target() != Target.GKE || DropAwsOnlyObjects.awsOnlyReason(object.group(), object.kind()) != null) {
      return; // AWS-only kinds are aws-only-resource's
    }
    ObjectRef ref = ObjectRef.of(object, key);
    if (ControllerWebhooks.isWebhookConfiguration(object)) {
      // Those that would refuse writes are controller-webhook's errors; the rest only hang about dead.
      List<String> dead = ControllerWebhooks.orphans(object).stream().filter(o -> !o.blocksWrites()).map(ControllerWebhooks.Orphan::describe).toList();
      if (!dead.isEmpty()) {
        ctx.report(INFO, ref, String.join("; ", dead) + ": nothing answers it on GKE");
      }
      return;
    }
    var addon = SourceCloudAddons.of(object);
    if (addon.isPresent()) {
      ctx.report(INFO, ref, message(addon.get()), addon.get().hint());
      SourceCloudAddons.companions(object).forEach(companions::putIfAbsent);
      return;
    }
    String companionKey = SourceCloudAddons.companionKey(object);
    if (companionKey != null) {
      unclaimed.putIfAbsent(companionKey, ref);
    }
    if (AwsGatewayClasses.isGatewayClass(object) && AwsGatewayClasses.controller(object) != null) {
      ctx.report(INFO, ref, "GatewayClass of " + AwsGatewayClasses.controller(object) + ", which GKE does not run");
    }
    if (ExternalDns.awsProvider(object)) {
      ctx.report(INFO, ref, "runs External DNS with an AWS provider: on GKE it has no AWS credentials, or with them rewrites "
          + "the records the source cluster's External DNS still serves");
    }
    TreeSet<String> routing = ExternalDns.awsRoutingAnnotations(object);
    if (!routing.isEmpty()) {
      ctx.report(INFO, ref, "Route 53 routing annotations " + String.join(", ", routing) + ": only External DNS's aws provider reads them");
    }
  }

  /** The ServiceAccounts and RBAC of a Cluster Autoscaler for AWS, which say nothing of AWS themselves. */
  @Override
  public void finish(LintContext ctx) {
    unclaimed.forEach((key, ref) -> {
      SourceCloudAddons.Sighting companion = companions.get(key);
      if (companion != null) {
        ctx.report(INFO, ref, message(companion), companion.hint());
      }
    });
  }

  private static String message(SourceCloudAddons.Sighting addon) {
    return addon.addon() + " (" + addon.because() + "): " + addon.reason();
  }
}
