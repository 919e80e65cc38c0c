package dev.transship.archive;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class RawTextTest {
  private static boolean mentions(String json, String... names) {
    return RawText.mayMention(json.getBytes(StandardCharsets.UTF_8), names);
  }

  @Test
  void aNameInTheBytesIsAMaybeAndItsAbsenceIsANo() {
    assertTrue(mentions("{\"metadata\":{\"finalizers\":[\"x\"]}}", "\"finalizers\""));
    assertFalse(mentions("{\"metadata\":{\"name\":\"finalizers-are-not-here\"}}", "\"finalizers\""));
    assertTrue(mentions("{\"a\":\"target-health.elbv2.k8s.aws/x\"}", "nope", "target-health."));
  }

  @Test
  void anEscapeCouldSpellAnyNameSoItIsAlwaysAMaybe() {
    assertTrue(mentions("{\"metadata\":{\"fin\\u0061lizers\":[\"x\"]}}", "\"finalizers\""));
  }

  @Test
  void multiByteTextDoesNotConfuseTheSearch() {
    assertFalse(mentions("{\"data\":{\"greeting\":\"grüße, 你好\"}}", "\"finalizers\""));
    assertTrue(mentions("{\"data\":{\"greeting\":\"grüße\"},\"finalizers\":[]}", "\"finalizers\""));
  }
}
