package dev.transship.convert.services;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.transship.kube.KubeObject;
import dev.transship.rules.ActionContext;
import dev.transship.rules.ConverterConfig;
import dev.transship.rules.ConverterDescriptor;
import dev.transship.rules.ConverterSpec;
import dev.transship.rules.ObjectAction;
import dev.transship.rules.ParameterDoc;
import dev.transship.rules.ResourceScope;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns a Service the AWS Load Balancer Controller or the in-tree AWS provider exposed into one
 * GKE's L4 controller exposes the same way (cloud-mapping.md §3): the AWS loadBalancerClass goes
 * (GKE ignores Services with a class it does not own, they stay pending forever), internal stays
 * internal, fixed addresses come from reserved Google Cloud addresses, and every AWS annotation is
 * removed with a finding.
 */
public final class AwsServiceToGkeL4 implements ObjectAction {
  /** Each change this converter makes comes with a finding of its own. */
  @Override
  public boolean reportsItsChanges() {
    return true;
  }

  static final Set<String> AWS_CLASSES = Set.of("service.k8s.aws/nlb", "eks.amazonaws.com/nlb");
  static final String GKE_LB_TYPE = "networking.gke.io/load-balancer-type";
  static final String GKE_RBS = "cloud.google.com/l4-rbs";
  static final String GKE_ADDRESSES = "networking.gke.io/load-balancer-ip-addresses";
  static final String SOURCE_RANGES_ANNOTATION = "service.beta.kubernetes.io/load-balancer-source-ranges";
  /** AWS annotations that pinned the load balancer's addresses. */
  static final List<String> ADDRESS_SUFFIXES = List.of("eip-allocations", "private-ipv4-addresses", "ipv6-addresses");

  private final Map<String, String> addresses;
  private final boolean backendServiceBased;

  AwsServiceToGkeL4(Map<String, String> addresses, boolean backendServiceBased) {
    this.addresses = addresses;
    this.backendServiceBased = backendServiceBased;
  }

  @Override
  public void apply(ActionContext ctx) {
    KubeObject service = ctx.object();
    if (!service.kind().equals("Service") || !service.group().isEmpty()) {
      return;
    }
    String lbClass = service.node().path("spec").path("loadBalancerClass").asText("");
    Map<String, String> annotations = service.annotations();
    List<String> aws = new ArrayList<>(annotations.keySet().stream().filter(k -> k.startsWith(AwsServiceAnnotations.PREFIX)).toList());
    if (aws.isEmpty() && !AWS_CLASSES.contains(lbClass)) {
      return;
    }
    ObjectNode spec = KubeObject.objectAt(service.node(), "spec");
    String type = annotations.getOrDefault(AwsServiceAnnotations.PREFIX + "type", "");
    boolean controller = AWS_CLASSES.contains(lbClass) || type.equals("external") || type.equals("nlb-ip");
    if (AWS_CLASSES.contains(lbClass)) {
      spec.remove("loadBalancerClass");
      ctx.info("svc-lb-class", "removed spec.loadBalancerClass " + lbClass
          + ": GKE's L4 controller ignores a Service with a class it does not own, and it would stay pending forever");
    }
    boolean sourceRanges = spec.path("loadBalancerSourceRanges").size() > 0 || annotations.containsKey(SOURCE_RANGES_ANNOTATION);
    boolean loadBalancer = spec.path("type").asText().equals("LoadBalancer");
    boolean internal = false;
    if (loadBalancer) {
      AwsScheme scheme = AwsScheme.of(annotations, controller);
      internal = scheme.internal();
      applyScheme(ctx, scheme);
      aws.remove(scheme.source());
      applyAddresses(ctx, annotations, internal);
      aws.removeAll(ADDRESS_SUFFIXES.stream().map(s -> AwsServiceAnnotations.PREFIX + s).toList());
      if (sourceRanges) {
        ctx.info("svc-source-ranges", "kept the load balancer source ranges: GKE turns them into firewall rules");
      }
    }
    for (String key : aws) {
      String value = annotations.get(key);
      AnnotationFate fate = AwsServiceAnnotations.fate(key.substring(AwsServiceAnnotations.PREFIX.length()), value,
          new AwsServiceAnnotations.Context(loadBalancer, internal, sourceRanges));
      service.removeAnnotation(key);
      ctx.report(fate.severity(), fate.check(), "removed " + key + ": " + value + " (" + fate.reason() + ")", fate.hint());
    }
  }

