package dev.transship.convert.alb;

import dev.transship.archive.RawItem;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.transship.archive.ItemKey;
import dev.transship.cloud.IngressClassIndex;
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
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * AWS Load Balancer Controller Ingresses to GKE Ingresses (cloud-mapping.md §1). The first pass
 * remembers which Services each Ingress routes to, so that when a Service streams by it gets its
 * NEG annotation and a BackendConfig built from the Ingress's and its own ALB annotations.
 */
public final class AlbIngressToGce implements ObjectAction {
  /** Each change this converter makes comes with a finding of its own. */
  @Override
  public boolean reportsItsChanges() {
    return true;
  }

  /** What the first pass keeps about an Ingress that routes to a Service. */
  private record IngressRef(String ingress, String namedClass, AlbAnnotations alb, String inboundCidrPolicy) {}

  private final Map<String, String> preSharedCerts;
  private final Map<String, String> sslPolicies;
  private final Map<String, String> securityPolicies;
  /** namespace/name of an Ingress -> reserved address name, and -> Cloud Armor policy allowing its inbound CIDRs. */
  private final Map<String, String> staticIps;
  private final Map<String, String> inboundCidrPolicies;
  private final SeenValues seenIngresses = new SeenValues();
  private final IngressClassIndex classes = new IngressClassIndex();
  private final Map<IngressClassIndex.ParamsRef, JsonNode> classParams = new HashMap<>();
  private final Map<String, List<IngressRef>> ingressesOfService = new HashMap<>();

  AlbIngressToGce(Map<String, String> preSharedCerts, Map<String, String> sslPolicies, Map<String, String> securityPolicies,
      Map<String, String> staticIps, Map<String, String> inboundCidrPolicies) {
    this.preSharedCerts = preSharedCerts;
    this.sslPolicies = sslPolicies;
    this.securityPolicies = securityPolicies;
    this.staticIps = staticIps;
    this.inboundCidrPolicies = inboundCidrPolicies;
  }

  @Override
  public boolean needsIndex() {
    return true;
  }

  @Override
  public boolean indexes(RawItem item) {
    String resource = item.path().key().resource();
    return resource.equals("ingresses") || resource.equals("ingressclasses") || resource.equals("ingressclassparams");
  }

  @Override
  public void index(ItemKey key, KubeObject object) {
    switch (object.kind()) {
      case "IngressClass":
        classes.observe(object);
        break;
      case "IngressClassParams":
        classParams.put(new IngressClassIndex.ParamsRef(object.group(), object.name()), object.node().path("spec").deepCopy());
        break;
      case "Ingress":
        IngressRef ref = new IngressRef(object.name(), IngressClassIndex.namedClass(object), AlbAnnotations.of(object.annotations()).backendSettings(),
            inboundCidrPolicies.get(object.namespace() + "/" + object.name()));
        for (String service : backendServices(object.node().path("spec"))) {
          ingressesOfService.computeIfAbsent(object.namespace() + "/" + service, s -> new ArrayList<>()).add(ref);
        }
        break;
      default:
        break;
    }
  }

  private static List<String> backendServices(JsonNode spec) {
    List<BackendRef> refs = new ArrayList<>();
    refs.add(BackendRef.of(spec.path(BackendRef.defaultBackendField(spec))));
    for (JsonNode rule : spec.path("rules")) {
      for (JsonNode path : rule.path("http").path("paths")) {
        refs.add(BackendRef.of(path.path("backend")));
      }
    }
    return refs.stream().filter(r -> r != null && !r.isAction()).map(BackendRef::service).distinct().toList();
  }

  /** Ingress names a user's staticIps and inboundCidrPolicies keys must be among. */
  @Override
  public void observe(ItemKey key, KubeObject object) {
    if ("Ingress".equals(object.kind())) {
      seenIngresses.add(object.namespace() + "/" + object.name());
    }
  }

