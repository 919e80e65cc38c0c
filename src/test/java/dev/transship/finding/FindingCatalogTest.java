package dev.transship.finding;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.transship.testing.Backups;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every finding id convert emits is catalogued, and the catalogue holds nothing code no longer
 * emits. The ids are read from the sources where they are emitted (lint checks emit only their
 * own CheckInfo id through LintContext, so lint/ is left out), and from the golden findings of
 * the packs on the samples, which also pin the severities.
 */
class FindingCatalogTest {
  private static final Path SOURCES = Backups.repoRoot().resolve("src/main/java/dev/transship");
  private static final String ID = "\"([a-z][a-z0-9]*(?:-[a-z0-9]+)+)\"";
  /** Where an id literal stands when it is emitted: ctx.warn("id", ...), ctx.report(Severity.X, "id", ...),
   * Finding.info("id", ...), new AnnotationFate(Severity.X, "id", ...), helper(ctx, "id", "id2", ...). */
  private static final List<Pattern> EMITTED = List.of(
      Pattern.compile("\\b(?:info|warn|error|drop)\\(\\s*" + ID),
      Pattern.compile("Finding\\.(?:info|warning|error)\\(\\s*" + ID),
      Pattern.compile("Severity\\.[A-Z]+,\\s*" + ID),
      Pattern.compile("\\(ctx,\\s*" + ID + "(?:,\\s*" + ID + ")?"));
  private static final Pattern CONSTANT = Pattern.compile("static final String (\\w+) = " + ID + ";");

  /** Finding ids in the main sources outside lint/, each with the file it is in. */
  static Map<String, Path> emittedIds() throws IOException {
    Map<String, Path> ids = new TreeMap<>();
    try (Stream<Path> files = Files.walk(SOURCES)) {
      for (Path file : files.filter(p -> p.toString().endsWith(".java") && !SOURCES.relativize(p).startsWith("lint")).toList()) {
        String source = Files.readString(file);
        for (Pattern p : EMITTED) {
          Matcher m = p.matcher(source);
          while (m.find()) {
            for (int g = 1; g <= m.groupCount(); g++) {
              if (m.group(g) != null) {
                ids.putIfAbsent(m.group(g), file);
              }
            }
          }
        }
        // a constant holding an id, passed where an id goes: ctx.info(CHECK, ...), policy(ctx, SSL_POLICY, ...)
        Matcher c = CONSTANT.matcher(source);
        while (c.find()) {
          if (Pattern.compile("(?:\\b(?:info|warn|error|drop)\\(|\\(ctx,\\s*|Severity\\.[A-Z]+,\\s*)" + c.group(1) + "\\b").matcher(source).find()) {
            ids.putIfAbsent(c.group(2), file);
          }
        }
      }
    }
    return ids;
  }

  @Test
  void everyEmittedIdIsCatalogued() throws IOException {
    Map<String, Path> emitted = emittedIds();
    assertTrue(emitted.size() > 100, "the scan finds the ids (" + emitted.size() + "); did the emitting calls change shape?");
    Map<String, Path> missing = new TreeMap<>(emitted);
    FindingCatalog.convert().forEach(info -> missing.remove(info.id()));
    assertEquals(Map.of(), missing, "finding ids emitted but not in convert-findings.yaml (add id, severity, title, help)");
  }

  @Test
  void catalogueHoldsOnlyIdsCodeEmits() throws IOException {
    Set<String> emitted = emittedIds().keySet();
    Set<String> stale = FindingCatalog.convert().stream().map(FindingInfo::id).filter(id -> !emitted.contains(id))
        .collect(Collectors.toCollection(TreeSet::new));
    assertEquals(Set.of(), stale, "catalogued ids no code emits");
  }

  @Test
  void goldenFindingsAreCataloguedWithTheirSeverity() throws IOException {
    Path golden = Backups.repoRoot().resolve("src/test/resources/golden");
    List<String> wrong = new java.util.ArrayList<>();
    int lines = 0;
    try (Stream<Path> files = Files.list(golden)) {
      for (Path file : files.filter(p -> p.toString().endsWith(".findings.txt")).toList()) {
        for (String line : Files.readAllLines(file)) {
          String[] fields = line.split(" ", 3);
          lines++;
          Severity severity = Severity.parse(fields[0]);
          boolean ok = FindingCatalog.convert(fields[1]).map(i -> i.severities().contains(severity)).orElse(false);
          if (!ok) {
            wrong.add(file.getFileName() + ": " + fields[0] + " " + fields[1]);
          }
        }
      }
    }
    assertTrue(lines > 100, "golden lines read: " + lines);
    assertEquals(List.of(), wrong, "uncatalogued id or a severity outside the catalogued range");
  }
}
