package dev.transship.report;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import dev.transship.archive.ItemKey;
import dev.transship.convert.ConversionResult;
import dev.transship.finding.Finding;
import dev.transship.finding.ObjectRef;
import dev.transship.finding.Severity;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The conversion report as one self-contained HTML page (no external resources) that stays small
 * and quick at tens of thousands of objects. The page itself holds only the outline: findings
 * grouped by severity and check with counts (info apart), objects grouped by namespace and kind.
 * Each group's rows (findings; objects with every changed field before and after, or the content of
 * a generated or dropped one, see {@link ReadableValue}) are packed JSON ({@link PackedJson}) that an
 * inline script unpacks and renders when the group is opened. The script also filters (severity,
 * check, namespace, kind, text; kept in the URL's query) and follows a finding's link to its object
 * ({@code #o<n>}).
 */
final class HtmlReport {
  static final String CLUSTER = "(cluster)";

  private final ConversionResult result;
  private final ConversionReport report;
  private final List<ObjectChange> objects;
  private final Map<ItemKey, Integer> ids = new HashMap<>();
  /** Per object id: its findings as {finding group, row}. */
  private final List<List<int[]>> findingsOf = new ArrayList<>();
  private final List<PackedJson> blobs = new ArrayList<>();
  private final List<String> blobIds = new ArrayList<>();

  HtmlReport(ConversionResult result, ConversionReport report) {
    this.result = result;
    this.report = report;
    this.objects = report.changes();
    for (int i = 0; i < objects.size(); i++) {
      ids.putIfAbsent(objects.get(i).object().key(), i);
      findingsOf.add(null);
    }
  }

  /** The findings of one severity and check. */
  private static final class FindingGroup {
    final int id;
    final Severity severity;
    final String check;
    final PackedJson rows = new PackedJson();
    final String example;
    int count;

    FindingGroup(int id, Severity severity, String check, String example) {
      this.id = id;
      this.severity = severity;
      this.check = check;
      this.example = example;
    }
  }

  /** The objects of one namespace and kind: a run of ids in the report's order. */
  private record ObjectGroup(String namespace, String kind, int first, int count, String blob) {}

  void write(Writer out) throws IOException {
    List<FindingGroup> findings = packFindings();
    List<ObjectGroup> groups = packObjects();
    out.write("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">"
        + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>transship conversion report: "
        + esc(result.name()) + "</title><style>" + resource("report.css") + "</style></head><body>");
    out.write("<h1>Conversion report: " + esc(result.name()) + "</h1><p class=\"sub\">" + esc(result.sourceAddress()) + " &rarr; "
        + esc(result.destinationAddress()) + "</p>");
    out.write("<div class=\"cards\">");
    card(out, "items read", result.itemsRead(), "");
    card(out, "written", result.itemsWritten(), "");
    card(out, "changed", result.itemsChanged(), "");
    card(out, "dropped", result.itemsDropped(), "");
    card(out, "generated", result.itemsGenerated(), "");
    card(out, "errors", result.findings().count(Severity.ERROR), "error");
    card(out, "warnings", result.findings().count(Severity.WARNING), "warning");
    card(out, "info", result.findings().count(Severity.INFO), "info");
    out.write("</div><noscript><p class=\"note\">The findings and objects open with JavaScript; the JSON report "
        + "(<code>--report FILE.json</code>) holds the same.</p></noscript>");
    filters(out, findings, groups);
    out.write("<h2>Errors and warnings <span class=\"st\">" + count(result.findings().count(Severity.ERROR)
        + result.findings().count(Severity.WARNING)) + "</span></h2>");
    List<FindingGroup> serious = findings.stream().filter(g -> g.severity != Severity.INFO).toList();
    if (serious.isEmpty()) {
      out.write("<p>None.</p>");
    }
    for (FindingGroup g : serious) {
      findingGroup(out, g);
    }
    List<FindingGroup> info = findings.stream().filter(g -> g.severity == Severity.INFO).toList();
    out.write("<details class=\"section\"><summary><h2>Information <span class=\"st\">" + count(result.findings().count(Severity.INFO))
        + "</span></h2></summary><p class=\"st\">Changes the conversion made and things it noticed; nothing to fix.</p>");
    for (FindingGroup g : info) {
      findingGroup(out, g);
    }
    out.write("</details>");
    out.write("<h2>Objects <span class=\"st\">" + count(objects.size()) + " changed, dropped, generated or with findings</span></h2>");
    if (groups.isEmpty()) {
      out.write("<p>No object was changed.</p>");
    }
    objectGroups(out, groups);
    out.write("<p id=\"status\" class=\"st\"></p>");
    for (int i = 0; i < blobs.size(); i++) {
      out.write("<script type=\"text/plain\" id=\"" + blobIds.get(i) + "\">");
      out.write(blobs.get(i).text());
      out.write("</script>");
    }
    out.write("<script>" + resource("report.js") + "</script></body></html>\n");
  }

  /** One pass over the findings: packed per severity and check, each row linked to its object. */
  private List<FindingGroup> packFindings() throws IOException {
    Map<String, FindingGroup> groups = new LinkedHashMap<>();
    result.findings().forEach(f -> {
      FindingGroup g = groups.computeIfAbsent(f.severity() + " " + f.check(), k -> {
        FindingGroup created = new FindingGroup(groups.size(), f.severity(), f.check(), f.message());
        blob("f" + created.id, created.rows);
        try {
          created.rows.json().writeStartArray();
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
        return created;
      });
      ObjectRef ref = f.object();
      Integer id = ref == null ? null : ids.get(ref.key());
      JsonGenerator row = g.rows.json();
      row.writeStartArray();
      row.writeNumber(id == null ? -1 : id);
      row.writeString(ref == null ? "" : ref.kind());
      row.writeString(ref == null ? null : ref.namespace());
      row.writeString(ref == null ? "" : ref.name());
      row.writeString(f.message());
      row.writeString(f.hint());
      row.writeEndArray();
      if (id != null) {
        if (findingsOf.get(id) == null) {
          findingsOf.set(id, new ArrayList<>(2));
        }
        findingsOf.get(id).add(new int[] {g.id, g.count});
      }
      g.count++;
    });
    for (FindingGroup g : groups.values()) {
      g.rows.json().writeEndArray();
      g.rows.close();
    }
    return groups.values().stream()
        .sorted(Comparator.comparing((FindingGroup g) -> g.severity).reversed().thenComparing(g -> g.check)).toList();
  }

  /** One pass over the objects in order: packed per namespace and kind, each with its changed fields as YAML. */
  private List<ObjectGroup> packObjects() throws IOException {
    List<ObjectGroup> groups = new ArrayList<>();
    int start = 0;
    while (start < objects.size()) {
      ObjectRef first = objects.get(start).object();
      int end = start;
      while (end < objects.size() && Objects.equals(objects.get(end).object().namespace(), first.namespace())
          && objects.get(end).object().kind().equals(first.kind())) {
        end++;
      }
      PackedJson packed = new PackedJson();
      String id = "g" + groups.size();
      blob(id, packed);
      JsonGenerator out = packed.json();
      out.writeStartArray();
      for (int i = start; i < end; i++) {
        object(out, i);
      }
      out.writeEndArray();
      packed.close();
      groups.add(new ObjectGroup(first.namespace() == null ? CLUSTER : first.namespace(), first.kind(), start, end - start, id));
      start = end;
    }
    return groups;
  }

  private void object(JsonGenerator out, int id) throws IOException {
    ObjectChange change = objects.get(id);
    JsonNode details = report.details(change);
    out.writeStartObject();
    out.writeStringField("n", change.object().name());
    out.writeStringField("s", change.status());
    out.writeStringField("p", change.object().itemPath());
    out.writeArrayFieldStart("c");
    for (JsonNode c : details.path("changes")) {
      out.writeStartArray();
      out.writeString(c.path("path").asText());
      out.writeString(c.path("op").asText());
      out.writeString(c.has("before") ? ReadableValue.of(c.get("before")) : null);
      out.writeString(c.has("after") ? ReadableValue.of(c.get("after")) : null);
      out.writeEndArray();
    }
    out.writeEndArray();
    if (details.has("content")) {
      out.writeStringField("y", ReadableValue.of(details.get("content")));
    }
    List<int[]> refs = findingsOf.get(id);
    if (refs != null) {
      out.writeArrayFieldStart("f");
      for (int[] ref : refs) {
        out.writeArray(ref, 0, 2);
      }
      out.writeEndArray();
    }
    out.writeEndObject();
  }

  private void blob(String id, PackedJson packed) {
    blobIds.add(id);
    blobs.add(packed);
  }

  private void filters(Writer out, List<FindingGroup> findings, List<ObjectGroup> groups) throws IOException {
    out.write("<form id=\"filters\" class=\"filters\" autocomplete=\"off\"><span>Severity");
    for (Severity s : new Severity[] {Severity.ERROR, Severity.WARNING, Severity.INFO}) {
      out.write(" <label><input type=\"checkbox\" name=\"sev\" value=\"" + s.label() + "\" checked> " + s.label() + "</label>");
    }
    out.write("</span>");
    Map<String, Integer> checks = new TreeMap<>();
    findings.forEach(g -> checks.merge(g.check, g.count, Integer::sum));
    select(out, "check", "Check", checks);
    Map<String, Integer> namespaces = new TreeMap<>();
    Map<String, Integer> kinds = new TreeMap<>();
    groups.forEach(g -> {
      namespaces.merge(g.namespace(), g.count(), Integer::sum);
      kinds.merge(g.kind(), g.count(), Integer::sum);
    });
    select(out, "ns", "Namespace", namespaces);
    select(out, "kind", "Kind", kinds);
    out.write("<label>Text <input type=\"search\" name=\"q\" placeholder=\"name, message, field, value\"></label>"
        + "<button type=\"reset\">Clear</button></form>");
  }

  private static void select(Writer out, String name, String label, Map<String, Integer> options) throws IOException {
    out.write("<label>" + label + " <select name=\"" + name + "\"><option value=\"\">all</option>");
    for (Map.Entry<String, Integer> o : options.entrySet()) {
      out.write("<option value=\"" + esc(o.getKey()) + "\">" + esc(o.getKey()) + " (" + count(o.getValue()) + ")</option>");
    }
    out.write("</select></label>");
  }

  private static void findingGroup(Writer out, FindingGroup g) throws IOException {
    String example = g.example.length() > 160 ? g.example.substring(0, 157) + "..." : g.example;
    out.write("<details class=\"fg\" id=\"fg" + g.id + "\" data-sev=\"" + g.severity.label() + "\" data-check=\"" + esc(g.check)
        + "\" data-n=\"" + g.count + "\" data-blob=\"f" + g.id + "\"><summary><span class=\"sev " + g.severity.label() + "\">"
        + g.severity.label() + "</span> <code>" + esc(g.check) + "</code> <b class=\"n\">" + count(g.count) + "</b> <span class=\"st\">"
        + esc(example) + "</span></summary><div class=\"rows\"></div></details>");
  }

  private static void objectGroups(Writer out, List<ObjectGroup> groups) throws IOException {
    int start = 0;
    while (start < groups.size()) {
      String namespace = groups.get(start).namespace();
      int end = start;
      int total = 0;
      Map<String, Integer> kinds = new TreeMap<>();
      while (end < groups.size() && groups.get(end).namespace().equals(namespace)) {
        total += groups.get(end).count();
        kinds.put(groups.get(end).kind(), groups.get(end).count());
        end++;
      }
      StringBuilder kindList = new StringBuilder();
      kinds.forEach((k, n) -> kindList.append(kindList.length() == 0 ? "" : ", ").append(count(n)).append(' ').append(k));
      out.write("<details class=\"ns\" data-ns=\"" + esc(namespace) + "\"><summary>" + (namespace.equals(CLUSTER) ? "cluster-scoped"
          : "namespace <code>" + esc(namespace) + "</code>") + " <b class=\"n\">" + count(total) + "</b> <span class=\"st\">"
          + esc(kindList.toString()) + "</span></summary>");
      for (int i = start; i < end; i++) {
        ObjectGroup g = groups.get(i);
        out.write("<details class=\"og\" data-ns=\"" + esc(g.namespace()) + "\" data-kind=\"" + esc(g.kind()) + "\" data-first=\""
            + g.first() + "\" data-n=\"" + g.count() + "\" data-blob=\"" + g.blob() + "\"><summary>" + esc(g.kind()) + " <b class=\"n\">"
            + count(g.count()) + "</b></summary><div class=\"rows\"></div></details>");
      }
      out.write("</details>");
      start = end;
    }
  }

  private static void card(Writer out, String label, long value, String severity) throws IOException {
    out.write("<div class=\"card " + severity + "\"><b>" + count(value) + "</b>" + esc(label) + "</div>");
  }

  private static String count(long n) {
    return String.format(Locale.ROOT, "%,d", n);
  }

  private static String esc(String s) {
    return Markup.escape(s);
  }

  private static String resource(String name) {
    try (InputStream in = HtmlReport.class.getResourceAsStream(name)) {
      return new String(Objects.requireNonNull(in, name).readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
