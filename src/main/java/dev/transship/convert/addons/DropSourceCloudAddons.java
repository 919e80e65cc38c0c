package dev.transship.convert.addons;

import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.transship.archive.ItemKey;
import dev.transship.archive.RawItem;
import dev.transship.archive.RawText;
import dev.transship.kube.KubeObject;
import dev.transship.kube.PodTemplates;
import dev.transship.rules.ActionContext;
import dev.transship.rules.ConverterConfig;
import dev.transship.rules.ConverterDescriptor;
import dev.transship.rules.ConverterSpec;
import dev.transship.rules.ObjectAction;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Keeps what the source cloud ran in the cluster from being restored half alive on GKE: admission
 * webhooks of controllers GKE does not run ({@link ControllerWebhooks}), the EKS add-ons and AWS
 * controllers of {@link SourceCloudAddons}, and GatewayClasses of AWS Gateway API controllers are
 * dropped; External DNS with an AWS provider, ECR token refreshers, Gateways of a dropped class, the
 * Route 53 routing annotations and whatever else sits in kube-system are reported.
 */
public final class DropSourceCloudAddons implements ObjectAction {
  private static final String GATEWAY_GROUP = "gateway.networking.k8s.io";
  /** What an item outside the places {@link #mayApply} always parses must mention to be worth parsing. */
  private static final RawText.Needles WORDS;

  static {
    List<String> words = new ArrayList<>(SourceCloudAddons.MARKERS);
    // what EcrTokenRefreshers looks for; "ecr" alone would be in every "secret"
    words.addAll(List.of("external-dns", "ECRAuthorizationToken", "ecr get-login", "get-authorization-token"));
    SourceCloudAddons.PROGRAM_FLAGS.forEach(f -> words.add(f.program()));
    WORDS = RawText.needles(words.stream().distinct().toArray(String[]::new));
  }

  /** What a workload recognised by a program flag ({@code --cloud-provider=aws}) holds, for a cheap look before indexing. */
  private static final RawText.Needles PROGRAM_FLAGS =
      RawText.needles(SourceCloudAddons.PROGRAM_FLAGS.stream().map(SourceCloudAddon.ProgramFlag::flag).distinct().toArray(String[]::new));
  /**
   * Where a workload's ServiceAccount and RBAC live: always parsed, since their names and bytes may
   * say nothing of the cloud, and they wait for the index to learn whose they are.
   */
  private static final Set<String> COMPANION_RESOURCES = Set.of("serviceaccounts", "roles.rbac.authorization.k8s.io",
      "rolebindings.rbac.authorization.k8s.io", "clusterroles.rbac.authorization.k8s.io", "clusterrolebindings.rbac.authorization.k8s.io");

  /** Cluster-scoped kinds an add-on's name marks (RBAC, CSIDriver, PriorityClass) and Namespaces: few, so always parsed. */
  private static final Set<String> NAMED_CLUSTER_RESOURCES = Set.of("clusterroles.rbac.authorization.k8s.io",
      "clusterrolebindings.rbac.authorization.k8s.io", "csidrivers.storage.k8s.io", "priorityclasses.scheduling.k8s.io", "namespaces");

  /** From the index: GatewayClass name -> the AWS controller it names. */
  private final Map<String, String> awsGatewayClasses = new HashMap<>();
  /** From the index: ServiceAccounts and RBAC of add-ons known only by a program flag, by {@link SourceCloudAddons#companionKey}. */
  private final Map<String, SourceCloudAddons.Sighting> companions = new HashMap<>();

  @Override
  public boolean reportsItsChanges() {
    return true;
  }

  @Override
  public boolean needsIndex() {
    return true;
  }

  @Override
  public boolean indexes(RawItem item) {
    return item.path().key().groupResource().equals("gatewayclasses." + GATEWAY_GROUP) || PROGRAM_FLAGS.mayBeIn(item);
  }

  /** A Gateway needs to know which GatewayClasses are AWS's; a ServiceAccount or RBAC object, whose workload uses it. */
  @Override
  public boolean readsIndex(RawItem item) {
    String resource = item.path().key().groupResource();
    return resource.equals("gateways." + GATEWAY_GROUP) || COMPANION_RESOURCES.contains(resource);
  }

  @Override
  public void index(ItemKey key, KubeObject object) {
    if (AwsGatewayClasses.isGatewayClass(object)) {
      String controller = AwsGatewayClasses.controller(object);
      if (controller != null) {
        awsGatewayClasses.put(object.name(), controller);
      }
    }
    if (PodTemplates.holdsPods(object)) {
      SourceCloudAddons.companions(object).forEach(companions::putIfAbsent);
    }
  }

  @Override
  public boolean mayApply(RawItem item) {
    ItemKey key = item.path().key();
    return key.group().equals(ControllerWebhooks.GROUP) || key.group().equals(GATEWAY_GROUP)
        || SourceCloudAddon.KUBE_SYSTEM.equals(key.namespace()) || SourceCloudAddons.ownNamespace(key.namespace())
        || NAMED_CLUSTER_RESOURCES.contains(key.groupResource()) || WORDS.mayBeIn(item)
        || COMPANION_RESOURCES.contains(key.groupResource());
  }

