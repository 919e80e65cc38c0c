package dev.transship.cloud;

import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Recognises ECR registry hosts (amazon-ecr-credential-helper's patterns, cloud-mapping.md §6.3):
 * the one answer for the converter, lint, the planner and the pull-secret minter.
 */
public final class EcrHosts {
  private static final Pattern PRIVATE = Pattern.compile("(\\d{12})\\.dkr[.-]ecr(-fips)?\\.([a-zA-Z0-9][a-zA-Z0-9-_]*)\\."
      + "(amazonaws\\.(?:com(?:\\.cn)?|eu)|on\\.(?:aws|amazonwebservices\\.com\\.cn)|sc2s\\.sgov\\.gov|c2s\\.ic\\.gov|cloud\\.adc-e\\.uk|csp\\.hci\\.ic\\.gov)");
  private static final Set<String> PUBLIC = Set.of("public.ecr.aws", "ecr-public.aws.com");
  /** AWS's own accounts for EKS add-on images and App Mesh (cloud-mapping.md §6.3). */
  private static final Set<String> AWS_SYSTEM_ACCOUNTS = Set.of("602401143452", "840364872350");

  /** A private registry's account and region. */
  public record Registry(String account, String region) {}

  private EcrHosts() {}

  /** The account and region of a private ECR registry host, or null when it is none. */
  public static Registry parse(String host) {
    Matcher m = PRIVATE.matcher(host);
    return m.matches() ? new Registry(m.group(1), m.group(3)) : null;
  }

  public static boolean isPrivate(String host) {
    return PRIVATE.matcher(host).matches();
  }

  public static boolean isPublic(String host) {
    return PUBLIC.contains(host);
  }

  /** Whether the host belongs to an AWS account that publishes EKS system components. */
  public static boolean awsSystem(String host) {
    Matcher m = PRIVATE.matcher(host);
    return m.matches() && AWS_SYSTEM_ACCOUNTS.contains(m.group(1));
  }

  /**
   * The registry host of an image reference: the first path component when it looks like a host
   * (has a dot or port, or is localhost), as Docker decides; "" for Docker Hub short names.
   */
  public static String hostOfImage(String image) {
    int slash = image.indexOf('/');
    if (slash < 0) {
      return "";
    }
    String first = image.substring(0, slash);
    return first.contains(".") || first.contains(":") || first.equals("localhost") ? first : "";
  }

  /** The host of a docker config {@code auths} key, which may carry a scheme and a path. */
  public static String hostOfAuthKey(String key) {
    String host = key.replaceFirst("^[a-zA-Z][a-zA-Z0-9+.-]*://", "");
    int slash = host.indexOf('/');
    return slash < 0 ? host : host.substring(0, slash);
  }

  /** The private ECR registry host of an image reference, or null. */
  public static String privateHostOfImage(String image) {
    String host = hostOfImage(image);
    return isPrivate(host) ? host : null;
  }

  /** Whether a dockerconfigjson {@code auths} key names a private ECR registry. */
  public static boolean isPrivateAuthKey(String authKey) {
    return isPrivate(hostOfAuthKey(authKey));
  }
}
