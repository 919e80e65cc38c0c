package dev.transship.testing;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.transship.archive.Gzip;
import dev.transship.cli.ExitCodes;
import dev.transship.kube.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * What the fuzz tests start from and how they vary it: the bundled samples (backups, rule packs)
 * are the seed corpus, and the fuzzer's bytes choose a sample and the mutations applied to it, so
 * every run begins from input transship really meets.
 */
public final class FuzzInputs {
  private FuzzInputs() {}

  /** The uncompressed tar of every sample backup. */
  public static final List<byte[]> SAMPLE_TARS = sampleTars();
  /** An item of a sample backup: its entry name and its object. */
  public record SampleItem(String entryName, ObjectNode object) {}

  /** Every legacy item of the samples. */
  public static final List<SampleItem> SAMPLE_ITEMS = sampleItems();
  /** Values that steer converters and checks down their interesting branches. */
  private static final String[] TELLING_STRINGS = {
    "alb", "internet-facing", "123456789012.dkr.ecr.us-east-1.amazonaws.com/web:1", "arn:aws:iam::123456789012:role/x",
    "kubernetes.io/dockerconfigjson", "gp2", "ebs.csi.aws.com", "*/5 * * * *", "CRON_TZ=Europe/Berlin 0 1 * * *", "@every 1h",
    "Forbid", "true", "", "ingress.k8s.aws/resources", "{\"Type\":\"redirect\"}", "[{\"HTTP\":80},{\"HTTPS\":443}]", "-1",
    "projects/acme-prod-123/global/x", "a".repeat(300), "\u0000", "\u202e"
  };

  private static List<byte[]> sampleTars() {
    List<byte[]> tars = new ArrayList<>();
    try (Stream<Path> files = Files.walk(Backups.repoRoot().resolve("sample-backups"))) {
      for (Path file : files.filter(f -> f.toString().endsWith(".tar.gz")).sorted().toList()) {
        tars.add(Gzip.decompress(Files.readAllBytes(file)));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return List.copyOf(tars);
  }

  private static List<SampleItem> sampleItems() {
    List<SampleItem> objects = new ArrayList<>();
    for (byte[] tar : SAMPLE_TARS) {
      for (Map.Entry<String, String> item : Backups.items(Gzip.compress(tar)).entrySet()) {
        if (!item.getKey().matches("resources/[^/]+/(cluster|namespaces)/.*")) {
          continue; // the legacy copy only
        }
        try {
          objects.add(new SampleItem(item.getKey(), (ObjectNode) Json.MAPPER.readTree(item.getValue())));
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
    }
    return List.copyOf(objects);
  }

  /** Text of the sample rule packs, by file name. */
  public static List<String> samplePacks() {
    try (Stream<Path> files = Files.list(Backups.repoRoot().resolve("rules"))) {
      List<String> packs = new ArrayList<>();
      for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
        packs.add(Files.readString(file));
      }
      return packs;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** {@code base} with a few byte-level edits: overwritten runs, cuts and insertions. */
  public static byte[] mutateBytes(byte[] base, FuzzedDataProvider data) {
    byte[] bytes = base.clone();
    int edits = data.consumeInt(1, 4);
    for (int i = 0; i < edits && bytes.length > 0; i++) {
      int at = data.consumeInt(0, bytes.length - 1);
      switch (data.consumeInt(0, 2)) {
        case 0 -> {
          byte[] run = data.consumeBytes(data.consumeInt(1, 64));
          System.arraycopy(run, 0, bytes, at, Math.min(run.length, bytes.length - at));
        }
        case 1 -> bytes = java.util.Arrays.copyOf(bytes, at);
        default -> {
          byte[] insert = data.consumeBytes(data.consumeInt(1, 512));
          byte[] grown = new byte[bytes.length + insert.length];
          System.arraycopy(bytes, 0, grown, 0, at);
          System.arraycopy(insert, 0, grown, at, insert.length);
          System.arraycopy(bytes, at, grown, at + insert.length, bytes.length - at);
          bytes = grown;
        }
      }
    }
    return bytes;
  }

  /** {@code base} with a few edits: a line replaced, dropped or repeated, or text spliced in. */
  public static String mutateText(String base, FuzzedDataProvider data) {
    List<String> lines = new ArrayList<>(base.lines().toList());
    int edits = data.consumeInt(1, 3);
    for (int i = 0; i < edits && !lines.isEmpty(); i++) {
      int at = data.consumeInt(0, lines.size() - 1);
      switch (data.consumeInt(0, 3)) {
        case 0 -> lines.set(at, data.consumeString(200));
        case 1 -> lines.remove(at);
        case 2 -> lines.add(at, lines.get(data.consumeInt(0, lines.size() - 1)));
        default -> {
          String line = lines.get(at);
          int col = data.consumeInt(0, line.length());
          lines.set(at, line.substring(0, col) + data.consumeString(40) + line.substring(col));
        }
      }
    }
    return String.join("\n", lines) + "\n";
  }

  /** A deep copy of {@code base} with a few values somewhere in its tree replaced. */
  public static ObjectNode mutateObject(ObjectNode base, FuzzedDataProvider data) {
    ObjectNode copy = base.deepCopy();
    int edits = data.consumeInt(1, 4);
    for (int i = 0; i < edits; i++) {
      JsonNode parent = copy;
      // Walk down a random path, stopping at a random depth.
      while (true) {
        List<String> keys = new ArrayList<>();
        parent.fieldNames().forEachRemaining(keys::add);
        int size = parent.isArray() ? parent.size() : keys.size();
        if (size == 0) {
          break;
        }
        int pick = data.consumeInt(0, size - 1);
        JsonNode child = parent.isArray() ? parent.get(pick) : parent.get(keys.get(pick));
        if (!child.isContainerNode() || child.size() == 0 || data.consumeInt(0, 3) == 0) {
          JsonNode value = value(data);
          if (parent instanceof ArrayNode array) {
            array.set(pick, value);
          } else {
            ((ObjectNode) parent).set(keys.get(pick), value);
          }
          break;
        }
        parent = child;
      }
      if (parent.isObject() && data.consumeBoolean()) {
        ((ObjectNode) parent).set(data.pickValue(TELLING_STRINGS), value(data));
      }
    }
    return copy;
  }

  private static JsonNode value(FuzzedDataProvider data) {
    return switch (data.consumeInt(0, 6)) {
      case 0 -> Json.MAPPER.getNodeFactory().textNode(data.pickValue(TELLING_STRINGS));
      case 1 -> Json.MAPPER.getNodeFactory().textNode(data.consumeString(100));
      case 2 -> Json.MAPPER.getNodeFactory().numberNode(data.consumeLong());
      case 3 -> Json.MAPPER.getNodeFactory().nullNode();
      case 4 -> Json.MAPPER.getNodeFactory().arrayNode().add(data.pickValue(TELLING_STRINGS));
      case 5 -> Json.object().put(data.pickValue(TELLING_STRINGS), data.pickValue(TELLING_STRINGS));
      default -> Json.MAPPER.getNodeFactory().booleanNode(data.consumeBoolean());
    };
  }

  /** A crash is an answer transship must never give: an internal error or a stack trace. */
  public static void assertAnswered(Cli.Run run, String input) {
    if (run.exitCode() == ExitCodes.INTERNAL || run.err().contains("\tat ")) {
      throw new AssertionError("internal error on input:\n" + input + "\n" + run.err());
    }
  }
}
