package dev.transship.rules;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.transship.TransshipException;
import dev.transship.kube.Json;
import dev.transship.kube.YamlError;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * A YAML document parsed into a Jackson tree that remembers where each node started, so errors in
 * a rule pack can say {@code file:line:column} (Jackson's tree model forgets positions).
 */
public final class LocatedYaml {
  private final Path file;
  private final JsonNode root;
  private final Map<String, JsonLocation> locations;

  private LocatedYaml(Path file, JsonNode root, Map<String, JsonLocation> locations) {
    this.file = file;
    this.root = root;
    this.locations = locations;
  }

  public static LocatedYaml parse(Path file) throws TransshipException {
    if (!Files.isRegularFile(file)) {
      throw new TransshipException(file + (Files.isDirectory(file) ? ": is a folder; give the rule pack files (e.g. rules/*.yaml)" : ": no such file"));
    }
    Map<String, JsonLocation> locations = new HashMap<>();
    try (JsonParser parser = Json.YAML.getFactory().createParser(file.toFile())) {
      JsonToken first = parser.nextToken();
      if (first == null) {
        throw new TransshipException(file + ": empty file");
      }
      JsonNode root = read(parser, "", locations);
      if (parser.nextToken() != null) {
        throw new TransshipException(file + ":" + line(parser.currentTokenLocation()) + ": more than one YAML document; put one RuleSet per file");
      }
      return new LocatedYaml(file, root, locations);
    } catch (IOException e) {
      throw new TransshipException(YamlError.describe(file, e));
    }
  }

  private static JsonNode read(JsonParser parser, String pointer, Map<String, JsonLocation> locations) throws IOException {
    locations.put(pointer, parser.currentTokenLocation());
    JsonNodeFactory nodes = Json.MAPPER.getNodeFactory();
    JsonToken token = parser.currentToken();
    switch (token) {
      case START_OBJECT: {
        ObjectNode object = nodes.objectNode();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
          String field = parser.currentName();
          String child = pointer + "/" + field.replace("~", "~0").replace("/", "~1");
          locations.put(child + "#key", parser.currentTokenLocation());
          parser.nextToken();
          object.set(field, read(parser, child, locations));
        }
        return object;
      }
      case START_ARRAY: {
        ArrayNode array = nodes.arrayNode();
        int i = 0;
        while (parser.nextToken() != JsonToken.END_ARRAY) {
          array.add(read(parser, pointer + "/" + i++, locations));
        }
        return array;
      }
      case VALUE_STRING:
        return nodes.textNode(parser.getText());
      case VALUE_NUMBER_INT:
        return nodes.numberNode(parser.getLongValue());
      case VALUE_NUMBER_FLOAT:
        return nodes.numberNode(parser.getDecimalValue());
      case VALUE_TRUE:
        return nodes.booleanNode(true);
      case VALUE_FALSE:
        return nodes.booleanNode(false);
      case VALUE_NULL:
        return nodes.nullNode();
      default:
        throw new IllegalStateException("unexpected YAML token " + token);
    }
  }

  private static String line(JsonLocation location) {
    return location == null ? "?:?" : location.getLineNr() + ":" + location.getColumnNr();
  }

  public Path file() {
    return file;
  }

  public JsonNode root() {
    return root;
  }

  /** {@code file:line:column} of the node at a JSON pointer (or of its key, which reads better for unknown fields). */
  public String where(String pointer) {
    JsonLocation at = locations.getOrDefault(pointer + "#key", locations.get(pointer));
    while (at == null && pointer.contains("/")) {
      pointer = pointer.substring(0, pointer.lastIndexOf('/'));
      at = locations.getOrDefault(pointer + "#key", locations.get(pointer));
    }
    return file + ":" + line(at);
  }

  /** An error at a node, ready to throw. */
  public TransshipException error(String pointer, String message) {
    return new TransshipException(where(pointer) + ": " + message);
  }
}
