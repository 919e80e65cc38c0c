package dev.transship.lint;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.transship.TransshipException;
import dev.transship.finding.Finding;
import dev.transship.kube.Json;
import dev.transship.store.AtomicFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Findings a team has chosen not to see: a baseline file written by {@code --write-baseline}
 * lists {@code check} plus object path, so an existing backup can adopt lint gradually and only
 * new problems fail CI. (Per-object annotations are handled by the linter as objects stream.)
 */
public final class Suppressions {
  public static final String IGNORE_ANNOTATION = "transship.dev/ignore";
  private final Set<String> baseline;

  private Suppressions(Set<String> baseline) {
    this.baseline = baseline;
  }

  public static Suppressions none() {
    return new Suppressions(Set.of());
  }

  public static Suppressions readBaseline(Path file, Set<String> knownChecks) throws TransshipException {
    JsonNode root;
    try {
      root = Json.MAPPER.readTree(Files.readAllBytes(file));
    } catch (IOException e) {
      throw new TransshipException(file + ": not a transship baseline (" + e.getMessage().lines().findFirst().orElse("") + ")");
    }
    JsonNode entries = root.path("findings");
    if (!"transship.dev/lint-baseline/v1".equals(root.path("kind").asText()) || !entries.isArray()) {
      throw new TransshipException(file + ": not a transship baseline (expected kind transship.dev/lint-baseline/v1 and a findings list)");
    }
    Set<String> keys = new HashSet<>();
    for (int i = 0; i < entries.size(); i++) {
      JsonNode e = entries.get(i);
      String check = e.path("check").asText("");
      if (!knownChecks.contains(check)) {
        throw new TransshipException(file + ": entry " + (i + 1) + " names unknown check '" + check + "'");
      }
      keys.add(key(check, e.path("object").asText("")));
    }
    return new Suppressions(keys);
  }

  public static void writeBaseline(Path file, List<Finding> findings) throws TransshipException {
    ObjectNode root = Json.object();
    root.put("kind", "transship.dev/lint-baseline/v1");
    ArrayNode entries = root.putArray("findings");
    findings.stream()
        .map(f -> key(f.check(), f.object() == null ? "" : f.object().itemPath()))
        .distinct()
        .sorted()
        .forEach(k -> {
          String[] parts = k.split("\t", 2);
          entries.addObject().put("check", parts[0]).put("object", parts[1]);
        });
    try {
      AtomicFile.write(file, Json.PRETTY.writeValueAsString(root));
    } catch (IOException e) {
      throw new TransshipException(file + ": cannot write (" + e.getMessage() + ")");
    }
  }

  public boolean suppressed(Finding finding) {
    return baseline.contains(key(finding.check(), finding.object() == null ? "" : finding.object().itemPath()));
  }

  private static String key(String check, String objectPath) {
    return check + "\t" + objectPath;
  }
}
