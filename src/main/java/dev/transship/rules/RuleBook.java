package dev.transship.rules;

import dev.transship.TransshipException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Several rule packs used together, in the order given: their rules run in sequence. */
public final class RuleBook {
  private final List<RulePack> packs;

  private RuleBook(List<RulePack> packs) {
    this.packs = packs;
  }

  public static RuleBook load(List<Path> files, RuleVocabulary vocabulary) throws TransshipException {
    List<RulePack> packs = new ArrayList<>();
    Set<String> names = new HashSet<>();
    for (Path file : files) {
      RulePack pack = RulePack.load(file, vocabulary);
      // A pack given twice would apply its rules twice and report every finding twice.
      if (!names.add(pack.name())) {
        throw new TransshipException(file + ": RuleSet " + pack.name() + " is given twice (or two packs share the name)");
      }
      packs.add(pack);
    }
    return new RuleBook(packs);
  }

  public List<RulePack> packs() {
    return packs;
  }

  /** Binds every pack; a value for a parameter no pack declares is a mistake worth stopping for. */
  public List<Rule> bind(ParameterValues values) throws TransshipException {
    checkDeclared(values);
    List<Rule> rules = new ArrayList<>();
    for (RulePack pack : packs) {
      rules.addAll(pack.bind(values));
    }
    return rules;
  }

  /** Fails on a value for a parameter no pack declares (a typo would otherwise go unnoticed). */
  public void checkDeclared(ParameterValues values) throws TransshipException {
    Set<String> declared = new HashSet<>();
    packs.forEach(p -> declared.addAll(p.parameters().keySet()));
    for (String name : values.names()) {
      if (!declared.contains(name)) {
        throw new TransshipException("parameter '" + name + "' is not declared by any rule pack"
            + (declared.isEmpty() ? "" : " (declared: " + String.join(", ", declared.stream().sorted().toList()) + ")"));
      }
    }
  }
}