  private void applyScheme(ActionContext ctx, AwsScheme scheme) {
    KubeObject service = ctx.object();
    if (!scheme.defaulted()) {
      service.removeAnnotation(scheme.source());
    }
    if (scheme.internal()) {
      service.setAnnotation(GKE_LB_TYPE, "Internal");
      if (scheme.defaulted()) {
        ctx.warn("svc-scheme", "no scheme annotation: the AWS Load Balancer Controller's default is internal, so it stays internal on GKE ("
            + GKE_LB_TYPE + ": Internal)", "if it must be public, remove " + GKE_LB_TYPE + " (and check who can reach it)");
      } else {
        ctx.info("svc-scheme", "internal load balancer (" + scheme.source() + ": " + scheme.value() + ") -> " + GKE_LB_TYPE + ": Internal");
      }
      return;
    }
    String why = scheme.defaulted()
        ? "no scheme annotation: the in-tree AWS provider's default is internet-facing"
        : "internet-facing (" + scheme.source() + ": " + scheme.value() + ")";
    if (backendServiceBased) {
      service.setAnnotation(GKE_RBS, "enabled");
      ctx.info("svc-scheme", why + " -> GKE external passthrough load balancer, backend-service based (" + GKE_RBS + ": enabled)");
    } else {
      ctx.info("svc-scheme", why + " -> GKE external passthrough load balancer");
    }
  }

  private void applyAddresses(ActionContext ctx, Map<String, String> annotations, boolean internal) {
    KubeObject service = ctx.object();
    List<String> pinned = new ArrayList<>();
    for (String suffix : ADDRESS_SUFFIXES) {
      String key = AwsServiceAnnotations.PREFIX + suffix;
      if (annotations.containsKey(key)) {
        pinned.add(key + ": " + annotations.get(key));
        service.removeAnnotation(key);
      }
    }
    String reserved = addresses.get(service.namespace() + "/" + service.name());
    if (reserved != null) {
      service.setAnnotation(GKE_ADDRESSES, reserved);
      ctx.info("svc-static-ip", (pinned.isEmpty() ? "" : "replaced " + String.join(", ", pinned) + " with ")
          + "reserved address " + reserved + " (" + GKE_ADDRESSES + ")");
    } else if (!pinned.isEmpty()) {
      ctx.warn("svc-static-ip", "removed " + String.join(", ", pinned) + ": AWS addresses do not move to Google Cloud; "
              + "GKE gives the load balancer a new address",
          "reserve a regional " + (internal ? "internal " : "") + "address (gcloud compute addresses create NAME --region REGION"
              + (internal ? " --subnet SUBNET" : "") + "), add '" + service.namespace() + "/" + service.name()
              + ": NAME' to addresses, and update DNS");
    }
  }

  public static final ConverterSpec SPEC = new ConverterDescriptor(
      "awsServiceToGkeL4",
      "Turn Services exposed by the AWS Load Balancer Controller (loadBalancerClass service.k8s.aws/nlb or "
          + "eks.amazonaws.com/nlb, aws-load-balancer-type external/nlb-ip) or the in-tree AWS provider into GKE L4 "
          + "load balancers: the AWS class is removed (GKE ignores Services with a foreign class), internal stays "
          + "internal (the controller's default scheme is internal) via networking.gke.io/load-balancer-type, reserved "
          + "addresses replace EIPs, source ranges are kept, and every AWS annotation is removed with a finding "
          + "(TLS termination and PROXY protocol are errors: an L4 passthrough load balancer does neither).",
      List.of(
          ParameterDoc.optional("addresses", "map", "namespace/name of a Service -> name(s) of reserved Google Cloud addresses, comma-separated"),
          ParameterDoc.optional("backendServiceBased", "bool", "give external load balancers cloud.google.com/l4-rbs: enabled (default true; GKE's recommended external passthrough load balancer)")),
      """
          - name: aws-load-balancer-services
            match: {resources: [services]}
            actions:
              - convert: awsServiceToGkeL4
                with:
                  addresses: {shop/api-public: shop-api-ip}
          """,
      AwsServiceToGkeL4::create).withScope(
      new ResourceScope(List.of("services"),
          List.of(ResourceScope.need("services", "no Service is converted"))));

  private static ObjectAction create(ConverterConfig config) {
    JsonNode addresses = config.node("addresses");
    if (addresses != null && !addresses.isNull() && !addresses.isObject()) {
      throw new IllegalArgumentException("addresses must be a map of namespace/name -> reserved address name");
    }
    Map<String, String> map = config.map("addresses");
    for (Map.Entry<String, String> e : map.entrySet()) {
      if (e.getKey().split("/", -1).length != 2 || e.getValue().isBlank()) {
        throw new IllegalArgumentException("addresses: '" + e.getKey() + "' must be namespace/name of a Service, mapped to a reserved address name");
      }
    }
    return new AwsServiceToGkeL4(map, config.bool("backendServiceBased", true));
  }
}
