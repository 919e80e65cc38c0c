package dev.transship.plan;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.transship.TransshipException;
import dev.transship.kube.Json;
import dev.transship.kube.YamlError;
import dev.transship.store.AtomicFile;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/** Reads and writes {@code kind: RestorePlan} YAML. */
public final class PlanYaml {
  private PlanYaml() {}

  public static ObjectNode toJson(RestorePlan plan) {
    ObjectNode root = Json.object();
    root.put("apiVersion", RestorePlan.API_VERSION);
    root.put("kind", RestorePlan.KIND);
    root.putObject("metadata").put("name", plan.name());
    ObjectNode backup = root.putObject("backup");
    backup.put("name", plan.backupName());
    backup.put("location", plan.backupLocation());
    root.putObject("source").put("context", plan.sourceContext());
    root.putObject("target").put("context", plan.targetContext());
    root.put("veleroNamespace", plan.veleroNamespace());
    ArrayNode stages = root.putArray("stages");
    for (PlanStage stage : plan.stages()) {
      ObjectNode s = stages.addObject();
      s.put("name", stage.name());
      s.put("description", stage.description());
      if (stage.restore() != null) {
        s.put("objects", stage.objects());
      }
      if (stage.cutover() != null) {
        s.set("cutover", cutover(stage.cutover()));
      }
      if (!stage.before().isEmpty()) {
        s.set("before", steps(stage.before()));
      }
      if (stage.restore() != null) {
        s.set("restore", stage.restore());
      }
      if (!stage.after().isEmpty()) {
        s.set("after", steps(stage.after()));
      }
    }
    return root;
  }

  private static ObjectNode cutover(PlanStage.Cutover cutover) {
    ObjectNode c = Json.object();
    c.put("set", cutover.set());
    cutover.cronJobs().forEach(c.putArray("cronJobs")::add);
    CutoverForecast f = cutover.forecast();
    ObjectNode forecast = c.putObject("forecast");
    forecast.put("windowMinutes", f.window().toMinutes());
    forecast.put("cutoverAt", f.at().toString());
    ArrayNode missed = forecast.putArray("missedRuns");
    f.missedRuns().forEach(m -> missed.addObject().put("cronJob", m.cronJob()).put("time", m.time().toString()));
    ArrayNode windows = forecast.putArray("quietWindows");
    f.quietWindows().forEach(w -> windows.addObject().put("start", w.start().toString()).put("end", w.end().toString()));
    return c;
  }

  private static ArrayNode steps(List<PlanStep> steps) {
    ArrayNode out = Json.MAPPER.createArrayNode();
    for (PlanStep step : steps) {
      ObjectNode body = out.addObject().putObject(step.type());
      if (step instanceof PlanStep.RegeneratePullSecrets r) {
        r.secrets().forEach(body.putArray("secrets")::add);
        body.put("registry", r.registry());
        body.put("provider", r.provider());
      } else if (step instanceof PlanStep.SuspendSourceCronJobs s) {
        s.cronJobs().forEach(body.putArray("cronJobs")::add);
      } else if (step instanceof PlanStep.WaitForSourceJobs w) {
        w.cronJobs().forEach(body.putArray("cronJobs")::add);
        body.put("timeoutMinutes", w.timeoutMinutes());
      } else if (step instanceof PlanStep.Gate g) {
        body.put("name", g.name());
        body.put("message", g.message());
      }
    }
    return out;
  }

  public static void write(RestorePlan plan, Path file) throws TransshipException {
    AtomicFile.write(file, text(plan));
  }

  /** The plan file's text. */
  public static String text(RestorePlan plan) {
    return "# transship restore plan: review it, then run its stages in order\n" + Json.yaml(toJson(plan));
  }

