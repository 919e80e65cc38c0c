package dev.transship.convert;

import dev.transship.finding.Finding;
import java.util.List;

/** What a conversion did: counts, findings and per-object changes for the report. */
public record ConversionResult(
    String sourceAddress,
    String destinationAddress,
    String name,
    long itemsRead,
    long itemsWritten,
    long itemsChanged,
    long itemsDropped,
    long itemsGenerated,
    List<Finding> findings,
    List<String> warnings) {}
