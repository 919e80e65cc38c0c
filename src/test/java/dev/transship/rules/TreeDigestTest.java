package dev.transship.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.transship.kube.Json;
import org.junit.jupiter.api.Test;

class TreeDigestTest {
  private static long digest(String json) throws Exception {
    return TreeDigest.of(Json.MAPPER.readTree(json));
  }

  @Test
  void theOrderOfAnObjectsFieldsDoesNotCountAsJsonNodeEqualsHasIt() throws Exception {
    assertEquals(Json.MAPPER.readTree("{\"a\":1,\"b\":[1,2]}"), Json.MAPPER.readTree("{\"b\":[1,2],\"a\":1}"));
    assertEquals(digest("{\"a\":1,\"b\":[1,2]}"), digest("{\"b\":[1,2],\"a\":1}"));
  }

  @Test
  void whatEqualsTellsApartTheDigestTellsApart() throws Exception {
    String[][] different = {
        {"{\"labels\":{\"app\":\"app\",\"tier\":\"web\"}}", "{\"labels\":{\"tier\":\"web\"}}"}, // JsonNode.hashCode: the same
        {"{\"a\":\"b\",\"b\":\"a\"}", "{\"a\":\"a\",\"b\":\"b\"}"}, // values swapped between keys
        {"{\"a\":\"b\"}", "{\"b\":\"a\"}"}, // key and value swapped
        {"[1,2]", "[2,1]"}, // an array's order counts
        {"{\"n\":1}", "{\"n\":\"1\"}"},
        {"{\"n\":true}", "{\"n\":\"true\"}"},
        {"{\"n\":null}", "{}"},
        {"{\"a\":{\"b\":{}}}", "{\"a\":{},\"b\":{}}"}, // a field moved up
        {"{\"Aa\":1}", "{\"BB\":1}"}, // String.hashCode: the same
        {"[[1],[2]]", "[[1,2]]"},
    };
    for (String[] pair : different) {
      assertNotEquals(digest(pair[0]), digest(pair[1]), pair[0] + " and " + pair[1]);
    }
  }
}
