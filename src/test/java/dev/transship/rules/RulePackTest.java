package dev.transship.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.transship.TransshipException;
import dev.transship.convert.BuiltIns;
import dev.transship.convert.Converters;
import dev.transship.rules.actions.ActionTypes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The rule loader refuses every kind of mistake with file:line:column before a backup is read. */
class RulePackTest {
  @TempDir Path tmp;

  private Path write(String yaml) throws Exception {
    Path file = tmp.resolve("pack.yaml");
    Files.writeString(file, yaml);
    return file;
  }

  private String loadError(String yaml) throws Exception {
    Path file = write(yaml);
    return assertThrows(TransshipException.class, () -> RulePack.load(file, BuiltIns.VOCABULARY)).getMessage().replace(file.toString(), "pack.yaml");
  }

  private static final String HEAD = "apiVersion: transship.dev/v1alpha1\nkind: RuleSet\nmetadata: {name: t}\n";

  @Test
  void loadsAValidPackAndBindsParameters() throws Exception {
    Path file = write(HEAD + """
        parameters:
          team: {type: string, default: shop, description: owning team}
        rules:
          - name: label-team
            match: {resources: ["*.apps"], namespaces: [shop]}
            actions:
              - setLabels: {team: "${team}"}
        """);
    RulePack pack = RulePack.load(file, BuiltIns.VOCABULARY);
    assertEquals("t", pack.name());
    List<Rule> rules = pack.bind(ParameterValues.of(List.of(), List.of("team=payments")));
    assertEquals(1, rules.size());
    assertEquals("label-team", rules.get(0).name());
    assertTrue(rules.get(0).where().endsWith("pack.yaml:7:5"), rules.get(0).where());
  }

  @Test
  void reportsYamlSyntaxErrorsWithLineAndColumn() throws Exception {
    String message = loadError(HEAD + "rules:\n  - name: x\n    match: {resources: [a\n");
    assertTrue(message.startsWith("pack.yaml:"), message);
    assertTrue(message.contains("not valid YAML"), message);
  }

  @Test
  void reportsUnknownFieldsWhereTheyAre() throws Exception {
    String message = loadError(HEAD + "rules:\n  - name: x\n    match: {resource: [pods]}\n    actions: [{drop: {reason: r}}]\n");
    assertEquals("pack.yaml:6:13: unknown field 'resource' (expected one of: labelSelector, names, namespaces, resources, when)", message);
  }

  @Test
  void reportsUnknownActions() throws Exception {
    String message = loadError(HEAD + "rules:\n  - name: x\n    actions:\n      - setLabel: {a: b}\n");
    assertTrue(message.startsWith("pack.yaml:7:9: unknown action 'setLabel' (known: jsonPatch, mergePatch, setLabels"), message);
  }

  @Test
  void reportsUnknownConverters() throws Exception {
    String message = loadError(HEAD + "rules:\n  - name: x\n    actions:\n      - convert: albToNginx\n");
    assertTrue(message.startsWith("pack.yaml:7:9: unknown converter 'albToNginx'"), message);
  }

  @Test
  void reportsBadRegexAndSelector() throws Exception {
    String regex = loadError(HEAD + "rules:\n  - name: x\n    match: {names: \"web(\"}\n    actions: [{drop: r}]\n");
    assertTrue(regex.startsWith("pack.yaml:6:13: names is not a valid regular expression"), regex);
    assertTrue(loadError(HEAD + "rules:\n  - name: x\n    match: {labelSelector: {matchExpressions: [{key: a, operator: Has}]}}\n    actions: [{drop: r}]\n")
        .contains("operator 'Has' is not In, NotIn, Exists or DoesNotExist"));
  }

  @Test
  void reportsWrongHeaderAndDuplicateRuleNames() throws Exception {
    assertTrue(loadError("apiVersion: v1\nkind: RuleSet\nmetadata: {name: t}\nrules: []\n").contains("apiVersion must be transship.dev/v1alpha1"));
    assertTrue(loadError(HEAD + "rules:\n  - {name: x, actions: [{drop: r}]}\n  - {name: x, actions: [{drop: r}]}\n")
        .contains("rule name 'x' is used twice"));
    assertTrue(loadError(HEAD + "rules: []\n").contains("rules must be a non-empty list"));
  }

  @Test
  void refusesAMissingRequiredParameter() throws Exception {
    Path file = write(HEAD + """
        parameters:
          gcpProject: {required: true, description: Google Cloud project of the target cluster}
        rules:
          - {name: x, actions: [{setLabels: {project: "${gcpProject}"}}]}
        """);
    RulePack pack = RulePack.load(file, BuiltIns.VOCABULARY);
    String message = assertThrows(TransshipException.class, () -> pack.bind(ParameterValues.of(List.of(), List.of()))).getMessage();
    assertEquals(file + ": parameter 'gcpProject' is required (Google Cloud project of the target cluster); set it with --set gcpProject=... or --values FILE", message);
  }

  @Test
  void refusesPlaceholdersForUndeclaredParameters() throws Exception {
    Path file = write(HEAD + "rules:\n  - {name: x, actions: [{setLabels: {project: \"${nope}\"}}]}\n");
    RulePack pack = RulePack.load(file, BuiltIns.VOCABULARY);
    String message = assertThrows(TransshipException.class, () -> pack.bind(ParameterValues.of(List.of(), List.of()))).getMessage();
    assertTrue(message.contains("${nope} names no parameter of this rule pack"), message);
  }

