package dev.transship.finding;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every finding id convert can emit, read from {@code convert-findings.yaml} beside this class:
 * one place for SARIF rules, the conversion report and docs/checks.md. A test fails when code
 * emits an id that is not catalogued here.
 */
public final class FindingCatalog {
  private static final String RESOURCE = "convert-findings.yaml";
  private static final Map<String, FindingInfo> CONVERT = load();

  private FindingCatalog() {}

  /** Every convert finding, in catalogue order. */
  public static List<FindingInfo> convert() {
    return List.copyOf(CONVERT.values());
  }

  public static Optional<FindingInfo> convert(String id) {
    return Optional.ofNullable(CONVERT.get(id));
  }

  private static Map<String, FindingInfo> load() {
    try (InputStream in = FindingCatalog.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(RESOURCE + " is missing from the build");
      }
      Map<String, FindingInfo> infos = new LinkedHashMap<>();
      new YAMLMapper().readTree(in).fields().forEachRemaining(e -> {
        JsonNode entry = e.getValue();
        EnumSet<Severity> severities = EnumSet.noneOf(Severity.class);
        entry.path("severity").forEach(s -> severities.add(Severity.parse(s.asText())));
        if (severities.isEmpty() || entry.path("title").asText().isEmpty() || entry.path("help").asText().isEmpty()) {
          throw new IllegalStateException(RESOURCE + ": " + e.getKey() + " needs severity, title and help");
        }
        infos.put(e.getKey(), new FindingInfo(e.getKey(), severities, entry.path("title").asText(), entry.path("help").asText()));
      });
      return infos;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
