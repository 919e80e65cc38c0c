package dev.transship.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.transship.kube.Json;
import org.junit.jupiter.api.Test;

class ReadableValueTest {
  private static String of(String yaml) throws Exception {
    return ReadableValue.of(Json.YAML.readTree(yaml));
  }

  @Test
  void stringsReadAsTheyAreUnlessTheyWouldReadAsAnotherType() throws Exception {
    assertEquals("internet-facing", of("internet-facing"));
    assertEquals("{\"ingress\": true}", of("'{\"ingress\": true}'"), "a JSON annotation is shown as its JSON, not escaped");
    assertEquals("\"false\"", of("'false'"));
    assertEquals("\"8080\"", of("'8080'"));
    assertEquals("\"\"", of("''"));
    assertEquals("8080", of("8080"));
    assertEquals("true", of("true"));
  }

  @Test
  void mapsAndListsAreBlockYamlWithLongLinesWhole() throws Exception {
    String long80 = "x".repeat(120) + " " + "y".repeat(40);
    assertEquals("- a\n- b: 1", of("[a, {b: 1}]"));
    assertEquals("key: " + long80, of("{key: '" + long80 + "'}"));
    assertEquals("script: |-\n  line 1\n  line 2", of("{script: \"line 1\\nline 2\"}"));
  }
}