  @Override
  public List<UnmatchedValues> unmatched() {
    List<UnmatchedValues> out = new ArrayList<>();
    for (var parameter : Map.of("staticIps", staticIps, "inboundCidrPolicies", inboundCidrPolicies).entrySet()) {
      UnmatchedValues unmatched = seenIngresses.unmatched(parameter.getKey(), true, parameter.getValue().keySet(), seenIngresses.sorted(),
          "Ingresses (namespace/name)");
      if (unmatched != null) {
        out.add(unmatched);
      }
    }
    return out;
  }

  private boolean isAlb(String namedClass) {
    return classes.controller(namedClass) == IngressClassIndex.Controller.ALB;
  }

  @Override
  public void apply(ActionContext ctx) {
    KubeObject object = ctx.object();
    switch (object.kind()) {
      case "IngressClass":
        if (IngressClassIndex.ALB_CONTROLLERS.contains(object.node().path("spec").path("controller").asText())) {
          ctx.drop("alb-ingress-class", "IngressClass of the AWS Load Balancer Controller; GKE selects its controller with the kubernetes.io/ingress.class annotation");
        }
        break;
      case "IngressClassParams":
        ctx.drop("alb-ingress-class", "IngressClassParams of the AWS Load Balancer Controller; its settings were folded into the Ingresses of its class");
        break;
      case "Ingress":
        if (isAlb(IngressClassIndex.namedClass(object))) {
          ingress(ctx, object);
        } else if (!AlbAnnotations.of(object.annotations()).isEmpty()) {
          String named = IngressClassIndex.namedClass(object);
          ctx.warn("alb-annotations-not-converted", "the Ingress carries alb.ingress.kubernetes.io annotations, but "
                  + (named.isEmpty() ? "no IngressClass" : "its class " + named) + " is not the AWS Load Balancer Controller's: not converted, annotations kept",
              "if the ALB served it on EKS, give it the ALB class (ingressClassName) in the source manifests and convert again");
        }
        break;
      case "Service":
        service(ctx, object);
        break;
      default:
        break;
    }
  }

  private void ingress(ActionContext ctx, KubeObject ingress) {
    ObjectNode spec = (ObjectNode) ingress.node().path("spec");
    AlbAnnotations alb = withClassParams(ingress, AlbAnnotations.of(ingress.annotations()), ctx);
    boolean internal = !"internet-facing".equals(alb.get("scheme"));
    spec.remove("ingressClassName");
    ingress.setAnnotation("kubernetes.io/ingress.class", internal ? "gce-internal" : "gce");
    if (alb.get("scheme") == null) {
      ctx.info("alb-scheme-default-internal", "no scheme: the AWS Load Balancer Controller's default is internal, so the Ingress stays internal (gce-internal; needs a proxy-only subnet)");
    } else {
      ctx.info("alb-class", "ALB scheme " + alb.get("scheme") + " -> kubernetes.io/ingress.class " + (internal ? "gce-internal" : "gce"));
    }
    if (alb.get("group.name") != null) {
      ctx.warn("alb-group-name", "IngressGroup " + alb.get("group.name") + " merged several Ingresses into one ALB; on GKE each Ingress gets its own load balancer and IP address",
          "point DNS at each Ingress's address, or merge the group into one Ingress or a Gateway");
    }
    staticIp(ingress, internal, ctx);
    PathRules.Result paths = PathRules.convert(spec, alb, ctx);
    Listeners listeners = Listeners.of(alb, !Certificates.explicitArns(alb).isEmpty(), ctx);
    Certificates.Tls tls = Certificates.convert(ingress, alb, listeners, internal, preSharedCerts, ctx);
    if (tls.managedCertificate() != null) {
      ctx.generate(tls.managedCertificate());
    }
    ObjectNode frontend = FrontendSettings.convert(ingress, alb, listeners, tls, internal, paths.redirectCode(), sslPolicies, ctx);
    if (frontend != null) {
      ctx.generate(frontend);
    }
    InboundCidrs.check(ingress, alb.get("inbound-cidrs"), internal, inboundCidrPolicies.get(ingress.namespace() + "/" + ingress.name()), ctx);
    alb.values().forEach((name, value) -> UnsupportedAnnotations.report(name, value, paths.redirectActions(), ctx));
    removeAlbAnnotations(ingress);
    List<String> kept = new ArrayList<>();
    for (String f : ingress.finalizers()) {
      if (f.startsWith("group.ingress.k8s.aws/") || f.equals("ingress.k8s.aws/resources")) {
        ctx.info("finalizer-removed", "removed finalizer " + f + " of the AWS Load Balancer Controller");
      } else {
        kept.add(f);
      }
    }
    ingress.setFinalizers(kept);
  }

