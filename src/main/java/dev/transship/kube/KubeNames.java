package dev.transship.kube;

import java.util.regex.Pattern;

/** The name rules of Kubernetes' API validation (apimachinery's validation package), in one place. */
public final class KubeNames {
  private static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
  private static final Pattern DNS_SUBDOMAIN = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");
  private static final Pattern QUALIFIED_NAME_PART = Pattern.compile("[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?");
  private static final Pattern LABEL_VALUE = Pattern.compile("(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?");
  /** What every kind accepts at least: no '/', '%', whitespace or control characters, not "." or "..". */
  private static final Pattern PATH_SEGMENT = Pattern.compile("(?!\\.{1,2}$)[^/%\\s\\p{Cntrl}]+");

  private KubeNames() {}

  /** A namespace name, for example. */
  public static boolean isDnsLabel(String name) {
    return name.length() <= 63 && DNS_LABEL.matcher(name).matches();
  }

  /** Most object names (Backups, Meshes, ...). */
  public static boolean isDnsSubdomain(String name) {
    return name.length() <= 253 && DNS_SUBDOMAIN.matcher(name).matches();
  }

  /** The loosest object name rule, which every kind's names meet. */
  public static boolean isPathSegmentName(String name) {
    return name.length() <= 253 && PATH_SEGMENT.matcher(name).matches();
  }

  /** A label or annotation key: an optional DNS-subdomain prefix and '/', then at most 63 characters. */
  public static boolean isQualifiedName(String key) {
    int slash = key.indexOf('/');
    String name = slash < 0 ? key : key.substring(slash + 1);
    return (slash < 0 || isDnsSubdomain(key.substring(0, slash))) && name.length() <= 63 && QUALIFIED_NAME_PART.matcher(name).matches();
  }

  public static boolean isLabelValue(String value) {
    return value.length() <= 63 && LABEL_VALUE.matcher(value).matches();
  }
}
