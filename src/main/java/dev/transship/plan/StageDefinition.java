package dev.transship.plan;

import dev.transship.archive.ItemKey;
import dev.transship.kube.KubeObject;
import dev.transship.rules.LabelSelector;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A stage objects are assigned to: the first definition whose resource globs (and selector) match.
 *
 * @param roles what the plan's steps rely on it for (pull secrets before config, gates before traffic)
 */
public record StageDefinition(String name, String description, List<Pattern> resources, LabelSelector labels, Set<StageRole> roles) {
  public StageDefinition {
    roles = Set.copyOf(roles);
  }

  public boolean matches(ItemKey key, KubeObject object) {
    return resources.stream().anyMatch(p -> p.matcher(key.groupResource()).matches())
        && (labels == null || labels.matches(object.labels()));
  }
}
