package dev.transship.convert.apiversions;

import java.util.ArrayList;
import java.util.List;

/** What a {@link SchemaChange} did to one object: field changes, behaviour to warn about, or a reason to drop it. */
final class ConversionNotes {
  private final List<String> changes = new ArrayList<>();
  private final List<String> warnings = new ArrayList<>();
  private String dropReason;

  /** A field renamed, moved, filled in or removed, e.g. "spec.backend -> spec.defaultBackend". */
  void changed(String what) {
    if (!changes.contains(what)) {
      changes.add(what);
    }
  }

  /** Something that behaves differently under the replacement version. */
  void warn(String what) {
    warnings.add(what);
  }

  /** The object must not be restored at all (it would do harm under the replacement, and did nothing before). */
  void drop(String reason) {
    dropReason = reason;
  }

  List<String> changes() {
    return changes;
  }

  List<String> warnings() {
    return warnings;
  }

  String dropReason() {
    return dropReason;
  }
}
