package dev.transship.lint.output;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.transship.finding.Severity;
import dev.transship.kube.Json;
import dev.transship.report.ConversionReport;

/** Findings for machines. */
public final class JsonOutput {
  private JsonOutput() {}

  public static ObjectNode render(LintReport report) {
    ObjectNode root = Json.object();
    root.put("input", report.input());
    root.put("objects", report.objects());
    root.put("suppressed", report.suppressed());
    ObjectNode summary = root.putObject("summary");
    for (Severity s : Severity.values()) {
      summary.put(s.label(), report.count(s));
    }
    ArrayNode findings = root.putArray("findings");
    report.findings().forEach(f -> findings.add(ConversionReport.findingJson(f)));
    return root;
  }
}
