package dev.transship.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.transship.archive.ArchiveItem;
import dev.transship.convert.BackupConverter;
import dev.transship.convert.ConversionResult;
import dev.transship.pipeline.Emitted;
import dev.transship.pipeline.Outcome;
import dev.transship.finding.Finding;
import dev.transship.finding.ObjectRef;
import dev.transship.finding.Severity;
import dev.transship.kube.Json;
import dev.transship.kube.SecretRedaction;
import io.fabric8.zjsonpatch.JsonDiff;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Collects, while a conversion streams, what changed in each object (a redacted diff), what was
 * dropped and generated, and every finding; then renders it as JSON or a self-contained HTML page.
 * Unchanged objects without findings are only counted.
 */
public final class ConversionReport implements BackupConverter.ChangeListener {
  private final List<ObjectChange> changes = new ArrayList<>();

  @Override
  public void onItem(ArchiveItem item, Outcome outcome) {
    ObjectRef self = ObjectRef.of(item.kube(), item.path().key());
    List<Finding> findings = outcome.findings();
    // an object moved to another group (a removed API version converted) is kept under a new key
    Emitted kept = outcome.self(item.path().key());
    if (kept == null) {
      changes.add(new ObjectChange(self, "dropped", null, findings));
    } else if (outcome.changed()) {
      JsonNode diff = JsonDiff.asJson(SecretRedaction.redact(item.object()), SecretRedaction.redact(kept.object(), item.object()));
      changes.add(new ObjectChange(self, "changed", diff, findings));
    } else if (!findings.isEmpty()) {
      changes.add(new ObjectChange(self, "unchanged", null, findings));
    }
    for (Emitted e : outcome.objects()) {
      if (e != kept) {
        changes.add(new ObjectChange(e.ref(), "generated", SecretRedaction.redact(e.object()), List.of()));
      }
    }
  }

  public List<ObjectChange> changes() {
    return changes;
  }

  public ObjectNode toJson(ConversionResult result) {
    ObjectNode root = Json.object();
    root.put("source", result.sourceAddress());
    root.put("destination", result.destinationAddress());
    root.put("name", result.name());
    ObjectNode summary = root.putObject("summary");
    summary.put("itemsRead", result.itemsRead());
    summary.put("itemsWritten", result.itemsWritten());
    summary.put("changed", result.itemsChanged());
    summary.put("dropped", result.itemsDropped());
    summary.put("generated", result.itemsGenerated());
    ObjectNode bySeverity = summary.putObject("findings");
    severityCounts(result.findings().toList()).forEach((s, n) -> bySeverity.put(s.label(), n));
    ArrayNode objects = root.putArray("objects");
    for (ObjectChange change : changes) {
      ObjectNode o = objects.addObject();
      o.put("object", change.object().toString());
      o.put("path", change.object().itemPath());
      o.put("status", change.status());
      if (change.diff() != null) {
        o.set("generated".equals(change.status()) ? "content" : "diff", change.diff());
      }
      ArrayNode findings = o.putArray("findings");
      change.findings().forEach(f -> findings.add(findingJson(f)));
    }
    ArrayNode all = root.putArray("findings");
    result.findings().toList().forEach(f -> all.add(findingJson(f)));
    result.warnings().forEach(root.withArray("warnings")::add);
    return root;
  }

  static Map<Severity, Integer> severityCounts(List<Finding> findings) {
    Map<Severity, Integer> counts = new EnumMap<>(Severity.class);
    for (Severity s : Severity.values()) {
      counts.put(s, 0);
    }
    findings.forEach(f -> counts.merge(f.severity(), 1, Integer::sum));
    return counts;
  }

  public static ObjectNode findingJson(Finding f) {
    ObjectNode node = Json.object();
    node.put("severity", f.severity().label());
    node.put("check", f.check());
    if (f.object() != null) {
      node.put("object", f.object().toString());
      node.put("path", f.object().itemPath());
    }
    node.put("message", f.message());
    if (!f.hint().isEmpty()) {
      node.put("hint", f.hint());
    }
    return node;
  }

  public String toHtml(ConversionResult result) {
    return new HtmlReport(result, changes).render();
  }
}