  /** A reserved address is per Ingress: two Ingresses cannot share one. */
  private void staticIp(KubeObject ingress, boolean internal, ActionContext ctx) {
    String address = staticIps.get(ingress.namespace() + "/" + ingress.name());
    if (address == null) {
      return;
    }
    String annotation = internal ? "kubernetes.io/ingress.regional-static-ip-name" : "kubernetes.io/ingress.global-static-ip-name";
    ingress.setAnnotation(annotation, address);
    ctx.info("alb-static-ip", "reserved " + (internal ? "regional" : "global") + " address " + address + " -> " + annotation);
  }

  /**
   * Folds the class's IngressClassParams into the annotations. As in the controller, what the
   * params set wins over the Ingress's own annotations: an administrator's class settings are not
   * the Ingress's to change. EKS Auto Mode's params have other fields and are reported, not folded.
   */
  private AlbAnnotations withClassParams(KubeObject ingress, AlbAnnotations alb, ActionContext ctx) {
    Optional<IngressClassIndex.ParamsRef> ref = classes.paramsOf(ingress);
    JsonNode params = ref.map(classParams::get).orElse(null);
    if (params == null) {
      return alb;
    }
    String paramsName = ref.get().name();
    if (ref.get().apiGroup().equals(IngressClassIndex.AUTO_MODE_PARAMS_GROUP)) {
      ctx.warn("alb-class-params-auto-mode", "IngressClassParams " + paramsName + " of EKS Auto Mode (" + String.join(", ", fieldNames(params))
              + ") are not carried over", "set the matching GKE settings (FrontendConfig, BackendConfig, annotations) on the Ingress by hand");
      return alb;
    }
    Map<String, String> folded = new TreeMap<>();
    if (params.hasNonNull("scheme")) {
      folded.put("scheme", params.path("scheme").asText());
    }
    if (params.path("group").hasNonNull("name")) {
      folded.put("group.name", params.path("group").path("name").asText());
    }
    if (params.hasNonNull("sslPolicy")) {
      folded.put("ssl-policy", params.path("sslPolicy").asText());
    }
    if (params.path("certificateArn").isArray()) {
      List<String> arns = new ArrayList<>();
      params.path("certificateArn").forEach(a -> arns.add(a.asText()));
      folded.put("certificate-arn", String.join(",", arns));
    }
    if (params.path("inboundCIDRs").isArray()) {
      folded.put("inbound-cidrs", params.path("inboundCIDRs").toString());
    }
    ctx.info("alb-class-params", "folded IngressClassParams " + paramsName + " (" + String.join(", ", folded.keySet()) + ") into the Ingress");
    for (var setting : folded.entrySet()) {
      String own = alb.get(setting.getKey());
      if (own != null && !own.equals(setting.getValue())) {
        ctx.warn("alb-class-params-override", "IngressClassParams " + paramsName + " sets " + setting.getKey() + " " + setting.getValue()
                + ", which wins over the Ingress's own " + own + " (as in the AWS Load Balancer Controller, so it was so on EKS too)",
            "drop the Ingress's annotation, or move the Ingress to a class whose params allow it");
      }
    }
    return alb.overriddenBy(new AlbAnnotations(folded));
  }

