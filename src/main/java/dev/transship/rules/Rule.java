package dev.transship.rules;

import java.util.List;

/** One rule of a pack, ready to run: where it came from, what it matches and what it does. */
public record Rule(String name, String where, RuleMatch match, List<ObjectAction> actions) {}
