package dev.transship.rules;

import dev.transship.archive.ItemKey;
import dev.transship.kube.KubeObject;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Which objects a rule applies to. All given criteria must hold: a resource glob over Velero's
 * group-resource name ({@code ingresses.networking.k8s.io}, {@code *.apps}, {@code *}), a namespace
 * glob, a name regex, a label selector, and a CEL condition over {@code object} and {@code params}.
 */
public record RuleMatch(Globs resources, Globs namespaces, Pattern name, LabelSelector labels,
    CelCondition when, Map<String, Object> params) {

  public boolean matches(ItemKey key, KubeObject object) throws ActionFailedException {
    if (!resources.matches(key.groupResource())) {
      return false;
    }
    if (!namespaces.any() && (key.namespace() == null || !namespaces.matches(key.namespace()))) {
      return false;
    }
    if (name != null && !name.matcher(object.name()).find()) {
      return false;
    }
    if (labels != null && !labels.matches(object.labels())) {
      return false;
    }
    return when == null || when.matches(object.node(), params);
  }

  /**
   * Whether {@link #matches} could hold for an item at {@code key}: the criteria its path answers
   * (resource, namespace, name); labels and the condition need the object, so they count as maybe.
   */
  public boolean mayMatch(ItemKey key) {
    if (!resources.matches(key.groupResource())) {
      return false;
    }
    if (!namespaces.any() && (key.namespace() == null || !namespaces.matches(key.namespace()))) {
      return false;
    }
    return name == null || name.matcher(key.name()).find();
  }

  /** A shell-style glob ({@code *}, {@code ?}) as a whole-string regex. */
  public static Pattern glob(String glob) {
    StringBuilder regex = new StringBuilder();
    for (char c : glob.toCharArray()) {
      if (c == '*') {
        regex.append(".*");
      } else if (c == '?') {
        regex.append('.');
      } else {
        regex.append(Pattern.quote(String.valueOf(c)));
      }
    }
    return Pattern.compile(regex.toString());
  }
}
