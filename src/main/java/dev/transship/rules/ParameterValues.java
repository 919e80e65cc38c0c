package dev.transship.rules;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.transship.TransshipException;
import dev.transship.kube.Json;
import dev.transship.kube.YamlError;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Parameter values from {@code --values FILE} (a YAML map) and {@code --set key=value}, the latter
 * winning. A {@code --set} value is a string unless it parses as a YAML flow map, list, bool or
 * int for a parameter of that type ({@code --set 'classes={gp2: standard-rwo}'}).
 */
public final class ParameterValues {
  private final ObjectNode values = Json.object();
  /** Where each value came from: "--set" or the values file. */
  private final Map<String, String> sources = new HashMap<>();

  public static ParameterValues of(List<Path> valueFiles, List<String> sets) throws TransshipException {
    ParameterValues out = new ParameterValues();
    for (Path file : valueFiles) {
      JsonNode node;
      try {
        node = Json.YAML.readTree(file.toFile());
      } catch (IOException e) {
        throw new TransshipException(YamlError.describe(file, e));
      }
      if (node == null || node.isMissingNode() || node.isNull()) {
        continue;
      }
      if (!node.isObject()) {
        throw new TransshipException(file + ": expected a map of parameter names to values");
      }
      node.fields().forEachRemaining(e -> {
        out.values.set(e.getKey(), e.getValue());
        out.sources.put(e.getKey(), file.toString());
      });
    }
    for (String set : sets) {
      int eq = set.indexOf('=');
      if (eq <= 0) {
        throw new TransshipException("--set " + set + ": expected key=value");
      }
      out.values.set(set.substring(0, eq), typed(set.substring(eq + 1)));
      out.sources.put(set.substring(0, eq), "--set");
    }
    return out;
  }

  private static JsonNode typed(String text) {
    if (text.startsWith("{") || text.startsWith("[") || text.equals("true") || text.equals("false") || text.matches("-?\\d{1,18}")) {
      try {
        return Json.YAML.readTree(text);
      } catch (IOException e) {
        // not YAML after all: a plain string
      }
    }
    return Json.MAPPER.getNodeFactory().textNode(text);
  }

  public JsonNode get(String name) {
    return values.get(name);
  }

  /** Where the value of {@code name} came from: {@code --set} or the values file; null when not given. */
  public String source(String name) {
    return sources.get(name);
  }

  public Iterable<String> names() {
    return values::fieldNames;
  }
}
