package dev.transship.convert.storage;

import com.fasterxml.jackson.databind.JsonNode;
import dev.transship.cloud.AwsStorage;
import dev.transship.kube.KubeObject;
import java.util.Optional;
import java.util.Set;

/**
 * The AWS disk or file system behind a PersistentVolume (cloud-mapping.md §4): an EBS or EFS CSI
 * volume handle, or an in-tree {@code awsElasticBlockStore} volume ID ({@code aws://zone/vol-...}).
 *
 * @param service "EBS" or "EFS"
 * @param handle the volume or file system ID
 */
record AwsVolume(String service, String handle) {
  static final Set<String> EBS_DRIVERS = AwsStorage.EBS_DRIVERS;
  static final Set<String> EFS_DRIVERS = AwsStorage.EFS_DRIVERS;

  static boolean awsProvisioner(String name) {
    return AwsStorage.awsProvisioner(name);
  }

  static Optional<AwsVolume> of(KubeObject pv) {
    JsonNode spec = pv.node().path("spec");
    String driver = spec.path("csi").path("driver").asText("");
    String handle = spec.path("csi").path("volumeHandle").asText("");
    if (EBS_DRIVERS.contains(driver)) {
      return Optional.of(new AwsVolume("EBS", handle));
    }
    if (EFS_DRIVERS.contains(driver)) {
      return Optional.of(new AwsVolume("EFS", handle));
    }
    if (spec.path("awsElasticBlockStore").isObject()) {
      String id = spec.path("awsElasticBlockStore").path("volumeID").asText("");
      return Optional.of(new AwsVolume("EBS", id.substring(id.lastIndexOf('/') + 1)));
    }
    return Optional.empty();
  }

  /** "EBS vol-0a1b", for messages. */
  @Override
  public String toString() {
    return service + " " + handle;
  }

  String what() {
    return service.equals("EFS") ? "an AWS file system" : "an AWS disk";
  }
}