  public static RestorePlan read(Path file) throws TransshipException {
    JsonNode root;
    try {
      root = Json.YAML.readTree(file.toFile());
    } catch (IOException e) {
      throw new TransshipException(YamlError.describe(file, e));
    }
    if (root == null || !RestorePlan.API_VERSION.equals(root.path("apiVersion").asText()) || !RestorePlan.KIND.equals(root.path("kind").asText())) {
      throw new TransshipException(file + ": not a transship RestorePlan (apiVersion " + RestorePlan.API_VERSION + ", kind RestorePlan)");
    }
    if (!root.path("stages").isArray()) {
      throw new TransshipException(file + ": stages must be a list");
    }
    List<PlanStage> stages = new ArrayList<>();
    for (JsonNode s : root.path("stages")) {
      String name = s.path("name").asText("");
      if (name.isEmpty()) {
        throw new TransshipException(file + ": a stage has no name");
      }
      // A hand-edited plan is read strictly: a mistyped field would otherwise read as 0 or nothing.
      if (s.has("objects") && !s.get("objects").isIntegralNumber()) {
        throw new TransshipException(file + ": stage '" + name + "': objects must be a number, not '" + s.get("objects").asText() + "'");
      }
      PlanStage.Cutover cutover = null;
      if (s.has("cutover")) {
        cutover = readCutover(file, s.get("cutover"));
      }
      ObjectNode restore = s.get("restore") instanceof ObjectNode r ? r : null;
      stages.add(new PlanStage(name, s.path("description").asText(""), s.path("objects").asInt(0),
          readSteps(file, name, s.path("before")), restore, readSteps(file, name, s.path("after")), cutover));
    }
    if (stages.isEmpty()) {
      throw new TransshipException(file + ": the plan has no stages");
    }
    return new RestorePlan(root.path("metadata").path("name").asText(""), root.path("backup").path("name").asText(""),
        root.path("backup").path("location").asText(""), root.path("source").path("context").asText(null),
        root.path("target").path("context").asText(null), root.path("veleroNamespace").asText("velero"), stages);
  }

  private static PlanStage.Cutover readCutover(Path file, JsonNode c) throws TransshipException {
    List<String> cronJobs = strings(c.path("cronJobs"));
    JsonNode f = c.path("forecast");
    List<CutoverForecast.MissedRun> missed = new ArrayList<>();
    for (JsonNode m : f.path("missedRuns")) {
      missed.add(new CutoverForecast.MissedRun(m.path("cronJob").asText(), instant(file, m.path("time").asText())));
    }
    List<CutoverForecast.Window> windows = new ArrayList<>();
    for (JsonNode w : f.path("quietWindows")) {
      windows.add(new CutoverForecast.Window(instant(file, w.path("start").asText()), instant(file, w.path("end").asText())));
    }
    CutoverForecast forecast = new CutoverForecast(Duration.ofMinutes(f.path("windowMinutes").asLong(10)),
        instant(file, f.path("cutoverAt").asText(Instant.EPOCH.toString())), missed, windows);
    return new PlanStage.Cutover(c.path("set").asText(), cronJobs, forecast);
  }

  /** An ISO instant, or any YAML timestamp with an offset (a plan re-dumped by another YAML tool writes "2026-12-03 08:34:55+00:00"). */
  private static Instant instant(Path file, String text) throws TransshipException {
    try {
      return OffsetDateTime.parse(text.trim().replaceFirst(" ", "T").replace(" ", ""), DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
    } catch (RuntimeException e) {
      throw new TransshipException(file + ": '" + text + "' is not a timestamp");
    }
  }

  private static List<PlanStep> readSteps(Path file, String stage, JsonNode steps) throws TransshipException {
    if (!steps.isMissingNode() && !steps.isNull() && !steps.isArray()) {
      throw new TransshipException(file + ": stage '" + stage + "': before and after must be lists of steps");
    }
    List<PlanStep> out = new ArrayList<>();
    for (JsonNode step : steps) {
      String type = step.fieldNames().hasNext() ? step.fieldNames().next() : "";
      JsonNode b = step.path(type);
      switch (type) {
        case "regeneratePullSecrets":
          out.add(new PlanStep.RegeneratePullSecrets(strings(b.path("secrets")), b.path("registry").asText(), b.path("provider").asText()));
          break;
        case "suspendSourceCronJobs":
          out.add(new PlanStep.SuspendSourceCronJobs(strings(b.path("cronJobs"))));
          break;
        case "waitForSourceJobs":
          out.add(new PlanStep.WaitForSourceJobs(strings(b.path("cronJobs")), b.path("timeoutMinutes").asInt(30)));
          break;
        case "gate":
          out.add(new PlanStep.Gate(b.path("name").asText(), b.path("message").asText()));
          break;
        default:
          throw new TransshipException(file + ": stage '" + stage + "' has an unknown step '" + type + "'");
      }
    }
    return out;
  }

  private static List<String> strings(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.asText()));
    return out;
  }
}
