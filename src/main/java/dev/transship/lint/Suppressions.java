package dev.transship.lint;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import dev.transship.TransshipException;
import dev.transship.archive.LongSet;
import dev.transship.finding.Finding;
import dev.transship.finding.FindingLog;
import dev.transship.kube.Json;
import dev.transship.store.AtomicFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

/**
 * Findings a team has chosen not to see: a baseline file written by {@code --write-baseline}
 * lists {@code check} plus object path, so an existing backup can adopt lint gradually and only
 * new problems fail CI. (Per-object annotations are handled by the linter as objects stream.)
 * Entries are streamed in and kept as 64-bit hashes, so a baseline of a huge backup stays small.
 */
public final class Suppressions {
  public static final String IGNORE_ANNOTATION = "transship.dev/ignore";
  static final String KIND = "transship.dev/lint-baseline/v1";
  private final LongSet baseline;

  private Suppressions(LongSet baseline) {
    this.baseline = baseline;
  }

  public static Suppressions none() {
    return new Suppressions(new LongSet());
  }

  /** Reads a baseline; rule-pack findings ({@code rule:...}) are accepted alongside known checks. */
  public static Suppressions readBaseline(Path file, Set<String> knownChecks) throws TransshipException {
    if (!Files.isRegularFile(file)) {
      throw new TransshipException(file + (Files.isDirectory(file) ? ": is a folder, not a baseline file" : ": no such file"));
    }
    LongSet keys = new LongSet();
    String kind = null;
    boolean sawFindings = false;
    try (JsonParser in = Json.MAPPER.createParser(file.toFile())) {
      if (in.nextToken() != JsonToken.START_OBJECT) {
        throw notBaseline(file, "expected a JSON object");
      }
      while (in.nextToken() == JsonToken.FIELD_NAME) {
        String field = in.currentName();
        JsonToken value = in.nextToken();
        if ("kind".equals(field) && value == JsonToken.VALUE_STRING) {
          kind = in.getText();
        } else if ("findings".equals(field) && value == JsonToken.START_ARRAY) {
          sawFindings = true;
          for (int i = 1; in.nextToken() == JsonToken.START_OBJECT; i++) {
            JsonNode entry = in.readValueAsTree();
            String check = entry.path("check").asText("");
            if (!knownChecks.contains(check) && !Linter.isRuleId(check)) {
              throw new TransshipException(file + ": entry " + i + " names unknown check '" + check + "'");
            }
            keys.add(key(check, entry.path("object").asText("")));
          }
          if (in.currentToken() != JsonToken.END_ARRAY) {
            throw notBaseline(file, "findings must be a list of {check, object}");
          }
        } else {
          in.skipChildren();
        }
      }
      if (in.nextToken() != null) {
        throw notBaseline(file, "unexpected content after the baseline object");
      }
    } catch (IOException e) {
      throw notBaseline(file, e.getMessage().lines().findFirst().orElse(""));
    }
    if (!KIND.equals(kind) || !sawFindings) {
      throw notBaseline(file, "expected kind " + KIND + " and a findings list");
    }
    return new Suppressions(keys);
  }

  /** Writes every distinct (check, object) of {@code findings}, in the findings' order. */
  public static void writeBaseline(Path file, FindingLog findings) throws TransshipException {
    AtomicFile.write(file, writer -> {
      try (JsonGenerator out = Json.prettyGenerator(writer)) {
        out.writeStartObject();
        out.writeStringField("kind", KIND);
        out.writeArrayFieldStart("findings");
        LongSet written = new LongSet();
        findings.forEach(f -> {
          String path = path(f);
          if (written.add(key(f.check(), path))) {
            out.writeStartObject();
            out.writeStringField("check", f.check());
            out.writeStringField("object", path);
            out.writeEndObject();
          }
        });
        out.writeEndArray();
        out.writeEndObject();
        out.writeRaw('\n');
      }
    });
  }

  /** Whether the baseline holds {@code check} on the object at {@code objectPath} (see {@link #path}). */
  public boolean suppressed(String check, String objectPath) {
    return baseline.contains(key(check, objectPath));
  }

  /** The item path a suppression names a finding's object by; "" for backup-wide findings. */
  public static String path(Finding f) {
    return f.object() == null ? "" : f.object().itemPath();
  }

  private static long key(String check, String objectPath) {
    return LongSet.hash(check + "\t" + objectPath);
  }

  private static TransshipException notBaseline(Path file, String why) {
    return new TransshipException(file + ": not a transship baseline (" + why + ")");
  }
}
