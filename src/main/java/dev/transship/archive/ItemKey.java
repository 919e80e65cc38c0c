package dev.transship.archive;

/**
 * Identifies one backed-up object the way Velero's restore does: by its group-resource directory,
 * its namespace directory ({@code null} for cluster scope) and its file name.
 */
public record ItemKey(String groupResource, String namespace, String name) {

  public boolean clusterScoped() {
    return namespace == null;
  }

  /** "deployments.apps shop/web" or "namespaces shop": for messages. */
  @Override
  public String toString() {
    return groupResource + " " + (namespace == null ? name : namespace + "/" + name);
  }
}