  private static List<String> fieldNames(JsonNode node) {
    List<String> names = new ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }

  private void service(ActionContext ctx, KubeObject service) {
    List<IngressRef> refs = new ArrayList<>();
    for (IngressRef ref : ingressesOfService.getOrDefault(service.namespace() + "/" + service.name(), List.of())) {
      if (isAlb(ref.namedClass())) {
        refs.add(ref);
      }
    }
    AlbAnnotations own = AlbAnnotations.of(service.annotations());
    if (refs.isEmpty() && own.isEmpty()) {
      return;
    }
    refs.sort((a, b) -> a.ingress().compareTo(b.ingress()));
    AlbAnnotations fromIngresses = new AlbAnnotations(Map.of());
    for (IngressRef ref : refs) {
      for (Map.Entry<String, String> e : ref.alb().values().entrySet()) {
        String existing = fromIngresses.get(e.getKey());
        if (existing != null && !existing.equals(e.getValue()) && own.get(e.getKey()) == null) {
          ctx.warn("alb-backend-conflict", "Ingresses disagree on " + e.getKey() + " for this backend (" + existing + " vs " + e.getValue()
              + "); a BackendConfig applies to the Service, so " + existing + " was kept", "set the value on the Service to choose");
        }
      }
      fromIngresses = ref.alb().overriddenBy(fromIngresses);
    }
    AlbAnnotations effective = fromIngresses.overriddenBy(own);
    if (!refs.isEmpty()) {
      service.setAnnotation("cloud.google.com/neg", "{\"ingress\": true}");
      ctx.info("alb-backend-neg", "backend of ALB Ingress " + String.join(", ", refs.stream().map(IngressRef::ingress).toList())
          + ": container-native load balancing (NEG) enabled");
    }
    appProtocols(service, effective, ctx);
    ObjectNode backendSpec = BackendConfigBuilder.spec(effective, securityPolicies, cidrPolicy(refs, ctx), ctx);
    if (!backendSpec.isEmpty()) {
      String name = service.name() + "-backendconfig";
      ObjectNode backendConfig = Generated.object("cloud.google.com/v1", "BackendConfig", name, service);
      backendConfig.set("spec", backendSpec);
      ctx.generate(backendConfig);
      service.setAnnotation("cloud.google.com/backend-config", "{\"default\":\"" + name + "\"}");
      ctx.info("alb-backend-config", "generated BackendConfig " + name + " from the ALB health check and target group settings");
    }
    own.values().forEach((name, value) -> UnsupportedAnnotations.report(name, value, Set.of(), ctx));
    removeAlbAnnotations(service);
  }

  /**
   * The Cloud Armor policy that keeps the backend's Ingresses' inbound-CIDR limits, or null. A
   * BackendConfig belongs to the Service, so a policy would restrict every Ingress routing to it:
   * when they disagree (one restricted, one open, or two policies) none is attached and it is an error.
   */
  private static String cidrPolicy(List<IngressRef> refs, ActionContext ctx) {
    List<String> policies = refs.stream().map(r -> r.inboundCidrPolicy() == null ? "" : r.inboundCidrPolicy()).distinct().toList();
    if (policies.size() == 1) {
      return policies.get(0).isEmpty() ? null : policies.get(0);
    }
    String each = String.join(", ", refs.stream().map(r -> r.ingress() + " (" + (r.inboundCidrPolicy() == null ? "open" : r.inboundCidrPolicy()) + ")").toList());
    ctx.error("alb-inbound-cidrs-shared-backend", "the Service backs Ingresses with different inbound-CIDR limits: " + each
            + "; a BackendConfig applies to the Service, so no Cloud Armor policy was attached and the limits are not enforced",
        "give the restricted Ingress its own Service (a copy selecting the same pods) and convert again");
    return null;
  }

