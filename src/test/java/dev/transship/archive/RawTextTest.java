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

  @Test
  void namesAtTheEdgesAndPartialStartsAreFoundOrNotAsTheyAre() {
    assertTrue(mentions("ab\"finalizers\"", "\"finalizers\""), "a name ending the bytes");
    assertFalse(mentions("\"finalizer", "\"finalizers\""), "a name cut off by the end");
    assertTrue(mentions("\"\"\"fin\"finalizers\"", "\"finalizers\""), "starts that fail before the one that matches");
    assertFalse(mentions("text ending in a backslash \\", "\"finalizers\""), "a backslash that starts no escape");
    assertTrue(mentions("{\"k\":\"v\"}", "zzz", "\"v\""), "the second of several names");
  }

  @Test
  void anItemAnswersEachNeedleAsItsBytesDo() {
    RawItem plain = item("{\"metadata\":{\"finalizers\":[\"x\"]}}");
    RawItem escaped = item("{\"metadata\":{\"fin\\u0061lizers\":[]}}");
    RawText.Needles finalizers = RawText.needles("\"finalizers\"");
    RawText.Needles gates = RawText.needles("readinessGates");
    for (int asked = 0; asked < 2; asked++) { // the second time from the view the item kept
      assertTrue(finalizers.mayBeIn(plain));
      assertFalse(gates.mayBeIn(plain));
      assertTrue(gates.mayBeIn(escaped), "an escape is always a maybe");
    }
  }

  private static RawItem item(String json) {
    ItemPath path = VeleroLayout.parseItemEntry("resources/pods/namespaces/shop/web-0.json");
    return new RawItem(path, path.entryName(), json.getBytes(StandardCharsets.UTF_8));
  }
}
