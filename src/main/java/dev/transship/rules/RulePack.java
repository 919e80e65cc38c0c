package dev.transship.rules;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.transship.TransshipException;
import dev.transship.kube.Json;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A rule pack file ({@code apiVersion: transship.dev/v1alpha1}, {@code kind: RuleSet}), checked
 * field by field on load so a typo is reported as {@code file:line:column} before any backup is
 * read. {@link #bind} fills in parameter values and builds the runnable rules.
 */
public final class RulePack {
  public static final String API_VERSION = "transship.dev/v1alpha1";
  private static final Set<String> TOP_FIELDS = Set.of("apiVersion", "kind", "metadata", "parameters", "rules", "stages");
  private static final Set<String> PARAMETER_FIELDS = Set.of("type", "required", "default", "description");
  private static final Set<String> RULE_FIELDS = Set.of("name", "description", "match", "actions");
  private static final Set<String> MATCH_FIELDS = Set.of("resources", "namespaces", "names", "labelSelector", "when");
  private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)\\}");

  private final LocatedYaml yaml;
  private final String name;
  private final String description;
  private final Map<String, ParameterSpec> parameters;
  private final RuleVocabulary vocabulary;

  private RulePack(LocatedYaml yaml, String name, String description, Map<String, ParameterSpec> parameters,
      RuleVocabulary vocabulary) {
    this.yaml = yaml;
    this.vocabulary = vocabulary;
    this.name = name;
    this.description = description;
    this.parameters = parameters;
  }

  public String name() {
    return name;
  }

  public String description() {
    return description;
  }

  public Path file() {
    return yaml.file();
  }

  public Map<String, ParameterSpec> parameters() {
    return parameters;
  }

  /** The raw {@code stages:} section, or null; the planner reads it. */
  public JsonNode stages() {
    return yaml.root().get("stages");
  }

  public LocatedYaml yaml() {
    return yaml;
  }

  /** Loads and checks a rule pack: structure, action and converter names, CEL, regexes. */
  public static RulePack load(Path file, RuleVocabulary vocabulary) throws TransshipException {
    LocatedYaml yaml = LocatedYaml.parse(file);
    JsonNode root = yaml.root();
    if (!root.isObject()) {
      throw yaml.error("", "expected a RuleSet map");
    }
    unknownFields(yaml, "", root, TOP_FIELDS);
    if (!API_VERSION.equals(root.path("apiVersion").asText())) {
      throw yaml.error("/apiVersion", "apiVersion must be " + API_VERSION);
    }
    if (!"RuleSet".equals(root.path("kind").asText())) {
      throw yaml.error("/kind", "kind must be RuleSet");
    }
    String name = root.path("metadata").path("name").asText("");
    if (name.isEmpty()) {
      throw yaml.error("/metadata", "metadata.name is required");
    }
    Map<String, ParameterSpec> parameters = new LinkedHashMap<>();
    JsonNode params = root.path("parameters");
    if (!params.isMissingNode() && !params.isObject()) {
      throw yaml.error("/parameters", "parameters must be a map of parameter names to {type, required, default, description}");
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = params.fields(); it.hasNext(); ) {
      var e = it.next();
      String at = "/parameters/" + e.getKey();
      JsonNode p = e.getValue();
      if (!p.isObject()) {
        throw yaml.error(at, "parameter '" + e.getKey() + "' must be a map with type, required, default, description");
      }
      unknownFields(yaml, at, p, PARAMETER_FIELDS);
      String type = p.path("type").asText("string");
      if (!ParameterSpec.TYPES.contains(type)) {
        throw yaml.error(at + "/type", "parameter type must be one of " + ParameterSpec.TYPES + ", not '" + type + "'");
      }
      ParameterSpec spec = new ParameterSpec(e.getKey(), type, p.path("required").asBoolean(false), p.get("default"),
          p.path("description").asText(""));
      if (spec.defaultValue() != null && !spec.defaultValue().isNull() && !spec.accepts(spec.defaultValue())) {
        throw yaml.error(at + "/default", "default of '" + e.getKey() + "' is not a " + type);
      }
      parameters.put(e.getKey(), spec);
    }
    RulePack pack = new RulePack(yaml, name, root.path("metadata").path("description").asText(""), parameters, vocabulary);
    pack.checkRules();
    return pack;
  }

  private void checkRules() throws TransshipException {
    JsonNode rules = yaml.root().path("rules");
    if (!rules.isArray() || rules.isEmpty()) {
      throw yaml.error("/rules", "rules must be a non-empty list");
    }
    Set<String> names = new HashSet<>();
    for (int i = 0; i < rules.size(); i++) {
      String at = "/rules/" + i;
      JsonNode rule = rules.get(i);
      if (!rule.isObject()) {
        throw yaml.error(at, "a rule must be a map with name, match and actions");
      }
      unknownFields(yaml, at, rule, RULE_FIELDS);
      String ruleName = rule.path("name").asText("");
      if (ruleName.isEmpty()) {
        throw yaml.error(at, "rule needs a name");
      }
      if (!names.add(ruleName)) {
        throw yaml.error(at + "/name", "rule name '" + ruleName + "' is used twice");
      }
      match(at + "/match", rule.path("match"), Map.of());
      JsonNode actions = rule.path("actions");
      if (!actions.isArray() || actions.isEmpty()) {
        throw yaml.error(at + "/actions", "rule '" + ruleName + "' needs a non-empty list of actions");
      }
      for (int j = 0; j < actions.size(); j++) {
        checkActionShape(at + "/actions/" + j, actions.get(j));
      }
    }
  }

  private void checkActionShape(String at, JsonNode action) throws TransshipException {
    if (!action.isObject() || action.isEmpty()) {
      throw yaml.error(at, "an action must be a map such as {jsonPatch: [...]} or {convert: name, with: {...}}");
    }
    if (action.has("convert")) {
      unknownFields(yaml, at, action, Set.of("convert", "with"));
      String converter = action.path("convert").asText("");
      ConverterSpec spec = vocabulary.converter(converter).orElseThrow(() -> yaml.error(at + "/convert",
          "unknown converter '" + converter + "' (known: " + String.join(", ", vocabulary.converters().stream().map(ConverterSpec::name).toList()) + ")"));
      JsonNode with = action.path("with");
      if (!with.isMissingNode() && !with.isObject()) {
        throw yaml.error(at + "/with", "with must be a map of converter parameters");
      }
      Set<String> known = new HashSet<>();
      spec.parameters().forEach(p -> known.add(p.name()));
      for (Iterator<String> it = with.fieldNames(); it.hasNext(); ) {
        String p = it.next();
        if (!known.contains(p)) {
          throw yaml.error(at + "/with/" + p, "converter " + converter + " has no parameter '" + p + "' (known: "
              + String.join(", ", known.stream().sorted().toList()) + ")");
        }
      }
      for (ParameterDoc p : spec.parameters()) {
        if (p.required() && !with.has(p.name())) {
          throw yaml.error(at, "converter " + converter + " needs parameter '" + p.name() + "' (" + p.description() + ")");
        }
      }
      checkTypes(at, spec, with);
      return;
    }
    if (action.size() != 1) {
      throw yaml.error(at, "an action has exactly one key, found " + action.size() + ": " + String.join(", ", iterable(action.fieldNames())));
    }
    String type = action.fieldNames().next();
    if (vocabulary.action(type).isEmpty()) {
      throw yaml.error(at + "/" + type, "unknown action '" + type + "' (known: "
          + String.join(", ", vocabulary.actions().stream().map(ActionType::name).toList()) + ", convert)");
    }
  }

  /**
   * Each converter parameter has its declared type; a value still holding a placeholder is checked
   * again once bound, at the same place.
   */
  private void checkTypes(String at, ConverterSpec spec, JsonNode with) throws TransshipException {
    for (ParameterDoc p : spec.parameters()) {
      JsonNode value = with.get(p.name());
      if (value == null || value.isNull() || (value.isTextual() && PLACEHOLDER.matcher(value.asText()).find())) {
        continue;
      }
      if (!ParameterSpec.accepts(p.type(), value)) {
        throw yaml.error(at + "/with/" + p.name(), "converter " + spec.name() + " parameter '" + p.name() + "' must be a " + p.type()
            + ", not " + describe(value) + (p.type().equals("version") && value.isNumber() ? " (quote it: YAML reads 1.30 as the number 1.3)" : ""));
      }
    }
  }

  private static String describe(JsonNode value) {
    String text = value.isValueNode() ? " " + value : "";
    return switch (value.getNodeType()) {
      case STRING -> "the string" + text;
      case BOOLEAN -> "the bool" + text;
      case NUMBER -> "the number" + text;
      case ARRAY -> "a list";
      case OBJECT -> "a map";
      default -> value.getNodeType().toString().toLowerCase(java.util.Locale.ROOT);
    };
  }

  private RuleMatch match(String at, JsonNode match, Map<String, Object> params) throws TransshipException {
    if (match.isMissingNode()) {
      return new RuleMatch(Globs.ANY, Globs.ANY, null, null, null, params);
    }
    if (!match.isObject()) {
      throw yaml.error(at, "match must be a map with resources, namespaces, names, labelSelector, when");
    }
    unknownFields(yaml, at, match, MATCH_FIELDS);
    List<Pattern> resources = globs(at + "/resources", match.path("resources"));
    List<Pattern> namespaces = globs(at + "/namespaces", match.path("namespaces"));
    Pattern names = null;
    if (match.has("names")) {
      try {
        names = Pattern.compile(match.path("names").asText());
      } catch (PatternSyntaxException e) {
        throw yaml.error(at + "/names", "names is not a valid regular expression: " + e.getDescription());
      }
    }
    LabelSelector labels = null;
    if (match.has("labelSelector")) {
      try {
        labels = LabelSelector.parse(match.get("labelSelector"));
      } catch (IllegalArgumentException e) {
        throw yaml.error(at + "/labelSelector", e.getMessage());
      }
    }
    CelCondition when = null;
    if (match.has("when")) {
      try {
        when = CelCondition.compile(match.path("when").asText());
      } catch (IllegalArgumentException e) {
        throw yaml.error(at + "/when", "CEL expression does not compile: " + e.getMessage());
      }
    }
    return new RuleMatch(new Globs(resources), new Globs(namespaces), names, labels, when, params);
  }

  private List<Pattern> globs(String at, JsonNode node) throws TransshipException {
    if (node.isMissingNode()) {
      return List.of();
    }
    if (node.isTextual()) {
      return List.of(RuleMatch.glob(node.asText()));
    }
    if (!node.isArray()) {
      throw yaml.error(at, "expected a list of names or globs");
    }
    List<Pattern> out = new ArrayList<>();
    node.forEach(n -> out.add(RuleMatch.glob(n.asText())));
    return out;
  }

  /**
   * Builds the rules with parameter values filled in: defaults, then the user's values.
   *
   * @throws TransshipException for a missing required parameter or an unusable action value
   */
  public List<Rule> bind(ParameterValues values) throws TransshipException {
    ObjectNode resolved = Json.object();
    for (ParameterSpec p : parameters.values()) {
      JsonNode value = values.get(p.name());
      if (value == null) {
        value = p.defaultValue();
      }
      if (value == null || value.isNull()) {
        if (p.required()) {
          throw new TransshipException(yaml.file() + ": parameter '" + p.name() + "' is required"
              + (p.description().isEmpty() ? "" : " (" + p.description() + ")") + "; set it with --set " + p.name() + "=... or --values FILE");
        }
        continue;
      }
      if (!p.accepts(value)) {
        throw new TransshipException(yaml.file() + ": parameter '" + p.name() + "' must be " + article(p.type()) + " " + p.type() + ", got " + value
            + (p.type().equals("version") && value.isNumber() ? " (quote it: YAML reads 1.30 as the number 1.3)" : ""));
      }
      resolved.set(p.name(), value);
    }
    Map<String, Object> celParams = CelValues.toJava(resolved);
    List<Rule> rules = new ArrayList<>();
    JsonNode ruleNodes = yaml.root().path("rules");
    for (int i = 0; i < ruleNodes.size(); i++) {
      String at = "/rules/" + i;
      JsonNode rule = ruleNodes.get(i);
      RuleMatch match = match(at + "/match", rule.path("match"), celParams);
      List<ObjectAction> actions = new ArrayList<>();
      List<Rule.UserValue> userValues = new ArrayList<>();
      JsonNode actionNodes = rule.path("actions");
      for (int j = 0; j < actionNodes.size(); j++) {
        ObjectAction action = action(at + "/actions/" + j, substitute(at + "/actions/" + j, actionNodes.get(j).deepCopy(), resolved));
        actions.add(action);
        userValues.addAll(userValues(action, actionNodes.get(j).path("with"), values));
      }
      rules.add(new Rule(rule.path("name").asText(), yaml.where(at), match, actions, userValues));
    }
    return rules;
  }

  /**
   * The converter parameters filled wholly from a pack parameter the user set: those values are
   * checked against the backup, while a pack's defaults and literal values are its author's.
   */
  private static List<Rule.UserValue> userValues(ObjectAction action, JsonNode with, ParameterValues values) {
    List<Rule.UserValue> out = new ArrayList<>();
    with.fields().forEachRemaining(field -> {
      Matcher whole = PLACEHOLDER.matcher(field.getValue().asText(""));
      if (field.getValue().isTextual() && whole.matches() && values.source(whole.group(1)) != null) {
        out.add(new Rule.UserValue(action, field.getKey(), whole.group(1) + " (" + values.source(whole.group(1)) + ")"));
      }
    });
    return out;
  }

  private ObjectAction action(String at, JsonNode action) throws TransshipException {
    try {
      if (action.has("convert")) {
        ConverterSpec spec = vocabulary.converter(action.path("convert").asText()).orElseThrow();
        ObjectNode with = action.path("with") instanceof ObjectNode w ? w : Json.object();
        checkTypes(at, spec, with);
        return spec.create(new ConverterConfig(with));
      }
      String type = action.fieldNames().next();
      return vocabulary.action(type).orElseThrow().create(action.get(type));
    } catch (IllegalArgumentException e) {
      throw yaml.error(at, e.getMessage());
    }
  }

  /** Replaces {@code ${param}}: a whole-string placeholder takes the value's type (maps stay maps). */
  private JsonNode substitute(String at, JsonNode node, ObjectNode values) throws TransshipException {
    if (node.isTextual()) {
      String text = node.asText();
      Matcher whole = PLACEHOLDER.matcher(text);
      if (whole.matches()) {
        return valueOf(at, whole.group(1), values).deepCopy();
      }
      Matcher m = PLACEHOLDER.matcher(text);
      StringBuilder out = new StringBuilder();
      while (m.find()) {
        m.appendReplacement(out, Matcher.quoteReplacement(valueOf(at, m.group(1), values).asText()));
      }
      m.appendTail(out);
      return TextNode.valueOf(out.toString());
    }
    if (node instanceof ObjectNode object) {
      for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
        var e = it.next();
        e.setValue(substitute(at + "/" + e.getKey(), e.getValue(), values));
      }
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        ((com.fasterxml.jackson.databind.node.ArrayNode) node).set(i, substitute(at + "/" + i, node.get(i), values));
      }
    }
    return node;
  }

  private JsonNode valueOf(String at, String param, ObjectNode values) throws TransshipException {
    if (!parameters.containsKey(param)) {
      throw yaml.error(at, "${" + param + "} names no parameter of this rule pack (declared: "
          + String.join(", ", parameters.keySet()) + ")");
    }
    JsonNode v = values.get(param);
    return v == null ? Json.MAPPER.getNodeFactory().nullNode() : v;
  }

  private static void unknownFields(LocatedYaml yaml, String at, JsonNode node, Set<String> allowed) throws TransshipException {
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      String f = it.next();
      if (!allowed.contains(f)) {
        throw yaml.error(at + "/" + f, "unknown field '" + f + "' (expected one of: "
            + String.join(", ", allowed.stream().sorted().toList()) + ")");
      }
    }
  }

  private static List<String> iterable(Iterator<String> it) {
    List<String> out = new ArrayList<>();
    it.forEachRemaining(out::add);
    return out;
  }

  private static String article(String noun) {
    return "aeiou".indexOf(noun.charAt(0)) >= 0 ? "an" : "a";
  }
}
