package dev.transship.convert.alb;

import dev.transship.rules.ActionContext;
import java.util.Map;
import java.util.Set;

/**
 * What becomes of each attribute in {@code load-balancer-attributes} and
 * {@code target-group-attributes} (the ELB attribute names): carried into the BackendConfig by
 * {@link BackendConfigBuilder}, of no use on GKE, or lost, which is harmless only at AWS's default
 * value. An attribute this catalogue does not know is reported too: nothing is dropped silently.
 */
final class AlbAttributes {
  /** Lost on GKE: the value at which losing it changes nothing, and what it did. */
  private record Lost(String harmlessValue, String what) {}

  static final Set<String> LOAD_BALANCER_MAPPED = Set.of("idle_timeout.timeout_seconds", "access_logs.s3.enabled");
  static final Set<String> TARGET_GROUP_MAPPED = Set.of("deregistration_delay.timeout_seconds", "stickiness.enabled", "stickiness.type",
      "stickiness.lb_cookie.duration_seconds", "stickiness.app_cookie.cookie_name", "stickiness.app_cookie.duration_seconds");

  private static final Map<String, String> LOAD_BALANCER_NO_USE = Map.ofEntries(
      Map.entry("access_logs.s3.bucket", "logs go to Cloud Logging"),
      Map.entry("access_logs.s3.prefix", "logs go to Cloud Logging"),
      Map.entry("deletion_protection.enabled", "GKE deletes the load balancer with the Ingress"),
      Map.entry("ipv6.deny_all_igw_traffic", "an AWS VPC setting"),
      Map.entry("zonal_shift.config.enabled", "Google's load balancers shift away from unhealthy zones themselves"),
      Map.entry("load_balancing.cross_zone.enabled", "Google's load balancers balance across zones"),
      Map.entry("routing.http.desync_mitigation_mode", "Google's front ends normalise requests themselves"),
      Map.entry("routing.http.preserve_host_header.enabled", "Google's load balancers pass the Host header on as sent"),
      Map.entry("connection_logs.s3.bucket", "no connection logs on GKE"),
      Map.entry("connection_logs.s3.prefix", "no connection logs on GKE"),
      Map.entry("health_check_logs.s3.bucket", "health check logs go to Cloud Logging"),
      Map.entry("health_check_logs.s3.prefix", "health check logs go to Cloud Logging"));

  private static final Map<String, Lost> LOAD_BALANCER_LOST = Map.of(
      "routing.http2.enabled", new Lost("true", "HTTP/2 to clients cannot be switched off on a GKE Ingress"),
      "routing.http.drop_invalid_header_fields.enabled", new Lost("false", "requests with invalid header fields are handled by Google's front ends' own rules"),
      "routing.http.x_amzn_tls_version_and_cipher_suite.enabled", new Lost("false",
          "the x-amzn-tls-version and x-amzn-tls-cipher-suite headers are no longer sent (a BackendConfig customRequestHeaders with {tls_version} and {tls_cipher_suite} can send them)"),
      "routing.http.xff_client_port.enabled", new Lost("false", "X-Forwarded-For no longer carries the client port"),
      "routing.http.xff_header_processing.mode", new Lost("append", "Google's load balancers always append to X-Forwarded-For"),
      "waf.fail_open.enabled", new Lost("false", "Cloud Armor has no fail-open mode"),
      "client_keep_alive.seconds", new Lost("3600", "the client keep-alive of a GKE Ingress is Google's default (610 s)"),
      "connection_logs.s3.enabled", new Lost("false", "GKE load balancers have no connection logs"),
      "health_check_logs.s3.enabled", new Lost("false", "health check logs are Cloud Logging's, enabled on the health check"));

  private static final Map<String, String> TARGET_GROUP_NO_USE = Map.of(
      "load_balancing.cross_zone.enabled", "Google's load balancers balance across zones",
      "lambda.multi_value_headers.enabled", "Lambda targets do not come from Ingresses",
      "deregistration_delay.connection_termination.enabled", "a Network Load Balancer attribute",
      "preserve_client_ip.enabled", "a Network Load Balancer attribute",
      "proxy_protocol_v2.enabled", "a Network Load Balancer attribute",
      "target_health_state.unhealthy.connection_termination.enabled", "a Network Load Balancer attribute",
      "target_health_state.unhealthy.draining_interval_seconds", "a Network Load Balancer attribute");

  private static final Map<String, Lost> TARGET_GROUP_LOST = Map.of(
      "slow_start.duration_seconds", new Lost("0", "new endpoints get their full share at once (no slow start on GKE Ingress)"),
      "load_balancing.algorithm.type", new Lost("round_robin", "GKE Ingress backends balance by utilisation or rate, not by a chosen algorithm"),
      "load_balancing.algorithm.anomaly_mitigation", new Lost("off", "no automatic target weights on GKE Ingress (outlier detection needs a Gateway)"),
      "target_group_health.dns_failover.minimum_healthy_targets.count", new Lost("1", "no DNS failover thresholds on GKE"),
      "target_group_health.dns_failover.minimum_healthy_targets.percentage", new Lost("off", "no DNS failover thresholds on GKE"),
      "target_group_health.unhealthy_state_routing.minimum_healthy_targets.count", new Lost("1", "no fail-open thresholds on GKE"),
      "target_group_health.unhealthy_state_routing.minimum_healthy_targets.percentage", new Lost("off", "no fail-open thresholds on GKE"));

  private AlbAttributes() {}

  /** Reports every load balancer attribute the BackendConfig does not carry. */
  static void reportLoadBalancer(Map<String, String> attributes, ActionContext ctx) {
    report("load balancer", attributes, LOAD_BALANCER_MAPPED, LOAD_BALANCER_NO_USE, LOAD_BALANCER_LOST, ctx);
  }

  /** Reports every target group attribute the BackendConfig does not carry. */
  static void reportTargetGroup(Map<String, String> attributes, ActionContext ctx) {
    report("target group", attributes, TARGET_GROUP_MAPPED, TARGET_GROUP_NO_USE, TARGET_GROUP_LOST, ctx);
  }

  private static void report(String of, Map<String, String> attributes, Set<String> mapped, Map<String, String> noUse, Map<String, Lost> lost,
      ActionContext ctx) {
    attributes.forEach((name, value) -> {
      if (mapped.contains(name)) {
        return;
      }
      String attribute = of + " attribute " + name + "=" + value;
      if (noUse.containsKey(name)) {
        ctx.info("alb-attribute-no-use", attribute + " not carried over: " + noUse.get(name));
      } else if (lost.containsKey(name) && lost.get(name).harmlessValue().equalsIgnoreCase(value)) {
        ctx.info("alb-attribute-no-use", attribute + " not carried over: AWS's default, and GKE behaves alike");
      } else if (lost.containsKey(name)) {
        ctx.warn("alb-attribute-lost", attribute + " has no GKE Ingress equivalent: " + lost.get(name).what(), "");
      } else {
        ctx.warn("alb-attribute-unknown", attribute + " is not an attribute transship knows: not carried over", "check what it did on AWS");
      }
    });
  }
}