  @Override
  public void apply(ActionContext ctx) {
    KubeObject object = ctx.object();
    if (ControllerWebhooks.isWebhookConfiguration(object)) {
      webhooks(ctx);
      return;
    }
    if (AwsGatewayClasses.isGatewayClass(object)) {
      String controller = AwsGatewayClasses.controller(object);
      if (controller != null) {
        ctx.drop("aws-gateway-class", "GatewayClass of " + controller + ", which GKE does not run; GKE's Gateway controller brings its own classes");
      }
      return;
    }
    if (AwsGatewayClasses.isGateway(object)) {
      String className = object.node().path("spec").path("gatewayClassName").asText("");
      String controller = awsGatewayClasses.get(className);
      if (controller != null) {
        ctx.warn("aws-gateway-class", "gatewayClassName " + className + " belongs to " + controller
                + ", whose GatewayClass is dropped: on GKE nothing programs this Gateway and its routes get no address",
            "set spec.gatewayClassName to a GKE class (gke-l7-global-external-managed, gke-l7-rilb, ...) and move its AWS policies by hand");
      }
      return;
    }
    Optional<SourceCloudAddons.Sighting> addon = SourceCloudAddons.of(object);
    if (addon.isPresent()) {
      ctx.drop("source-cloud-addon", addon.get().describe() + "; " + addon.get().hint());
      return;
    }
    String companionKey = SourceCloudAddons.companionKey(object);
    SourceCloudAddons.Sighting companion = companionKey == null ? null : companions.get(companionKey);
    if (companion != null) {
      ctx.drop("source-cloud-addon", companion.describe() + "; " + companion.hint());
      return;
    }
    reportKept(ctx, object);
  }

  private static void reportKept(ActionContext ctx, KubeObject object) {
    boolean reported = false;
    if (ExternalDns.awsProvider(object)) {
      ctx.warn("external-dns-aws", "runs External DNS with an AWS provider: on GKE it has no AWS credentials (IRSA is gone), "
              + "so the Route 53 records of the restored Services and Ingresses are never updated; given credentials, it would "
              + "rewrite the records the source cluster's External DNS still serves",
          "switch it to --provider=google (Cloud DNS) with Workload Identity, or keep Route 53 with AWS credentials and a "
              + "--txt-owner-id of its own; move the records over at DNS cutover");
      reported = true;
    }
    String refresher = EcrTokenRefreshers.describe(object);
    if (refresher != null) {
      ctx.warn("ecr-token-refresher", refresher + ": on GKE it has no AWS credentials, so the pull secrets it renews expire within 12 hours",
          "move the images to Artifact Registry (ecrToRegistry) and drop it, or give it AWS credentials through Workload Identity Federation");
      reported = true;
    }
    TreeSet<String> routing = ExternalDns.awsRoutingAnnotations(object);
    if (!routing.isEmpty()) {
      ctx.warn("external-dns-aws-routing", "Route 53 routing annotations " + String.join(", ", routing)
              + ": only External DNS's aws provider reads them; published to Cloud DNS the record loses its routing policy "
              + "(weights, failover, geolocation) and alias",
          "recreate the policy as a Cloud DNS routing policy, or keep the zone in Route 53 during the move");
      reported = true;
    }
    if (!reported && SourceCloudAddon.KUBE_SYSTEM.equals(object.namespace())) {
      ctx.info("kube-system-object", "restored into kube-system, which the GKE cluster manages: Velero skips what GKE already has "
          + "there and creates the rest beside GKE's own objects");
    }
  }

  private static void webhooks(ActionContext ctx) {
    List<ControllerWebhooks.Orphan> orphans = ControllerWebhooks.orphans(ctx.object());
    if (orphans.isEmpty()) {
      return;
    }
    ArrayNode webhooks = (ArrayNode) ctx.object().node().get("webhooks");
    for (ControllerWebhooks.Orphan orphan : orphans) {
      if (orphan.blocksWrites()) {
        ctx.warn("controller-webhook-blocking", "left out before it could block the target: " + orphan.describe(),
            "dropped; what the controller's webhook added (AWS readiness gates, Service defaults) is handled by dropAwsOnlyObjects and the Service and Ingress converters");
      }
    }
    if (orphans.size() == countObjects(webhooks)) {
      List<String> described = orphans.stream().map(o -> o.name() + " calls " + o.controller()).toList();
      ctx.drop("controller-webhook", ctx.object().kind() + " of a controller the target does not run: " + String.join("; ", described));
      return;
    }
    for (ControllerWebhooks.Orphan orphan : orphans) {
      ctx.info("controller-webhook", "removed webhook " + orphan.name() + ": it calls " + orphan.controller() + ", which the target does not run");
    }
    for (int i = orphans.size() - 1; i >= 0; i--) {
      webhooks.remove(orphans.get(i).index()); // from the end, so the indexes of the others hold
    }
  }

  private static int countObjects(ArrayNode webhooks) {
    int n = 0;
    for (var w : webhooks) {
      n += w.isObject() ? 1 : 0;
    }
    return n;
  }

  public static final ConverterSpec SPEC = new ConverterDescriptor(
      "dropSourceCloudAddons",
      "Drop what the source cloud ran in the cluster and the target will not: admission webhooks of absent controllers "
          + "(AWS Load Balancer Controller, Karpenter, App Mesh, EKS Pod Identity, ...; a warning where failurePolicy Fail would "
          + "have refused writes), EKS add-ons and AWS controllers (VPC CNI, kube-proxy, CoreDNS, EBS/EFS/FSx/S3 CSI, CloudWatch "
          + "agent and Fluent Bit, Node Termination Handler, aws-auth, the Cluster Autoscaler run with --cloud-provider=aws and "
          + "its ServiceAccount and RBAC, ...) and GatewayClasses of AWS Gateway API controllers, "
          + "each with a finding; report External DNS with an AWS provider and its Route 53 routing annotations, ECR token "
          + "refreshers, Gateways of a dropped class and other kube-system objects.",
      List.of(),
      """
          - name: source-cloud-addons
            actions:
              - convert: dropSourceCloudAddons
          """,
      DropSourceCloudAddons::create);

  private static ObjectAction create(ConverterConfig config) {
    return new DropSourceCloudAddons();
  }
}
