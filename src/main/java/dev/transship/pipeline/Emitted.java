package dev.transship.pipeline;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.transship.archive.ItemKey;
import dev.transship.kube.KubeObject;

/**
 * An object to write to the converted backup. {@code raw} holds the original bytes of an object no
 * rule touched, so an unchanged item is written byte for byte as Velero wrote it.
 */
public record Emitted(ItemKey key, ObjectNode object, byte[] raw) {
  public static Emitted changed(ItemKey key, ObjectNode object) {
    return new Emitted(key, object, null);
  }

  public dev.transship.finding.ObjectRef ref() {
    return dev.transship.finding.ObjectRef.of(kube(), key);
  }

  public KubeObject kube() {
    return new KubeObject(object);
  }
}
