package dev.transship.report;

import com.fasterxml.jackson.databind.JsonNode;
import dev.transship.convert.ConversionResult;
import dev.transship.finding.Finding;
import dev.transship.finding.Severity;
import dev.transship.kube.Json;
import java.util.List;
import java.util.Map;

/** The conversion report as one self-contained HTML page: no scripts, no external resources. */
final class HtmlReport {
  private final ConversionResult result;
  private final List<ObjectChange> changes;
  private final StringBuilder html = new StringBuilder();

  HtmlReport(ConversionResult result, List<ObjectChange> changes) {
    this.result = result;
    this.changes = changes;
  }

  String render() {
    html.append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
        .append("<title>transship conversion report: ").append(esc(result.name())).append("</title><style>")
        .append("body{font:14px/1.45 system-ui,-apple-system,'Segoe UI',sans-serif;margin:2rem auto;max-width:1100px;color:#1f2328;padding:0 1rem}")
        .append("h1{font-size:1.6rem;margin-bottom:.2rem}h2{margin-top:2rem;border-bottom:1px solid #d0d7de;padding-bottom:.3rem}")
        .append(".sub{color:#59636e;margin-top:0}table{border-collapse:collapse;width:100%;margin:.5rem 0}")
        .append("th,td{text-align:left;padding:.35rem .6rem;border-bottom:1px solid #eaeef2;vertical-align:top}th{background:#f6f8fa}")
        .append(".cards{display:flex;gap:.8rem;flex-wrap:wrap}.card{border:1px solid #d0d7de;border-radius:8px;padding:.6rem 1rem;min-width:7rem}")
        .append(".card b{display:block;font-size:1.5rem}.sev{font-weight:600;border-radius:4px;padding:0 .4rem;font-size:.85em}")
        .append(".error{background:#ffebe9;color:#82071e}.warning{background:#fff8c5;color:#7d4e00}.info{background:#ddf4ff;color:#0a3069}")
        .append("details{border:1px solid #d0d7de;border-radius:6px;margin:.4rem 0;padding:.3rem .7rem}summary{cursor:pointer;font-weight:600}")
        .append("code,pre{font:12px ui-monospace,SFMono-Regular,Menlo,monospace}pre{background:#f6f8fa;padding:.5rem;overflow:auto;border-radius:6px}")
        .append(".st{color:#59636e;font-weight:400}</style></head><body>");
    html.append("<h1>Conversion report: ").append(esc(result.name())).append("</h1>")
        .append("<p class=\"sub\">").append(esc(result.sourceAddress())).append(" &rarr; ").append(esc(result.destinationAddress())).append("</p>");
    Map<Severity, Integer> counts = ConversionReport.severityCounts(result.findings().toList());
    html.append("<div class=\"cards\">");
    card("items read", result.itemsRead());
    card("written", result.itemsWritten());
    card("changed", result.itemsChanged());
    card("dropped", result.itemsDropped());
    card("generated", result.itemsGenerated());
    card("errors", counts.get(Severity.ERROR));
    card("warnings", counts.get(Severity.WARNING));
    html.append("</div>");
    findings();
    objects();
    html.append("</body></html>\n");
    return html.toString();
  }

  private void card(String label, long value) {
    html.append("<div class=\"card\"><b>").append(value).append("</b>").append(esc(label)).append("</div>");
  }

  private void findings() {
    html.append("<h2>Findings</h2>");
    if (result.findings().size() == 0) {
      html.append("<p>None.</p>");
      return;
    }
    html.append("<table><tr><th>Severity</th><th>Check</th><th>Object</th><th>Message</th></tr>");
    result.findings().forEach(this::findingRow); // most severe first
    html.append("</table>");
  }

  private void findingRow(Finding f) {
    html.append("<tr><td><span class=\"sev ").append(f.severity().label()).append("\">").append(f.severity().label())
        .append("</span></td><td><code>").append(esc(f.check())).append("</code></td><td>")
        .append(esc(f.object() == null ? "" : f.object().toString())).append("</td><td>").append(esc(f.message()));
    if (!f.hint().isEmpty()) {
      html.append("<br><span class=\"st\">").append(esc(f.hint())).append("</span>");
    }
    html.append("</td></tr>");
  }

  private void objects() {
    html.append("<h2>Objects</h2>");
    if (changes.isEmpty()) {
      html.append("<p>No object was changed.</p>");
      return;
    }
    for (ObjectChange change : changes) {
      html.append("<details><summary>").append(esc(change.object().toString())).append(" <span class=\"st\">")
          .append(change.status()).append("</span></summary><p><code>").append(esc(change.object().itemPath())).append("</code></p>");
      if (change.diff() != null && "generated".equals(change.status())) {
        html.append("<pre>").append(esc(Json.yaml(change.diff()))).append("</pre>");
      } else if (change.diff() != null) {
        html.append("<table><tr><th>Operation</th><th>Path</th><th>Value</th></tr>");
        for (JsonNode op : change.diff()) {
          html.append("<tr><td>").append(esc(op.path("op").asText())).append("</td><td><code>").append(esc(op.path("path").asText()))
              .append("</code></td><td><code>").append(esc(op.has("value") ? Json.compact(op.get("value")) : op.path("from").asText()))
              .append("</code></td></tr>");
        }
        html.append("</table>");
      }
      if (!change.findings().isEmpty()) {
        html.append("<table>");
        change.findings().forEach(this::findingRow);
        html.append("</table>");
      }
      html.append("</details>");
    }
  }

  private static String esc(String s) {
    return Markup.escape(s);
  }
}
