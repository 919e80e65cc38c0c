package dev.transship.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.transship.kube.Json;
import java.io.UncheckedIOException;
import java.util.regex.Pattern;

/**
 * A field's value as a person reads it in the report: a string as it is (a JSON annotation stays
 * one line of JSON, not a folded YAML string with escaped quotes), quoted only where it would read
 * as another type ("false", "8080", empty); a map or list as block YAML with long lines unbroken
 * and multi-line strings as literal blocks.
 */
final class ReadableValue {
  private static final YAMLMapper YAML = YAMLMapper.builder(YAMLFactory.builder()
          .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
          .disable(YAMLGenerator.Feature.SPLIT_LINES)
          .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
          .enable(YAMLGenerator.Feature.LITERAL_BLOCK_STYLE)
          .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
          .build())
      .build();
  /** Text YAML (1.1 or 1.2) would read as a boolean, null or number. */
  private static final Pattern OTHER_TYPE = Pattern.compile(
      "(?i)true|false|yes|no|on|off|y|n|null|~|[-+]?(\\d[\\d_]*(\\.\\d*)?([eE][-+]?\\d+)?|\\.\\d+|\\.inf|\\.nan)|0x[0-9a-f]+|0o[0-7]+");

  private ReadableValue() {}

  static String of(JsonNode value) {
    if (value.isTextual()) {
      String text = value.textValue();
      boolean plain = !text.isEmpty() && text.strip().equals(text) && !OTHER_TYPE.matcher(text).matches();
      return plain ? text : quoted(text);
    }
    if (value.isValueNode()) {
      return value.asText();
    }
    try {
      String yaml = YAML.writeValueAsString(value);
      return yaml.endsWith("\n") ? yaml.substring(0, yaml.length() - 1) : yaml;
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String quoted(String text) {
    return Json.compact(Json.MAPPER.getNodeFactory().textNode(text));
  }
}
