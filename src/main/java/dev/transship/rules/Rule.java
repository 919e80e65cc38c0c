package dev.transship.rules;

import java.util.List;

/**
 * One rule of a pack, ready to run: where it came from, what it matches and what it does, and
 * which converter parameters of its actions hold values the user gave (checked against the backup).
 */
public record Rule(String name, String where, RuleMatch match, List<ObjectAction> actions, List<UserValue> userValues) {
  public Rule(String name, String where, RuleMatch match, List<ObjectAction> actions) {
    this(name, where, match, actions, List.of());
  }

  /**
   * A converter parameter filled from a rule-pack parameter the user set ({@code with: {classes:
   * "${storageClasses}"}} and {@code --set storageClasses=...}); pack defaults are not checked.
   *
   * @param spelledAs the pack parameter as the user wrote it, with where: {@code storageClasses (--set)}
   */
  public record UserValue(ObjectAction action, String converterParameter, String spelledAs) {}
}
