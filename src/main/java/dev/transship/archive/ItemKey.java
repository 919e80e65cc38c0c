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

  public boolean clusterScoped() {
    return namespace == null;
  }

  /** "deployments.apps shop/web" or "namespaces shop": for messages. */
  @Override
  public String toString() {
    return groupResource + " " + (namespace == null ? name : namespace + "/" + name);
  }
}
