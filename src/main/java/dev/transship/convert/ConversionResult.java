package dev.transship.convert;

import dev.transship.finding.FindingLog;
import java.util.List;

/**
 * What a conversion did: counts and findings. The findings spill to temporary files past a few
 * thousand, so a conversion's memory does not grow with them: close the result once read.
 */
public record ConversionResult(
    String sourceAddress,
    String destinationAddress,
    String name,
    long itemsRead,
    long itemsWritten,
    long itemsChanged,
    long itemsDropped,
    long itemsGenerated,
    FindingLog findings,
    List<String> warnings) implements AutoCloseable {

  @Override
  public void close() {
    findings.close();
  }
}
