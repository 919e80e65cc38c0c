package dev.transship.report;

import com.fasterxml.jackson.databind.JsonNode;
import dev.transship.kube.Json;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The details of each reported object (changed fields, findings) as compact JSON in a temp file, so
 * a report of a large backup holds in memory only a line per object, not the objects.
 */
final class ChangeStore implements AutoCloseable {
  /** Where one object's details sit in the file. */
  record Slot(long offset, int length) {}

  private Path file;
  private RandomAccessFile data;
  private long end;

  Slot add(JsonNode details) {
    byte[] bytes = Json.bytes(details);
    try {
      if (data == null) {
        file = Files.createTempFile("transship-report-", ".json");
        file.toFile().deleteOnExit();
        data = new RandomAccessFile(file.toFile(), "rw");
      }
      data.seek(end);
      data.write(bytes);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot keep the report's details in a temp file: " + e.getMessage(), e);
    }
    Slot slot = new Slot(end, bytes.length);
    end += bytes.length;
    return slot;
  }

  JsonNode read(Slot slot) {
    byte[] bytes = new byte[slot.length()];
    try {
      data.seek(slot.offset());
      data.readFully(bytes);
      return Json.parse(bytes);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the report's details back: " + e.getMessage(), e);
    }
  }

  @Override
  public void close() {
    if (data == null) {
      return;
    }
    try {
      data.close();
      Files.deleteIfExists(file);
    } catch (IOException ignored) {
      // a temp file, also deleted on exit
    }
  }
}
