package dev.transship.report;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.transship.kube.Json;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.zip.GZIPOutputStream;

/**
 * JSON written through gzip into base64, for the HTML report to embed and its script to unpack
 * (DecompressionStream) only when a reader opens that part: the details of 25,000 objects are
 * tens of MB as text, a few as packed data, and cost the browser nothing until opened.
 */
final class PackedJson implements AutoCloseable {
  private final ByteArrayOutputStream packed = new ByteArrayOutputStream();
  private final JsonGenerator out;
  private boolean closed;

  PackedJson() {
    try {
      out = Json.MAPPER.getFactory().createGenerator(new GZIPOutputStream(Base64.getEncoder().wrap(packed), 8192));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  JsonGenerator json() {
    return out;
  }

  /** The base64 text; ends the JSON. */
  String text() {
    close();
    return packed.toString(StandardCharsets.US_ASCII);
  }

  @Override
  public void close() {
    if (!closed) {
      closed = true;
      try {
        out.close();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
