package dev.transship.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.transship.archive.ArchiveItem;
import dev.transship.convert.BackupConverter;
import dev.transship.convert.ConversionResult;
import dev.transship.finding.Finding;
import dev.transship.finding.ObjectRef;
import dev.transship.kube.Json;
import dev.transship.kube.SecretRedaction;
import dev.transship.pipeline.Emitted;
import dev.transship.pipeline.Outcome;
import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;

/**
 * Collects, while a conversion streams, what changed in each object (the changed fields, before and
 * after, Secret values redacted), what was dropped and generated, and each object's findings; then
 * writes it as JSON or a self-contained HTML page. The details go to a temp file as they come
 * (see {@link ChangeStore}); unchanged objects without findings are only counted. Close it when written.
 */
public final class ConversionReport implements BackupConverter.ChangeListener, AutoCloseable {
  private final List<ObjectChange> changes = new ArrayList<>();
  private final ChangeStore store = new ChangeStore();
  private boolean sorted = true;

  @Override
  public void onItem(ArchiveItem item, Outcome outcome) {
    ObjectRef self = ObjectRef.of(item.kube(), item.path().key());
    // an object moved to another group (a removed API version converted) is kept under a new key
    Emitted kept = outcome.self(item.path().key());
    List<Emitted> generated = outcome.objects().stream().filter(e -> e != kept).toList();
    // a finding about a generated object goes with that object (as the HTML links it), the rest with the item
    List<Finding> findings = outcome.findings().stream().filter(f -> generated.stream().noneMatch(e -> names(f, e))).toList();
    if (kept == null) {
      // what was left out, as it was: a reviewer signs off on a drop by its content
      add(self, "dropped", List.of(), asDropped(item.object()), findings);
    } else if (outcome.changed()) {
      List<FieldChange> fields = FieldDiff.between(SecretRedaction.redact(item.object()), SecretRedaction.redact(kept.object(), item.object()));
      add(self, "changed", fields, null, findings);
    } else if (!findings.isEmpty()) {
      add(self, "unchanged", List.of(), null, findings);
    }
    for (Emitted e : generated) {
      generated(e, outcome.findings().stream().filter(f -> names(f, e)).toList());
    }
  }

  private static boolean names(Finding finding, Emitted object) {
    return finding.object() != null && finding.object().key().equals(object.key());
  }

  /**
   * Every object the transformer's finish step adds is generated. With no item to hang them on,
   * its findings go with the generated object they name (the rest are in the findings list).
   */
  @Override
  public void onFinish(Outcome tail) {
    for (Emitted e : tail.objects()) {
      generated(e, tail.findings().stream().filter(f -> names(f, e)).toList());
    }
  }

  /**
   * A dropped object as a reviewer reads it, without {@code metadata.managedFields}: the API
   * server's record of which client set which field, often half the object and never what a drop
   * is signed off on. Keeps the report of a large drop small.
   */
  private static JsonNode asDropped(JsonNode object) {
    JsonNode redacted = SecretRedaction.redact(object);
    if (!(redacted.path("metadata") instanceof ObjectNode metadata) || !metadata.has("managedFields")) {
      return redacted;
    }
    ObjectNode copy = ((ObjectNode) redacted).deepCopy();
    ((ObjectNode) copy.get("metadata")).remove("managedFields");
    return copy;
  }

  private void generated(Emitted e, List<Finding> findings) {
    add(e.ref(), "generated", List.of(), SecretRedaction.redact(e.object()), findings);
  }

  private void add(ObjectRef object, String status, List<FieldChange> fields, JsonNode content, List<Finding> findings) {
    ObjectNode details = Json.object();
    ArrayNode rows = details.putArray("changes");
    for (FieldChange f : fields) {
      ObjectNode row = rows.addObject().put("path", f.path()).put("op", f.op());
      if (f.before() != null) {
        row.set("before", f.before());
      }
      if (f.after() != null) {
        row.set("after", f.after());
      }
    }
    if (content != null) {
      details.set("content", content);
    }
    ArrayNode found = details.putArray("findings");
    findings.forEach(f -> found.add(findingJson(f)));
    changes.add(new ObjectChange(object, status, fields.size(), store.add(details)));
    sorted = false;
  }

  /** The reported objects in the report's order (namespace, kind, name). */
  public List<ObjectChange> changes() {
    if (!sorted) {
      changes.sort(ObjectChange::compare);
      sorted = true;
    }
    return changes;
  }

  /**
   * An object's details: {@code changes} (path, op, before, after), {@code content} (a generated
   * object as written, a dropped one as it was; Secrets redacted), {@code findings}.
   */
  public JsonNode details(ObjectChange change) {
    return store.read(change.details());
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

  public void writeJson(ConversionResult result, Writer out) throws IOException {
    new JsonReport(result, this).write(out);
  }

  public void writeHtml(ConversionResult result, Writer out) throws IOException {
    new HtmlReport(result, this).write(out);
  }

  @Override
  public void close() {
    store.close();
  }
}
