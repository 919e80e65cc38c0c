package dev.transship.plan;

import dev.transship.archive.ItemKey;
import dev.transship.kube.KubeObject;
import dev.transship.rules.LabelSelector;
import java.util.List;
import java.util.regex.Pattern;

/** A stage objects are assigned to: the first definition whose resource globs (and selector) match. */
public record StageDefinition(String name, String description, List<Pattern> resources, LabelSelector labels) {
  public boolean matches(ItemKey key, KubeObject object) {
    return resources.stream().anyMatch(p -> p.matcher(key.groupResource()).matches())
        && (labels == null || labels.matches(object.labels()));
  }
}
