package dev.transship.rules;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What {@code rules validate} warns about in a pack whose rules and converters can never meet:
 * a {@code match.resources} that leaves out a resource a converter needs (forgetting services
 * halves the ALB conversion), or a resource glob that matches nothing its converters work on.
 * Warnings, not errors: a pack may split a converter's work on purpose.
 */
public final class ScopeWarnings {
  private ScopeWarnings() {}

  /** One line per problem, each starting with {@code file:line:column}. */
  public static List<String> of(RulePack pack, RuleVocabulary vocabulary) {
    List<String> out = new ArrayList<>();
    JsonNode rules = pack.yaml().root().path("rules");
    for (int i = 0; i < rules.size(); i++) {
      JsonNode rule = rules.get(i);
      String at = "/rules/" + i;
      JsonNode globs = rule.path("match").path("resources");
      if (!globs.isArray() || globs.isEmpty()) {
        continue; // no resources: the rule matches everything, the converter's whole scope included
      }
      List<ConverterSpec> converters = new ArrayList<>();
      boolean onlyScopedConverters = true;
      for (JsonNode action : rule.path("actions")) {
        Optional<ConverterSpec> spec = action.has("convert") ? vocabulary.converter(action.path("convert").asText()) : Optional.empty();
        spec.ifPresent(converters::add);
        onlyScopedConverters &= spec.isPresent() && !spec.get().scope().resources().contains("*");
      }
      String ruleName = "rule '" + rule.path("name").asText() + "'";
      for (ConverterSpec spec : converters) {
        for (ResourceScope.Need need : spec.scope().needs()) {
          if (!matchesAny(globs, need.resource())) {
            out.add(pack.yaml().where(at + "/match/resources") + ": warning: " + ruleName + " calls " + spec.name()
                + " but its match.resources leaves out " + need.resource() + ": " + need.lost());
          }
        }
      }
      if (onlyScopedConverters && !converters.isEmpty()) {
        for (int g = 0; g < globs.size(); g++) {
          Pattern glob = RuleMatch.glob(globs.get(g).asText());
          if (converters.stream().noneMatch(c -> c.scope().overlaps(glob))) {
            out.add(pack.yaml().where(at + "/match/resources/" + g) + ": warning: " + ruleName + " matches "
                + globs.get(g).asText() + ", which none of its converters works on ("
                + String.join(", ", converters.stream().flatMap(c -> c.scope().resources().stream()).distinct().toList()) + ")");
          }
        }
      }
    }
    return out;
  }

  private static boolean matchesAny(JsonNode globs, String resource) {
    for (JsonNode g : globs) {
      if (RuleMatch.glob(g.asText()).matcher(resource).matches()) {
        return true;
      }
    }
    return false;
  }
}
