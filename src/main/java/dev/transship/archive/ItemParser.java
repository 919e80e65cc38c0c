package dev.transship.archive;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.transship.TransshipException;
import dev.transship.kube.Json;
import java.io.IOException;

/**
 * Turns a tar entry into the object it holds, with the checks every item gets: valid JSON, an
 * object with kind and apiVersion, and metadata naming the object its path names (Velero writes
 * both from the same object, so a disagreement means a forged or broken backup, and lint, convert
 * and Velero's restore would each act on a different object).
 *
 * <p>{@link #parse} builds the tree a rule needs; {@link #check} makes the same checks on the token
 * stream without building one, for items that pass through unchanged. Both are safe to call from
 * several threads.
 */
public final class ItemParser {
  private final String source;

  /** @param source names the backup in error messages */
  public ItemParser(String source) {
    this.source = source;
  }

  /** What the tarball writer and the resource list need of an item passed through unparsed. */
  public record Identity(String apiVersion, String kind) {}

  public ArchiveItem parse(RawItem item) throws TransshipException {
    String name = item.entryName();
    JsonNode node;
    try {
      node = Json.parse(item.raw());
    } catch (JsonProcessingException e) {
      throw notJson(name, item, e);
    } catch (IOException e) {
      throw new TransshipException(source + ": entry " + quote(name) + ": cannot read (" + e.getMessage() + ")");
    }
    if (!(node instanceof ObjectNode object)) {
      throw new TransshipException(source + ": entry " + quote(name) + " is not a JSON object");
    }
    requireText(name, "kind", object.get("kind"), " (Velero fails it with \"Object 'Kind' is missing\")");
    requireText(name, "apiVersion", object.get("apiVersion"), "");
    JsonNode metadata = object.get("metadata");
    if (!(metadata instanceof ObjectNode)) {
      throw new TransshipException(where(name) + "metadata is missing or not an object");
    }
    checkName(name, item.path().key(), metadata.get("name"));
    checkNamespace(name, item.path().key(), metadata.get("namespace"));
    for (String field : new String[] {"labels", "annotations"}) {
      JsonNode map = metadata.get(field);
      if (map != null && !map.isNull() && !(map.isObject() && java.util.stream.StreamSupport.stream(map.spliterator(), false)
          .allMatch(JsonNode::isTextual))) {
        throw notStringMap(name, field);
      }
    }
    return new ArchiveItem(item.path(), item.raw(), object);
  }

  /**
   * The checks of {@link #parse} on the token stream: values are skipped, not decoded, so this
   * costs a fraction of building the tree. As with the tree, the first JSON value is the item and
   * the last of duplicate keys counts.
   */
  private static final byte[] LEADING_API_VERSION = "{\"apiVersion\":\"".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

  /**
   * The apiVersion of an item that starts with it, as Velero writes items (Go's encoder sorts an
   * object's keys, and apiVersion sorts first); null for any other shape, or an escape in the value.
   * A cheap answer on the writer's thread; {@link #check} stays the authority.
   */
  public static String leadingApiVersion(byte[] raw) {
    if (raw.length < LEADING_API_VERSION.length || !java.util.Arrays.equals(raw, 0, LEADING_API_VERSION.length,
        LEADING_API_VERSION, 0, LEADING_API_VERSION.length)) {
      return null;
    }
    for (int i = LEADING_API_VERSION.length; i < raw.length && i < LEADING_API_VERSION.length + 320; i++) {
      if (raw[i] == '"') {
        return new String(raw, LEADING_API_VERSION.length, i - LEADING_API_VERSION.length, java.nio.charset.StandardCharsets.US_ASCII);
      }
      if (raw[i] == '\\' || raw[i] < 0x20) { // bytes are signed: non-ASCII is below 0x20 too
        return null;
      }
    }
    return null;
  }

