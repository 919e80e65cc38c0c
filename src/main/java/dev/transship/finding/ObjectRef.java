package dev.transship.finding;

import dev.transship.archive.ItemKey;
import dev.transship.archive.ItemPath;
import dev.transship.kube.KubeObject;

/** Names the object a finding is about, and where it sits in the backup. */
public record ObjectRef(String apiVersion, String kind, ItemKey key) {

  public static ObjectRef of(KubeObject object, ItemKey key) {
    return new ObjectRef(object.apiVersion(), object.kind(), key);
  }

  public String namespace() {
    return key.namespace();
  }

  public String name() {
    return key.name();
  }

  /** The legacy item path inside the tarball, e.g. {@code resources/ingresses.networking.k8s.io/namespaces/shop/web.json}. */
  public String itemPath() {
    return ItemPath.legacy(key).entryName();
  }

  /** "Ingress shop/web". */
  @Override
  public String toString() {
    return kind + " " + (key.namespace() == null ? key.name() : key.namespace() + "/" + key.name());
  }
}
