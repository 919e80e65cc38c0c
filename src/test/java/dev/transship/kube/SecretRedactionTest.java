package dev.transship.kube;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;

class SecretRedactionTest {
  private static String canary() {
    return "cnry" + String.format("%016x", ThreadLocalRandom.current().nextLong());
  }

  private static String b64(String s) {
    return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
  }

  /** A Secret whose data or stringData is {@code shape}, with the canary quoted in an annotation too. */
  private static ObjectNode secret(String field, JsonNode shape, String quoted) {
    ObjectNode secret = Json.MAPPER.createObjectNode().put("apiVersion", "v1").put("kind", "Secret");
    secret.putObject("metadata").put("name", "db").put("namespace", "shop").putObject("annotations").put("note", "copied " + quoted + " here");
    secret.set(field, shape);
    return secret;
  }

  @Test
  void dataAndStringDataOfAnUnexpectedShapeAreRedactedToo() {
    var nodes = Json.MAPPER.getNodeFactory();
    for (String field : List.of("data", "stringData")) {
      String value = canary();
      String stored = field.equals("data") ? b64(value) : value;
      List<JsonNode> shapes = List.of(nodes.textNode(stored), Json.MAPPER.createArrayNode().add(stored),
          Json.MAPPER.createArrayNode().add(Json.MAPPER.createObjectNode().put("password", stored)),
          Json.MAPPER.createObjectNode().set("password", Json.MAPPER.createArrayNode().add(stored)));
      for (JsonNode shape : shapes) {
        String redacted = SecretRedaction.redact(secret(field, shape, value)).toString();
        assertFalse(redacted.contains(value) || redacted.contains(stored), field + " " + shape + " -> " + redacted);
        assertTrue(SecretRedaction.redact(secret(field, shape, value)).has(field), "the field stays, its value masked: " + redacted);
      }
    }
  }

  @Test
  void anEmptyOrNullDataIsLeftAsItIs() {
    ObjectNode empty = secret("data", Json.MAPPER.getNodeFactory().nullNode(), "nothing");
    assertTrue(SecretRedaction.redact(empty).path("data").isNull());
  }
}
