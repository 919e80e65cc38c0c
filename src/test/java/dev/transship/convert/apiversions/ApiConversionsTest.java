package dev.transship.convert.apiversions;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.transship.kube.RemovedApis;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every removed version with a replacement has an answer: a conversion, or a reason there is none. */
class ApiConversionsTest {
  @Test
  void everyReplaceableTableEntryIsConvertedOrRefusedWithAReason() {
    List<String> unanswered = RemovedApis.all().values().stream().filter(RemovedApis.RemovedApi::hasReplacement)
        .filter(a -> ApiConversions.of(a.apiVersion(), a.kind()) == null).map(a -> a.apiVersion() + "/" + a.kind()).sorted().toList();
    assertEquals(List.of(), unanswered, "add them to ApiConversions");
  }
}
