package dev.transship.convert.upgrade;

import dev.transship.kube.KubeObject;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The AWS names eks-upgrade gave an object for the new cluster (IngressGroup, load balancer name,
 * mesh awsName), kept on the object itself: lint for the new EKS cluster then reports only the
 * names the object still shares with the old cluster, not those already made its own.
 */
public final class OwnAwsNames {
  public static final String ANNOTATION = "transship.dev/own-aws-names";

  private OwnAwsNames() {}

  static void record(KubeObject object, String newName) {
    Set<String> names = names(object);
    names.add(newName);
    object.setAnnotation(ANNOTATION, String.join(",", names));
  }

  /** True when {@code name} is one eks-upgrade gave this object, so no other cluster uses it. */
  public static boolean owns(KubeObject object, String name) {
    return name != null && names(object).contains(name);
  }

  private static Set<String> names(KubeObject object) {
    String value = object.annotation(ANNOTATION);
    Set<String> names = new LinkedHashSet<>();
    if (value != null && !value.isBlank()) {
      names.addAll(Arrays.asList(value.split(",")));
    }
    return names;
  }
}
