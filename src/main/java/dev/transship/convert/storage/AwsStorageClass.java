package dev.transship.convert.storage;

import dev.transship.kube.KubeObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What an AWS StorageClass provisions, read from its provisioner and parameters rather than its
 * name (cloud-mapping.md §4.1): an EBS volume type, or an EFS file system. Parameter names are
 * case-insensitive for the EBS CSI driver (its docs/parameters.md), so they are read lower-cased.
 *
 * @param service "EBS" or "EFS"
 * @param type the EBS volume type (gp3, io2, ...), empty for EFS
 * @param parameters the class's parameters, names lower-cased
 */
record AwsStorageClass(String service, String type, Map<String, String> parameters) {
  /** Parameters a GKE built-in class cannot honour: performance knobs and the AWS KMS key. */
  private static final List<String> LOST_PARAMETERS = List.of("iops", "iopsPerGB", "throughput", "blockExpress", "kmsKeyId");

  static Optional<AwsStorageClass> of(KubeObject storageClass) {
    String provisioner = storageClass.node().path("provisioner").asText("");
    Map<String, String> parameters = new TreeMap<>();
    storageClass.node().path("parameters").fields()
        .forEachRemaining(e -> parameters.put(e.getKey().toLowerCase(Locale.ROOT), e.getValue().asText("")));
    if (AwsVolume.EFS_DRIVERS.contains(provisioner)) {
      return Optional.of(new AwsStorageClass("EFS", "", parameters));
    }
    if (!AwsVolume.EBS_DRIVERS.contains(provisioner)) {
      return Optional.empty();
    }
    // The in-tree provisioner defaults to gp2, the CSI drivers to gp3.
    String fallback = provisioner.equals("kubernetes.io/aws-ebs") ? "gp2" : "gp3";
    String type = parameters.getOrDefault("type", "").toLowerCase(Locale.ROOT);
    return Optional.of(new AwsStorageClass("EBS", type.isEmpty() ? fallback : type, parameters));
  }

  boolean efs() {
    return service.equals("EFS");
  }

  /** "EBS io2, iops 16000" or "EFS", for messages. */
  String describe() {
    if (efs()) {
      return "EFS";
    }
    List<String> knobs = new ArrayList<>();
    for (String name : List.of("iops", "iopsPerGB", "throughput")) {
      String value = parameters.get(name.toLowerCase(Locale.ROOT));
      if (value != null && !value.isEmpty()) {
        knobs.add(name + " " + value);
      }
    }
    return "EBS " + type + (knobs.isEmpty() ? "" : ", " + String.join(", ", knobs));
  }

  /** The parameters set on this class that the GKE class it maps to will not honour. */
  List<String> lostParameters() {
    return LOST_PARAMETERS.stream().filter(p -> !parameters.getOrDefault(p.toLowerCase(Locale.ROOT), "").isEmpty()).toList();
  }
}
