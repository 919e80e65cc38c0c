package dev.transship.convert;

import dev.transship.rules.RuleVocabulary;
import dev.transship.rules.actions.ActionTypes;

/** What a rule pack can use out of the box: the generic actions and every built-in converter. */
public final class BuiltIns {
  public static final RuleVocabulary VOCABULARY = new RuleVocabulary(ActionTypes.all(), Converters.all());

  private BuiltIns() {}
}
