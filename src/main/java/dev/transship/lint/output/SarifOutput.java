package dev.transship.lint.output;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.transship.finding.Finding;
import dev.transship.finding.FindingCatalog;
import dev.transship.finding.FindingInfo;
import dev.transship.finding.Severity;
import dev.transship.finding.SourceLocation;
import dev.transship.kube.Json;
import dev.transship.lint.CheckInfo;
import dev.transship.lint.Linter;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * SARIF 2.1.0 as GitHub code scanning reads it: one rule per check with help text, one result per
 * finding located where its input says the object is written (the item's path inside the backup,
 * or a manifest's file and line), with the object as a logical location.
 */
public final class SarifOutput {
  static final String SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json";
  /** GitHub code scanning rejects a run with more results than this. */
  public static final int MAX_RESULTS = 25_000;

  private SarifOutput() {}

  /** How many findings a SARIF report of {@code report} leaves out (code scanning's limit), for a warning. */
  public static long omitted(LintReport report) {
    return Math.max(0, report.findings().size() - MAX_RESULTS);
  }

  public static void write(LintReport report, String version, Writer writer) throws IOException {
    Map<String, Integer> ruleIndex = new LinkedHashMap<>();
    ArrayNode rules = Json.MAPPER.createArrayNode();
    for (CheckInfo check : report.catalogue()) {
      ruleIndex.put(check.id(), ruleIndex.size());
      rule(rules.addObject(), check.id(), check.title(), check.why(), check.fix(), check.severity());
    }
    for (String id : report.findings().checks()) {
      if (!ruleIndex.containsKey(id)) {
        ruleIndex.put(id, ruleIndex.size());
        // a rule pack's finding (rule:<id>): its convert catalogue entry, or a generic rule for a pack's own id
        var info = FindingCatalog.convert(id.startsWith(Linter.RULE_PREFIX) ? id.substring(Linter.RULE_PREFIX.length()) : id);
        rule(rules.addObject(), id, info.map(FindingInfo::title).orElse("Rule pack finding " + id),
            info.map(FindingInfo::help).orElse("Reported by a rule pack's converter."), "See the finding's message.",
            report.findings().worst(id));
      }
    }
    try (JsonGenerator out = Json.prettyGenerator(writer)) {
      out.writeStartObject();
      out.writeStringField("$schema", SCHEMA);
      out.writeStringField("version", "2.1.0");
      out.writeArrayFieldStart("runs");
      out.writeStartObject();
      ObjectNode tool = Json.object();
      ObjectNode driver = tool.putObject("driver");
      driver.put("name", "transship");
      driver.put("informationUri", "https://transship.dev/docs/checks");
      driver.put("version", version);
      driver.set("rules", rules);
      out.writeFieldName("tool");
      out.writeTree(tool);
      out.writeArrayFieldStart("results");
      // Fingerprints must differ between findings, or code scanning merges their alerts: the n-th
      // finding of a check on one object gets "#n" (stable, as findings are sorted by message).
      String[] last = {""};
      long[] written = {0, 0}; // results, occurrence of the current check and object
      report.findings().forEach(f -> {
        SourceLocation at = report.location(f);
        // keyed by the object, not the line, so an alert survives edits above it in a manifest
        String key = f.check() + "|" + (f.object() == null ? SourceLocation.BACKUP.file() : f.object().itemPath());
        written[1] = key.equals(last[0]) ? written[1] + 1 : 0;
        last[0] = key;
        if (written[0] < MAX_RESULTS) {
          out.writeTree(result(f, at, ruleIndex.get(f.check()), written[1] == 0 ? key : key + "#" + written[1]));
          written[0]++;
        }
      });
      out.writeEndArray();
      long omitted = omitted(report);
      if (omitted > 0) {
        ObjectNode invocation = Json.object().put("executionSuccessful", true);
        invocation.putArray("toolExecutionNotifications").addObject().put("level", "warning").putObject("message")
            .put("text", omitted + " less severe findings are not listed: code scanning takes at most " + MAX_RESULTS
                + " results per run. Lint with --format json for all of them.");
        out.writeArrayFieldStart("invocations");
        out.writeTree(invocation);
        out.writeEndArray();
      }
      out.writeEndObject();
      out.writeEndArray();
      out.writeEndObject();
      out.writeRaw('\n');
    }
  }

  private static ObjectNode result(Finding f, SourceLocation at, int ruleIndex, String fingerprint) {
    ObjectNode result = Json.object();
    result.put("ruleId", f.check());
    result.put("ruleIndex", ruleIndex);
    result.put("level", level(f.severity()));
    result.putObject("message").put("text", f.message() + (f.hint().isEmpty() ? "" : " Fix: " + f.hint()));
    ObjectNode location = result.putArray("locations").addObject();
    ObjectNode physical = location.putObject("physicalLocation");
    physical.putObject("artifactLocation").put("uri", uri(at.file()));
    physical.putObject("region").put("startLine", at.line());
    if (f.object() != null) {
      String fqn = f.object().kind() + "/" + (f.object().namespace() == null ? "" : f.object().namespace() + "/") + f.object().name();
      location.putArray("logicalLocations").addObject().put("name", f.object().name()).put("fullyQualifiedName", fqn).put("kind", "object");
    }
    result.putObject("partialFingerprints").put("transship/v1", sha256(fingerprint));
    return result;
  }

  private static void rule(ObjectNode rule, String id, String title, String why, String fix, Severity severity) {
    rule.put("id", id);
    rule.put("name", camel(id));
    rule.putObject("shortDescription").put("text", title);
    rule.putObject("fullDescription").put("text", why);
    rule.putObject("help").put("text", fix).put("markdown", "**Why:** " + why + "\n\n**Fix:** " + fix);
    rule.putObject("defaultConfiguration").put("level", level(severity));
    rule.putObject("properties").putArray("tags").add("velero").add("migration");
  }

  /** A file path as a SARIF uri-reference: '/' separators, characters a URI cannot hold percent-encoded. */
  static String uri(String file) {
    try {
      return new URI(null, null, file.replace(java.io.File.separatorChar, '/'), null).toASCIIString();
    } catch (URISyntaxException e) {
      return file;
    }
  }

  static String level(Severity severity) {
    return severity == Severity.ERROR ? "error" : severity == Severity.WARNING ? "warning" : "note";
  }

  private static String camel(String id) {
    StringBuilder out = new StringBuilder();
    for (String part : id.replace("rule:", "").split("-")) {
      if (!part.isEmpty()) {
        out.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
      }
    }
    return out.toString();
  }

  private static String sha256(String s) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8))).substring(0, 32);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
