package dev.transship.convert.addons;

import dev.transship.kube.ContainerFlags;
import dev.transship.kube.KubeObject;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * External DNS as the source cluster ran it: the provider and TXT owner id in its container
 * arguments ({@code --provider=aws} or {@code --provider aws}, and the {@code EXTERNAL_DNS_*}
 * environment equivalents, read by {@link ContainerFlags}), and the Route 53 routing annotations on the Services and Ingresses it
 * publishes, which only its aws provider reads.
 */
public final class ExternalDns {
  static final String ANNOTATION_PREFIX = "external-dns.alpha.kubernetes.io/";
  /** Route 53 routing policies (weighted, latency, failover, geolocation, ...) and alias records. */
  static final String AWS_ANNOTATION_PREFIX = ANNOTATION_PREFIX + "aws-";
  static final String SET_IDENTIFIER = ANNOTATION_PREFIX + "set-identifier";
  static final String ALIAS = ANNOTATION_PREFIX + "alias";

  private ExternalDns() {}

  /** Whether the object runs External DNS with an AWS provider (aws, or aws-sd for Cloud Map). */
  public static boolean awsProvider(KubeObject object) {
    return ContainerFlags.of(object, "--provider", "EXTERNAL_DNS_PROVIDER").stream().anyMatch(f -> f.value().equals("aws") || f.value().equals("aws-sd"));
  }

  /** The TXT owner ids the object's External DNS containers claim records with. */
  public static List<ContainerFlags.Flag> ownerIds(KubeObject object) {
    return ContainerFlags.of(object, "--txt-owner-id", "EXTERNAL_DNS_TXT_OWNER_ID");
  }

  /** The Route 53-only annotations of the object: routing policies, their set identifier and alias records. */
  public static TreeSet<String> awsRoutingAnnotations(KubeObject object) {
    TreeSet<String> keys = new TreeSet<>();
    Map<String, String> annotations = object.annotations();
    for (String key : annotations.keySet()) {
      if (key.startsWith(AWS_ANNOTATION_PREFIX) || key.equals(ALIAS)) {
        keys.add(key);
      }
    }
    if (!keys.isEmpty() && annotations.containsKey(SET_IDENTIFIER)) {
      keys.add(SET_IDENTIFIER);
    }
    return keys;
  }
}
