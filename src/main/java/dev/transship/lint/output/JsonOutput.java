package dev.transship.lint.output;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.transship.finding.Severity;
import dev.transship.kube.Json;
import dev.transship.report.ConversionReport;
import java.io.IOException;
import java.io.Writer;

/** Findings for machines, streamed: one object with a summary and the findings in report order. */
public final class JsonOutput {
  private JsonOutput() {}

  public static void write(LintReport report, Writer writer) throws IOException {
    try (JsonGenerator out = Json.prettyGenerator(writer)) {
      out.writeStartObject();
      out.writeStringField("input", report.input());
      out.writeNumberField("objects", report.objects());
      out.writeNumberField("suppressed", report.suppressed());
      out.writeObjectFieldStart("summary");
      for (Severity s : Severity.values()) {
        out.writeNumberField(s.label(), report.count(s));
      }
      out.writeEndObject();
      out.writeArrayFieldStart("findings");
      report.findings().forEach(f -> out.writeTree(ConversionReport.findingJson(f)));
      out.writeEndArray();
      out.writeEndObject();
      out.writeRaw('\n');
    }
  }
}