  @Test
  void refusesParameterValuesOfTheWrongType() throws Exception {
    Path file = write(HEAD + "parameters:\n  classes: {type: map, default: {}}\nrules:\n  - {name: x, actions: [{drop: r}]}\n");
    RulePack pack = RulePack.load(file, BuiltIns.VOCABULARY);
    String message = assertThrows(TransshipException.class,
        () -> pack.bind(ParameterValues.of(List.of(), List.of("classes=gp2")))).getMessage();
    assertTrue(message.contains("parameter 'classes' must be a map"), message);
  }

  @Test
  void actionValueErrorsPointAtTheAction() throws Exception {
    Path file = write(HEAD + "rules:\n  - name: x\n    actions:\n      - jsonPatch: [{op: replace, path: /spec}]\n");
    RulePack pack = RulePack.load(file, BuiltIns.VOCABULARY);
    String message = assertThrows(TransshipException.class, () -> pack.bind(ParameterValues.of(List.of(), List.of()))).getMessage();
    assertEquals(file + ":7:9: jsonPatch operation 'replace' needs a value", message);
  }

  @Test
  void mapParametersSubstituteAsMaps() throws Exception {
    Path file = write(HEAD + "parameters:\n  extra: {type: map, default: {a: b}}\nrules:\n  - {name: x, actions: [{setLabels: \"${extra}\"}]}\n");
    List<Rule> rules = RulePack.load(file, BuiltIns.VOCABULARY).bind(ParameterValues.of(List.of(), List.of("extra={team: shop}")));
    assertEquals(1, rules.get(0).actions().size());
  }

  @Test
  void reportsCelThatDoesNotCompileWhereItIs() throws Exception {
    String message = loadError(HEAD + "rules:\n  - name: x\n    match: {when: \"object.spec.(\"}\n    actions: [{drop: r}]\n");
    assertTrue(message.startsWith("pack.yaml:6:13: CEL expression does not compile: at 1:"), message);
  }

  @Test
  void explainListsEveryActionAndConverter() {
    var run = dev.transship.testing.Cli.run("rules", "explain");
    assertEquals(0, run.exitCode());
    for (ActionType t : ActionTypes.all()) {
      assertTrue(run.out().contains("\n" + t.name() + "\n"), t.name());
    }
    for (ConverterSpec c : dev.transship.convert.Converters.all()) {
      assertTrue(run.out().contains("\n" + c.name() + "\n"), c.name());
    }
    assertEquals(2, dev.transship.testing.Cli.run("rules", "explain", "noSuchThing").exitCode());
  }

  private String bindError(String yaml) throws Exception {
    Path file = write(yaml);
    return assertThrows(TransshipException.class, () -> RulePack.load(file, BuiltIns.VOCABULARY).bind(ParameterValues.of(List.of(), List.of())))
        .getMessage().replace(file.toString(), "pack.yaml");
  }

  @Test
  void refusesLabelsTheApiServerWouldRefuseAndPathsThatAreNotPointers() throws Exception {
    assertTrue(bindError(HEAD + "rules:\n  - name: x\n    actions: [{setLabels: {\"Bad Label!\": b}}]\n")
        .startsWith("pack.yaml:6:15: setLabels: 'Bad Label!' is not a valid key"));
    assertTrue(bindError(HEAD + "rules:\n  - name: x\n    actions: [{setLabels: {team: \"b c\"}}]\n")
        .contains("value 'b c' of 'team' is not a valid label value"));
    assertTrue(bindError(HEAD + "rules:\n  - name: x\n    actions: [{jsonPatch: [{op: remove, path: metadata/labels}]}]\n")
        .contains("jsonPatch path 'metadata/labels' is not a JSON pointer"));
    Path ok = write(HEAD + "rules:\n  - name: x\n    actions: [{setLabels: {example.com/team: shop-1}}, {setAnnotations: {note: \"any text, at all\"}}]\n");
    assertEquals(1, RulePack.load(ok, BuiltIns.VOCABULARY).bind(ParameterValues.of(List.of(), List.of())).size());
  }

  @Test
  void converterParametersAreTypedAtLoadAndAgainOnceBound() throws Exception {
    assertEquals("pack.yaml:9:16: converter awsServiceToGkeL4 parameter 'backendServiceBased' must be a bool, not the string \"no\"",
        loadError(HEAD + """
            rules:
              - name: l4
                match: {resources: [services]}
                actions:
                  - convert: awsServiceToGkeL4
                    with: {backendServiceBased: "no"}
            """));
    assertTrue(loadError(HEAD + """
            rules:
              - name: l4
                actions:
                  - convert: awsServiceToGkeL4
                    with: {addresses: [a, b]}
            """).contains("parameter 'addresses' must be a map, not a list"));
    // a placeholder passes the load and is checked where it stands once its value is known
    String pack = HEAD + """
        parameters:
          rbs: {type: string, default: "no"}
        rules:
          - name: l4
            actions:
              - convert: awsServiceToGkeL4
                with: {backendServiceBased: "${rbs}"}
        """;
    assertTrue(bindError(pack).startsWith("pack.yaml:"), bindError(pack));
    assertTrue(bindError(pack).contains("parameter 'backendServiceBased' must be a bool, not the string \"no\""), bindError(pack));
  }

  @Test
  void everyConverterParameterHasAPackParameterType() {
    for (ConverterSpec c : dev.transship.convert.Converters.all()) {
      for (ParameterDoc p : c.parameters()) {
        assertTrue(ParameterSpec.TYPES.contains(p.type()), c.name() + "." + p.name() + " has type " + p.type());
      }
    }
  }
}
