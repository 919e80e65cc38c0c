package dev.transship.report;

import dev.transship.finding.ObjectRef;

/**
 * What happened to one object in a conversion, as the report keeps it in memory: what it is and
 * where its details (changed fields, findings) sit in the {@link ChangeStore}.
 *
 * @param status changed, dropped, generated or unchanged (listed only when it has findings)
 * @param fields how many fields changed (for a generated or dropped object, 0: its details hold its content)
 */
public record ObjectChange(ObjectRef object, String status, int fields, ChangeStore.Slot details) {
  /** The report's order: cluster-scoped first, then by namespace, kind, name and resource. */
  static int compare(ObjectChange x, ObjectChange y) {
    ObjectRef a = x.object();
    ObjectRef b = y.object();
    int c = a.namespace() == null ? (b.namespace() == null ? 0 : -1) : b.namespace() == null ? 1 : a.namespace().compareTo(b.namespace());
    if (c == 0) {
      c = a.kind().compareTo(b.kind());
    }
    if (c == 0) {
      c = a.name().compareTo(b.name());
    }
    return c != 0 ? c : a.key().groupResource().compareTo(b.key().groupResource());
  }
}
