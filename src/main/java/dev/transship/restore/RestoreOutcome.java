package dev.transship.restore;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/** Where a Restore ended: its terminal phase and what Velero said about it (velero.md §3.2). */
record RestoreOutcome(String name, String phase, String failureReason, List<String> validationErrors, int warnings, int errors) {
  static final String DELETED = "Deleted";

  static RestoreOutcome of(String name, JsonNode restore) {
    JsonNode status = restore.path("status");
    List<String> validation = new ArrayList<>();
    status.path("validationErrors").forEach(v -> validation.add(v.asText()));
    return new RestoreOutcome(name, status.path("phase").asText(""), status.path("failureReason").asText(""), validation,
        status.path("warnings").asInt(0), status.path("errors").asInt(0));
  }

  static RestoreOutcome deleted(String name) {
    return new RestoreOutcome(name, DELETED, "the Restore was deleted before it finished", List.of(), 0, 0);
  }

  boolean completed() {
    return phase.equals("Completed");
  }

  boolean partiallyFailed() {
    return phase.equals("PartiallyFailed");
  }

  /** Whether Velero got as far as restoring items, so that detailed results exist. */
  boolean hasResults() {
    return completed() || partiallyFailed() || phase.equals("Failed");
  }

  /** One line: the phase, counts, and Velero's reason. */
  String summary() {
    StringBuilder line = new StringBuilder("Restore " + name + " " + phase);
    line.append(" (").append(warnings).append(" warnings, ").append(errors).append(" errors)");
    if (!failureReason.isEmpty()) {
      line.append(": ").append(failureReason);
    }
    if (!validationErrors.isEmpty()) {
      line.append(": ").append(String.join("; ", validationErrors));
    }
    return line.toString();
  }
}
