package dev.transship.restore;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;

/** A progress bar for a Restore from {@code status.progress}, printed on stderr when it moves. */
final class Progress {
  private static final int WIDTH = 30;
  private final PrintWriter err;
  private String last = "";

  Progress(PrintWriter err) {
    this.err = err;
  }

  void show(String name, JsonNode restore) {
    JsonNode status = restore.path("status");
    String phase = status.path("phase").asText("New");
    int total = status.path("progress").path("totalItems").asInt(0);
    int done = Math.min(status.path("progress").path("itemsRestored").asInt(0), Math.max(total, 0));
    String line = "  " + name + " " + bar(done, total) + " " + done + "/" + total + " items, " + (phase.isEmpty() ? "New" : phase);
    if (!line.equals(last)) {
      last = line;
      err.println(line);
      err.flush();
    }
  }

  static String bar(int done, int total) {
    int filled = total <= 0 ? 0 : (int) ((long) done * WIDTH / total);
    return "[" + "#".repeat(filled) + ".".repeat(WIDTH - filled) + "]";
  }
}
