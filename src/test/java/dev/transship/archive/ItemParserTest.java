package dev.transship.archive;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.transship.TransshipException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The token-stream check an unparsed item gets ({@link ItemParser#check}) accepts and refuses
 * exactly what building the tree does ({@link ItemParser#parse}), with the same message.
 */
class ItemParserTest {
  private static final ItemParser PARSER = new ItemParser("b.tar.gz");

  @ParameterizedTest
  @ValueSource(strings = {
      "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"cm\",\"namespace\":\"shop\"}}",
      "{\"kind\":\"ConfigMap\",\"metadata\":{\"namespace\":\"shop\",\"name\":\"cm\",\"labels\":{\"a\":\"b\"}},\"apiVersion\":\"v1\",\"data\":{\"x\":[1,{}]}}",
      "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"other\",\"namespace\":\"shop\"}}",
      "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"cm\",\"namespace\":\"elsewhere\"}}",
      "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"cm\"}}",
      "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"cm\",\"namespace\":\"\"}}",
      "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":7,\"namespace\":\"shop\"}}",
      "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"cm\",\"namespace\":\"shop\",\"labels\":{\"a\":1}}}",
      "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"cm\",\"namespace\":\"shop\",\"annotations\":[\"a\"]}}",
      "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"cm\",\"namespace\":\"shop\",\"labels\":null}}",
      "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"x\"},\"metadata\":{\"name\":\"cm\",\"namespace\":\"shop\"}}",
      "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"cm\",\"namespace\":\"shop\"},\"metadata\":[]}",
      "{\"apiVersion\":\"v1\",\"kind\":\"\",\"metadata\":{\"name\":\"cm\",\"namespace\":\"shop\"}}",
      "{\"apiVersion\":{\"v\":1},\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"cm\",\"namespace\":\"shop\"}}",
      "{\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"cm\",\"namespace\":\"shop\"}}",
      "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\"}",
      "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"c\\u006d\",\"namespace\":\"shop\"}}",
      "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"cm\",\"namespace\":\"shop\"}} trailing",
      "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"cm\",\"namespace\":\"shop\"},\"data\":{\"a\":\"unterminated}}",
      "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"cm\",\"namespace\":\"shop\"},\"data\":{\"a\":tru}}",
      "[{\"apiVersion\":\"v1\"}]",
      "\"just a string\"",
      ""
  })
  void checkAgreesWithParse(String json) {
    RawItem item = new RawItem(VeleroLayout.parseItemEntry("resources/configmaps/namespaces/shop/cm.json"),
        "resources/configmaps/namespaces/shop/cm.json", json.getBytes(StandardCharsets.UTF_8));
    assertEquals(outcome(() -> PARSER.parse(item)), outcome(() -> PARSER.check(item)), json);
  }

  private interface Call {
    Object run() throws TransshipException;
  }

  private static String outcome(Call call) {
    try {
      call.run();
      return "accepted";
    } catch (TransshipException e) {
      return e.getMessage();
    }
  }
}
