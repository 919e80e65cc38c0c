package dev.transship.archive;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.transship.kube.Json;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;

/**
 * The content of {@code <backup>-resource-list.json.gz}: {@code "<group/version>/<Kind>"} to the
 * sorted {@code "ns/name"} (or {@code "name"}) of every item, as {@code velero backup describe
 * --details} shows it.
 *
 * <p>A conversion lists every item it writes and holds the list to the end: for a backup of
 * 100,000s of items a sorted set of Strings was its largest long-lived data. The names are kept as
 * UTF-8 lines per kind instead (a third of the memory), and sorted one kind at a time when written.
 */
public final class ResourceList {
  private final Map<String, ByteArrayOutputStream> namesByGvk = new TreeMap<>();

  public void add(String apiVersion, String kind, String namespace, String name) {
    byte[] line = ((namespace == null ? name : namespace + "/" + name) + "\n").getBytes(StandardCharsets.UTF_8);
    namesByGvk.computeIfAbsent(apiVersion + "/" + kind, k -> new ByteArrayOutputStream()).writeBytes(line);
  }

  /** The list as Velero writes it: kinds and names sorted, each name once. */
  public byte[] toJson() {
    var out = new ByteArrayOutputStream();
    try (JsonGenerator json = Json.MAPPER.getFactory().createGenerator(out)) {
      json.writeStartObject();
      for (Map.Entry<String, ByteArrayOutputStream> kind : namesByGvk.entrySet()) {
        String[] names = kind.getValue().toString(StandardCharsets.UTF_8).split("\n");
        Arrays.sort(names);
        json.writeArrayFieldStart(kind.getKey());
        for (int i = 0; i < names.length; i++) {
          if (i == 0 || !names[i].equals(names[i - 1])) {
            json.writeString(names[i]);
          }
        }
        json.writeEndArray();
      }
      json.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e); // writes to memory only
    }
    return out.toByteArray();
  }
}
