package dev.transship.cli;

import dev.transship.TransshipException;
import dev.transship.convert.BuiltIns;
import dev.transship.convert.Converters;
import dev.transship.rules.OnError;
import dev.transship.rules.ParameterValues;
import dev.transship.rules.RuleBook;
import dev.transship.rules.RuleEngine;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/** Rule packs and their parameters, shared by {@code convert} and {@code lint}. */
final class RuleOptions {
  @Option(names = {"-r", "--rules"}, paramLabel = "FILE", description = "Rule pack to apply; repeat to combine packs (applied in order).")
  List<Path> rules = new ArrayList<>();

  @Option(names = "--set", paramLabel = "KEY=VALUE", description = "A rule-pack parameter; maps and lists in YAML flow style.")
  List<String> sets = new ArrayList<>();

  @Option(names = "--values", paramLabel = "FILE", description = "A YAML file of rule-pack parameters.")
  List<Path> valueFiles = new ArrayList<>();

  private RuleBook book;

  /** The rule pack and values files: inputs no output may replace. */
  List<Path> files() {
    List<Path> all = new ArrayList<>(rules);
    all.addAll(valueFiles);
    return all;
  }

  boolean any() {
    return !rules.isEmpty();
  }

  /** Parameters only mean something to rule packs: without --rules they would be silently ignored. */
  void checkParametersHaveRules(CommandSpec spec) {
    if (rules.isEmpty() && (!sets.isEmpty() || !valueFiles.isEmpty())) {
      throw new ParameterException(spec.commandLine(), "--set and --values need --rules");
    }
  }

  /** The loaded packs, or null without --rules. */
  RuleBook book() throws TransshipException {
    if (book == null && !rules.isEmpty()) {
      book = RuleBook.load(rules, BuiltIns.VOCABULARY);
    }
    return book;
  }

  /** The rule engine over every pack with the parameters bound; checked before any backup is read. */
  RuleEngine engine(OnError onError) throws TransshipException {
    return new RuleEngine(book().bind(ParameterValues.of(valueFiles, sets)), onError);
  }
}
