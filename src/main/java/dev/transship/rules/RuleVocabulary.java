package dev.transship.rules;

import java.util.List;
import java.util.Optional;

/**
 * The actions and converters a rule pack may name. The loader is given them, so the rules engine
 * depends on neither the built-in actions nor the converters it runs.
 */
public record RuleVocabulary(List<ActionType> actions, List<ConverterSpec> converters) {
  public RuleVocabulary {
    actions = List.copyOf(actions);
    converters = List.copyOf(converters);
  }

  public Optional<ActionType> action(String name) {
    return actions.stream().filter(t -> t.name().equals(name)).findFirst();
  }

  public Optional<ConverterSpec> converter(String name) {
    return converters.stream().filter(c -> c.name().equals(name)).findFirst();
  }
}