  public Identity check(RawItem item) throws TransshipException {
    String name = item.entryName();
    try (JsonParser p = Json.MAPPER.getFactory().createParser(item.raw())) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw new TransshipException(source + ": entry " + quote(name) + " is not a JSON object");
      }
      JsonNode kind = null;
      JsonNode apiVersion = null;
      Metadata metadata = null;
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        JsonToken value = p.nextToken();
        switch (field) {
          case "kind" -> kind = scalar(p, value);
          case "apiVersion" -> apiVersion = scalar(p, value);
          case "metadata" -> metadata = value == JsonToken.START_OBJECT ? metadata(name, p) : skip(p, Metadata.NOT_AN_OBJECT);
          default -> p.skipChildren();
        }
      }
      requireText(name, "kind", kind, " (Velero fails it with \"Object 'Kind' is missing\")");
      requireText(name, "apiVersion", apiVersion, "");
      if (metadata == null || metadata == Metadata.NOT_AN_OBJECT) {
        throw new TransshipException(where(name) + "metadata is missing or not an object");
      }
      checkName(name, item.path().key(), metadata.name);
      checkNamespace(name, item.path().key(), metadata.namespace);
      if (metadata.badMap != null) {
        throw notStringMap(name, metadata.badMap);
      }
      return new Identity(apiVersion.asText(), kind.asText());
    } catch (JsonProcessingException e) {
      throw notJson(name, item, e);
    } catch (IOException e) {
      throw new TransshipException(source + ": entry " + quote(name) + ": cannot read (" + e.getMessage() + ")");
    }
  }

  /** The metadata fields the checks read; the last of duplicate keys counts, as in the tree. */
  private static final class Metadata {
    static final Metadata NOT_AN_OBJECT = new Metadata();
    JsonNode name;
    JsonNode namespace;
    String badMap;
  }

  private static Metadata metadata(String entry, JsonParser p) throws IOException {
    Metadata m = new Metadata();
    String[] badMaps = new String[2]; // labels, annotations: only the last occurrence of each counts
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String field = p.currentName();
      JsonToken value = p.nextToken();
      switch (field) {
        case "name" -> m.name = scalar(p, value);
        case "namespace" -> m.namespace = scalar(p, value);
        case "labels" -> badMaps[0] = stringMap(p, value) ? null : "labels";
        case "annotations" -> badMaps[1] = stringMap(p, value) ? null : "annotations";
        default -> p.skipChildren();
      }
    }
    m.badMap = badMaps[0] != null ? badMaps[0] : badMaps[1];
    return m;
  }

  /** Whether the value at {@code value} is null or an object of strings; consumes it either way. */
  private static boolean stringMap(JsonParser p, JsonToken value) throws IOException {
    if (value == JsonToken.VALUE_NULL) {
      return true;
    }
    if (value != JsonToken.START_OBJECT) {
      p.skipChildren();
      return false;
    }
    boolean strings = true;
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      JsonToken v = p.nextToken();
      strings &= v == JsonToken.VALUE_STRING;
      p.skipChildren();
    }
    return strings;
  }

  /** A scalar as a node (only text matters to the checks); containers are skipped and give a non-text node. */
  private static JsonNode scalar(JsonParser p, JsonToken value) throws IOException {
    if (value == JsonToken.VALUE_STRING) {
      return Json.MAPPER.getNodeFactory().textNode(p.getText());
    }
    if (value == JsonToken.VALUE_NULL) {
      return Json.MAPPER.getNodeFactory().nullNode();
    }
    p.skipChildren();
    return Json.MAPPER.getNodeFactory().booleanNode(false);
  }

  private static <T> T skip(JsonParser p, T result) throws IOException {
    p.skipChildren();
    return result;
  }

  private void requireText(String name, String field, JsonNode value, String why) throws TransshipException {
    if (value == null || !value.isTextual() || value.asText().isEmpty()) {
      throw new TransshipException(source + ": entry " + quote(name) + " has no " + field + why);
    }
  }

  private void checkName(String name, ItemKey key, JsonNode objectName) throws TransshipException {
    if (objectName == null || !objectName.isTextual() || !objectName.asText().equals(key.name())) {
      throw new TransshipException(where(name) + "metadata.name " + describe(objectName) + " does not match the file name");
    }
  }

  private void checkNamespace(String name, ItemKey key, JsonNode namespace) throws TransshipException {
    boolean absent = namespace == null || namespace.isNull() || (namespace.isTextual() && namespace.asText().isEmpty());
    if (key.clusterScoped() ? !absent : !absent && !(namespace.isTextual() && namespace.asText().equals(key.namespace()))) {
      throw new TransshipException(where(name) + "metadata.namespace " + describe(namespace) + " does not match the "
          + (key.clusterScoped() ? "cluster-scoped folder" : "namespace folder '" + key.namespace() + "'"));
    }
  }

  private TransshipException notStringMap(String name, String field) {
    return new TransshipException(where(name) + "metadata." + field + " is not a map of strings");
  }

  /** A Secret's parse error names the place only: the parser quotes the text it choked on, a value. */
  private TransshipException notJson(String name, RawItem item, JsonProcessingException e) {
    boolean secret = "secrets".equals(item.path().key().groupResource());
    String why = secret && e.getLocation() != null
        ? "at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + "; details withheld for a Secret"
        : secret ? "details withheld for a Secret" : e.getOriginalMessage();
    return new TransshipException(source + ": entry " + quote(name) + " is not valid JSON (" + why + ")");
  }

  private String where(String name) {
    return source + ": entry " + quote(name) + ": ";
  }

  private static String describe(JsonNode value) {
    if (value == null || value.isNull()) {
      return "is missing and";
    }
    return value.isTextual() ? quote(value.asText()) : "is not a string and";
  }

  /** Quotes an entry name for a message; a hostile 100k-character name is cut to keep the line readable. */
  static String quote(String s) {
    return "'" + (s.length() > MAX_QUOTED ? s.substring(0, MAX_QUOTED) + "...(" + s.length() + " characters)" : s) + "'";
  }

  private static final int MAX_QUOTED = 200;
}
