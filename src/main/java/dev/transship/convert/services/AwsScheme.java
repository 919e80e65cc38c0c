package dev.transship.convert.services;

import java.util.Locale;
import java.util.Map;

/**
 * Whether an AWS load balancer Service was internal, and why (cloud-mapping.md §3, fact 5): the
 * scheme annotation, else the legacy {@code aws-load-balancer-internal} annotation, else the
 * owner's default: internal for the AWS Load Balancer Controller, internet-facing for the in-tree
 * cloud provider.
 *
 * @param source the annotation that decided, or null when the owner's default did
 */
record AwsScheme(boolean internal, String source, String value) {
  static final String SCHEME = AwsServiceAnnotations.PREFIX + "scheme";
  static final String INTERNAL = AwsServiceAnnotations.PREFIX + "internal";

  static AwsScheme of(Map<String, String> annotations, boolean loadBalancerController) {
    String scheme = annotations.getOrDefault(SCHEME, "").trim().toLowerCase(Locale.ROOT);
    if (scheme.equals("internal") || scheme.equals("internet-facing")) {
      return new AwsScheme(scheme.equals("internal"), SCHEME, annotations.get(SCHEME));
    }
    String internal = annotations.get(INTERNAL);
    if (internal != null) {
      // the in-tree provider reads any value but "false" (true, or a CIDR) as internal
      return new AwsScheme(!internal.trim().toLowerCase(Locale.ROOT).equals("false"), INTERNAL, internal);
    }
    return new AwsScheme(loadBalancerController, null, null);
  }

  boolean defaulted() {
    return source == null;
  }
}
