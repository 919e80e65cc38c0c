package dev.transship.archive;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.transship.kube.KubeObject;

/** One item read from a tarball: where it was, its bytes as stored, and the parsed object. */
public record ArchiveItem(ItemPath path, byte[] raw, ObjectNode object) {
  public KubeObject kube() {
    return new KubeObject(object);
  }
}
