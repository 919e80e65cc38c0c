package dev.transship.kube;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A Kubernetes minor release such as 1.32, comparable. */
public record KubeVersion(int major, int minor) implements Comparable<KubeVersion> {
  private static final Pattern FORMAT = Pattern.compile("v?(\\d+)\\.(\\d+)(?:\\.\\d+)?");

  /** @throws IllegalArgumentException for text that is not {@code 1.NN} */
  public static KubeVersion parse(String text) {
    Matcher m = FORMAT.matcher(text.trim());
    if (!m.matches()) {
      throw new IllegalArgumentException("'" + text + "' is not a Kubernetes version such as 1.32");
    }
    return new KubeVersion(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
  }

  @Override
  public int compareTo(KubeVersion o) {
    return major != o.major ? Integer.compare(major, o.major) : Integer.compare(minor, o.minor);
  }

  @Override
  public String toString() {
    return major + "." + minor;
  }
}
