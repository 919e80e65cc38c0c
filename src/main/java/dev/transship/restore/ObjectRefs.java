package dev.transship.restore;

import dev.transship.TransshipException;

/** The {@code namespace/name} references a plan uses for CronJobs and Secrets. */
final class ObjectRefs {
  record Ref(String namespace, String name) {
    @Override
    public String toString() {
      return namespace + "/" + name;
    }
  }

  private ObjectRefs() {}

  static Ref parse(String ref) throws TransshipException {
    int slash = ref.indexOf('/');
    if (slash < 1 || slash == ref.length() - 1 || ref.indexOf('/', slash + 1) >= 0) {
      throw new TransshipException("'" + ref + "' is not namespace/name");
    }
    return new Ref(ref.substring(0, slash), ref.substring(slash + 1));
  }
}
