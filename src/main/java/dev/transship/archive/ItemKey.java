package dev.transship.archive;

/**
 * Identifies one backed-up object the way Velero's restore does: by its group-resource directory,
 * its namespace directory ({@code null} for cluster scope) and its file name.
 */
public record ItemKey(String groupResource, String namespace, String name) {

  /** "ingresses" of "ingresses.networking.k8s.io". */
  public String resource() {
    int dot = groupResource.indexOf('.');
    return dot < 0 ? groupResource : groupResource.substring(0, dot);
  }

  /** "networking.k8s.io" of "ingresses.networking.k8s.io"; empty for the core group. */
  public String group() {
    int dot = groupResource.indexOf('.');
    return dot < 0 ? "" : groupResource.substring(dot + 1);
  }

  /**
   * The same object filed under another API group, as Velero files it once its apiVersion names that
   * group: an Ingress moved from extensions to networking.k8s.io is restored from {@code
   * ingresses.networking.k8s.io}, which the target resolves, not {@code ingresses.extensions}.
   */
  public ItemKey inGroup(String group) {
    return new ItemKey(group.isEmpty() ? resource() : resource() + "." + group, namespace, name);
  }

  /** Whether {@code other} is this object filed under another group ({@link #inGroup}). */
  public boolean isMovedFrom(ItemKey other) {
    return !equals(other) && resource().equals(other.resource()) && name.equals(other.name())
        && java.util.Objects.equals(namespace, other.namespace());
  }

  public boolean clusterScoped() {
    return namespace == null;
  }

  /** "deployments.apps shop/web" or "namespaces shop": for messages. */
  @Override
  public String toString() {
    return groupResource + " " + (namespace == null ? name : namespace + "/" + name);
  }
}