  private static void appProtocols(KubeObject service, AlbAnnotations alb, ActionContext ctx) {
    String protocol = alb.get("backend-protocol");
    if ("HTTP2".equals(alb.get("backend-protocol-version")) || "GRPC".equals(alb.get("backend-protocol-version"))) {
      protocol = "HTTP2";
    }
    if (protocol == null || protocol.equalsIgnoreCase("HTTP")) {
      return;
    }
    StringBuilder json = new StringBuilder("{");
    for (JsonNode port : service.node().path("spec").path("ports")) {
      if (port.hasNonNull("name")) {
        json.append(json.length() > 1 ? "," : "").append('"').append(port.path("name").asText()).append("\":\"").append(protocol.toUpperCase()).append('"');
      }
    }
    if (json.length() == 1) {
      ctx.error("alb-backend-protocol-unnamed-port", "backend protocol " + protocol + " needs named Service ports: cloud.google.com/app-protocols is keyed by port name",
          "name the Service's ports");
      return;
    }
    service.setAnnotation("cloud.google.com/app-protocols", json.append('}').toString());
    ctx.info("alb-backend-protocol", "backend protocol " + protocol + " -> cloud.google.com/app-protocols");
  }

  private static void removeAlbAnnotations(KubeObject object) {
    for (String key : new ArrayList<>(object.annotations().keySet())) {
      if (key.startsWith(AlbAnnotations.PREFIX)) {
        object.removeAnnotation(key);
      }
    }
  }

  public static final ConverterSpec SPEC = new ConverterDescriptor(
      "albIngressToGce",
      "Convert AWS Load Balancer Controller Ingresses to GKE Ingresses: class gce/gce-internal (ALB's default scheme is "
          + "internal), BackendConfig from health checks, timeouts, draining, stickiness and WAF; FrontendConfig from SSL "
          + "redirect and policy; ManagedCertificate or pre-shared certificates; NEGs on backend Services; GCE path rules. "
          + "Apply it to Ingresses, IngressClasses, IngressClassParams and Services.",
      List.of(ParameterDoc.optional("preSharedCerts", "map", "ACM certificate ARN -> Compute SSL certificate name"),
          ParameterDoc.optional("sslPolicies", "map", "ELB security policy -> GCP SSL policy name"),
          ParameterDoc.optional("securityPolicies", "map", "WAF web ACL ARN -> Cloud Armor security policy name"),
          ParameterDoc.optional("staticIps", "map", "Ingress namespace/name -> reserved address name (global for gce, regional for gce-internal)"),
          ParameterDoc.optional("inboundCidrPolicies", "map", "Ingress namespace/name -> Cloud Armor policy that allows its inbound-cidrs")),
      "- convert: albIngressToGce\n  with:\n    securityPolicies: {\"arn:aws:wafv2:...\": shop-armor}",
      config -> new AlbIngressToGce(config.map("preSharedCerts"), config.map("sslPolicies"), config.map("securityPolicies"),
          config.map("staticIps"), config.map("inboundCidrPolicies"))).withScope(
      new ResourceScope(
          List.of("ingresses.networking.k8s.io", "ingresses.extensions", "ingressclasses.networking.k8s.io", "ingressclassparams.elbv2.k8s.aws", "services"),
          List.of(ResourceScope.need("ingresses.networking.k8s.io", "the ALB Ingresses are not converted"),
              ResourceScope.need("services", "the Services behind ALB Ingresses get no BackendConfig, NEG or app-protocols, so health checks and backend protocols are lost"),
              ResourceScope.need("ingressclasses.networking.k8s.io", "the AWS Load Balancer Controller's IngressClasses are restored, with no controller on GKE"),
              ResourceScope.need("ingressclassparams.elbv2.k8s.aws", "IngressClassParams are restored, with no controller on GKE"))));

}
