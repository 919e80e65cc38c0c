package dev.transship.restore;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.transship.kube.Json;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * How far a run of a plan got: per stage the Restore attempt and whether it is running, failed
 * or done; the gates approved; the source CronJobs this run suspended. Saved after every change,
 * so a run that dies anywhere resumes where it was. Holds no secret.
 */
final class RunState {
  enum Status { RUNNING, FAILED, DONE }

  /** One stage's progress; {@code restore} is the current attempt's Restore name (null for a stage without one). */
  record Stage(int attempt, Status status, String restore, String phase, Instant started, Instant finished) {}

  private final String plan;
  private final Map<String, Stage> stages = new LinkedHashMap<>();
  private final TreeSet<String> approvedGates = new TreeSet<>();
  private final Map<String, List<String>> suspendedInSource = new LinkedHashMap<>();

  RunState(String plan) {
    this.plan = plan;
  }

  String plan() {
    return plan;
  }

  Optional<Stage> stage(String name) {
    return Optional.ofNullable(stages.get(name));
  }

  void put(String stage, Stage state) {
    stages.put(stage, state);
  }

  boolean done(String stage) {
    return stage(stage).map(s -> s.status() == Status.DONE).orElse(false);
  }

  boolean isEmpty() {
    return stages.isEmpty() && approvedGates.isEmpty();
  }

  boolean approved(String gate) {
    return approvedGates.contains(gate);
  }

  void approve(String gate) {
    approvedGates.add(gate);
  }

  /** The CronJobs of a cutover stage this run suspended in the source (and must un-suspend if the stage fails). */
  List<String> suspendedInSource(String stage) {
    return suspendedInSource.getOrDefault(stage, List.of());
  }

  void setSuspendedInSource(String stage, List<String> refs) {
    if (refs.isEmpty()) {
      suspendedInSource.remove(stage);
    } else {
      suspendedInSource.put(stage, List.copyOf(refs));
    }
  }

  ObjectNode toJson() {
    ObjectNode root = Json.object();
    root.put("plan", plan);
    ObjectNode s = root.putObject("stages");
    stages.forEach((name, stage) -> {
      ObjectNode n = s.putObject(name);
      n.put("attempt", stage.attempt());
      n.put("status", stage.status().name().toLowerCase());
      putIfSet(n, "restore", stage.restore());
      putIfSet(n, "phase", stage.phase());
      putIfSet(n, "started", stage.started() == null ? null : stage.started().toString());
      putIfSet(n, "finished", stage.finished() == null ? null : stage.finished().toString());
    });
    approvedGates.forEach(root.putArray("approvedGates")::add);
    ObjectNode suspended = root.putObject("suspendedInSource");
    suspendedInSource.forEach((stage, refs) -> {
      ArrayNode list = suspended.putArray(stage);
      refs.forEach(list::add);
    });
    return root;
  }

  private static void putIfSet(ObjectNode node, String field, String value) {
    if (value != null) {
      node.put(field, value);
    }
  }

  /** Reads a saved state; null when the JSON is not one (the caller names where it came from). */
  static RunState fromJson(JsonNode root) {
    if (!root.path("plan").isTextual() || !root.path("stages").isObject()) {
      return null;
    }
    RunState state = new RunState(root.get("plan").asText());
    root.get("stages").fields().forEachRemaining(e -> {
      JsonNode n = e.getValue();
      Status status;
      try {
        status = Status.valueOf(n.path("status").asText("running").toUpperCase());
      } catch (IllegalArgumentException bad) {
        status = Status.RUNNING;
      }
      state.stages.put(e.getKey(), new Stage(Math.max(1, n.path("attempt").asInt(1)), status, n.path("restore").asText(null),
          n.path("phase").asText(null), instant(n.path("started")), instant(n.path("finished"))));
    });
    root.path("approvedGates").forEach(g -> state.approvedGates.add(g.asText()));
    root.path("suspendedInSource").fields().forEachRemaining(e -> {
      List<String> refs = new ArrayList<>();
      e.getValue().forEach(r -> refs.add(r.asText()));
      state.suspendedInSource.put(e.getKey(), refs);
    });
    return state;
  }

  private static Instant instant(JsonNode node) {
    try {
      return node.isTextual() ? Instant.parse(node.asText()) : null;
    } catch (RuntimeException e) {
      return null;
    }
  }
}
