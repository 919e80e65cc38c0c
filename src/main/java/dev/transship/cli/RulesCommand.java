package dev.transship.cli;

import dev.transship.TransshipException;
import dev.transship.convert.BuiltIns;
import dev.transship.convert.Converters;
import dev.transship.rules.ActionType;
import dev.transship.rules.ConverterSpec;
import dev.transship.rules.ParameterDoc;
import dev.transship.rules.ParameterSpec;
import dev.transship.rules.ParameterValues;
import dev.transship.rules.RuleBook;
import dev.transship.rules.RulePack;
import dev.transship.rules.ScopeWarnings;
import dev.transship.rules.actions.ActionTypes;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "rules", description = "Check rule packs and list what they can do.", mixinStandardHelpOptions = true,
    subcommands = {RulesCommand.Validate.class, RulesCommand.Explain.class})
final class RulesCommand {

  @Command(name = "validate", mixinStandardHelpOptions = true, description = {
      "Check rule packs without running them.",
      "Reads the YAML and checks fields, action and converter names and parameters,",
      "CEL conditions and regexes, and warns where a rule's match leaves out",
      "resources its converter reads. With --set/--values (or when every required",
      "parameter has a default) the actions are also built with those values."})
  static final class Validate implements Callable<Integer> {
    @Parameters(paramLabel = "FILE", arity = "1..*", description = "Rule pack files.")
    List<Path> files;

    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "A parameter value.")
    List<String> sets = new ArrayList<>();

    @Option(names = "--values", paramLabel = "FILE", description = "A YAML file of parameter values.")
    List<Path> valueFiles = new ArrayList<>();

    @Spec CommandSpec spec;

    @Override
    public Integer call() throws TransshipException {
      ParameterValues values = ParameterValues.of(valueFiles, sets);
      RuleBook book = RuleBook.load(files, BuiltIns.VOCABULARY);
      book.checkDeclared(values);
      PrintWriter out = spec.commandLine().getOut();
      for (RulePack pack : book.packs()) {
        Path file = pack.file();
        List<String> missing = new ArrayList<>();
        for (ParameterSpec p : pack.parameters().values()) {
          if (p.required() && values.get(p.name()) == null && (p.defaultValue() == null || p.defaultValue().isNull())) {
            missing.add(p.name());
          }
        }
        int rules;
        if (missing.isEmpty()) {
          rules = pack.bind(values).size();
        } else {
          rules = pack.yaml().root().path("rules").size();
        }
        out.printf("%s: valid (RuleSet %s: %d rules, %d parameters)%n", file, pack.name(), rules, pack.parameters().size());
        // rules whose match and converters can never meet: warnings, as a pack may split the work on purpose
        ScopeWarnings.of(pack, BuiltIns.VOCABULARY).forEach(w -> out.println("  " + w));
        if (!missing.isEmpty()) {
          out.printf("  actions not built: required parameters without a value: %s%n", String.join(", ", missing));
        }
      }
      return ExitCodes.OK;
    }
  }

  @Command(name = "explain", mixinStandardHelpOptions = true,
      description = "List every action and built-in converter with its parameters and an example, or explain one.")
  static final class Explain implements Callable<Integer> {
    @Parameters(paramLabel = "NAME", arity = "0..1", description = "An action or converter name.")
    String name;

    @Spec CommandSpec spec;

    @Override
    public Integer call() throws TransshipException {
      PrintWriter out = spec.commandLine().getOut();
      boolean found = false;
      if (name == null) {
        out.println("Actions (a rule's actions: list; one key each):");
        out.println();
      }
      for (ActionType t : ActionTypes.all()) {
        if (name == null || name.equals(t.name())) {
          describe(out, t.name(), t.summary(), t.parameters(), t.example());
          found = true;
        }
      }
      if (name == null) {
        out.println("Built-in converters (call with: - convert: NAME\\n    with: {...}):");
        out.println();
      }
      for (ConverterSpec c : Converters.all()) {
        if (name == null || name.equals(c.name())) {
          describe(out, c.name(), c.summary(), c.parameters(), c.example());
          found = true;
        }
      }
      if (!found) {
        throw new TransshipException("no action or converter named '" + name + "' (run 'transship rules explain' for the list)");
      }
      return ExitCodes.OK;
    }

    private static void describe(PrintWriter out, String name, String summary, List<ParameterDoc> params, String example) {
      out.println(name);
      out.println("  " + summary);
      if (!params.isEmpty()) {
        out.println("  parameters:");
        for (ParameterDoc p : params) {
          out.printf("    %-22s %-7s %s%s%n", p.name(), p.type(), p.required() ? "(required) " : "", p.description());
        }
      }
      out.println("  example:");
      example.lines().forEach(l -> out.println("    " + l));
      out.println();
    }
  }
}
