package dev.transship.convert.addons;

import dev.transship.kube.KubeObject;
import java.util.Map;

/** Gateway API controllers that only run on AWS, by the controllerName their GatewayClasses carry. */
public final class AwsGatewayClasses {
  private static final Map<String, String> CONTROLLERS = Map.of(
      "application-networking.k8s.aws/gateway-api-controller", "the AWS Gateway API Controller (Amazon VPC Lattice)",
      "gateway.k8s.aws/alb", "the AWS Load Balancer Controller (ALB)",
      "gateway.k8s.aws/nlb", "the AWS Load Balancer Controller (NLB)");

  private AwsGatewayClasses() {}

  public static boolean isGatewayClass(KubeObject object) {
    return "GatewayClass".equals(object.kind()) && "gateway.networking.k8s.io".equals(object.group());
  }

  public static boolean isGateway(KubeObject object) {
    return "Gateway".equals(object.kind()) && "gateway.networking.k8s.io".equals(object.group());
  }

  /** The AWS controller named by a GatewayClass's {@code spec.controllerName}, or null. */
  public static String controller(KubeObject gatewayClass) {
    return CONTROLLERS.get(gatewayClass.node().path("spec").path("controllerName").asText(""));
  }
}
