package dev.transship.report;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import dev.transship.convert.ConversionResult;
import dev.transship.finding.ObjectRef;
import dev.transship.finding.Severity;
import dev.transship.kube.Json;
import java.io.IOException;
import java.io.Writer;

/**
 * The conversion report for machines, written as it is read so its size does not matter: summary,
 * then each reported object with its changed fields (readable path, op, before, after), or the
 * content of a generated or dropped one, and its findings, then every finding.
 */
final class JsonReport {
  private final ConversionResult result;
  private final ConversionReport report;

  JsonReport(ConversionResult result, ConversionReport report) {
    this.result = result;
    this.report = report;
  }

  void write(Writer writer) throws IOException {
    try (JsonGenerator out = Json.prettyGenerator(writer)) {
      out.writeStartObject();
      out.writeStringField("source", result.sourceAddress());
      out.writeStringField("destination", result.destinationAddress());
      out.writeStringField("name", result.name());
      out.writeObjectFieldStart("summary");
      out.writeNumberField("itemsRead", result.itemsRead());
      out.writeNumberField("itemsWritten", result.itemsWritten());
      out.writeNumberField("changed", result.itemsChanged());
      out.writeNumberField("dropped", result.itemsDropped());
      out.writeNumberField("generated", result.itemsGenerated());
      out.writeObjectFieldStart("findings");
      for (Severity s : Severity.values()) {
        out.writeNumberField(s.label(), result.findings().count(s));
      }
      out.writeEndObject();
      out.writeEndObject();
      out.writeArrayFieldStart("objects");
      for (ObjectChange change : report.changes()) {
        ObjectRef ref = change.object();
        JsonNode details = report.details(change);
        out.writeStartObject();
        out.writeStringField("object", ref.toString());
        out.writeStringField("apiVersion", ref.apiVersion());
        out.writeStringField("kind", ref.kind());
        if (ref.namespace() != null) {
          out.writeStringField("namespace", ref.namespace());
        }
        out.writeStringField("name", ref.name());
        out.writeStringField("path", ref.itemPath());
        out.writeStringField("status", change.status());
        // changes on every object (empty for a generated or dropped one), so .changes[] never fails
        out.writeFieldName("changes");
        out.writeTree(details.get("changes"));
        if (details.has("content")) {
          out.writeFieldName("content");
          out.writeTree(details.get("content"));
        }
        out.writeFieldName("findings");
        out.writeTree(details.get("findings"));
        out.writeEndObject();
      }
      out.writeEndArray();
      out.writeArrayFieldStart("findings");
      result.findings().forEach(f -> out.writeTree(ConversionReport.findingJson(f)));
      out.writeEndArray();
      out.writeArrayFieldStart("warnings");
      for (String w : result.warnings()) {
        out.writeString(w);
      }
      out.writeEndArray();
      out.writeEndObject();
      out.writeRaw('\n');
    }
  }
}
