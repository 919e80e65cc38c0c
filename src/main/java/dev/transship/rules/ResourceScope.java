package dev.transship.rules;

import java.util.List;
import java.util.regex.Pattern;

/**
 * The resources a converter works on, like a Velero restore item action's {@code AppliesTo()}: a
 * rule's {@code match} narrows it, and {@code rules validate} warns when the match leaves out a
 * resource the converter needs or names one the converter never touches.
 *
 * @param resources every resource ({@code group-resource}, as in match.resources) it reads or changes
 * @param needs those a rule must match for the conversion to be whole, each with what is lost without it
 */
public record ResourceScope(List<String> resources, List<Need> needs) {
  /** A converter that may act on any resource (finalizers, AWS-only kinds): no warnings. */
  public static final ResourceScope ANY = new ResourceScope(List.of("*"), List.of());

  public ResourceScope {
    resources = List.copyOf(resources);
    needs = List.copyOf(needs);
  }

  /** @param lost what the conversion misses when a rule's match leaves the resource out */
  public record Need(String resource, String lost) {}

  public static Need need(String resource, String lost) {
    return new Need(resource, lost);
  }

  /** Whether any resource of the scope matches {@code glob}. */
  boolean overlaps(Pattern glob) {
    return resources.contains("*") || resources.stream().anyMatch(r -> glob.matcher(r).matches());
  }
}
