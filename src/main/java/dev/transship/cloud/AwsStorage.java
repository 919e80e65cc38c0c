package dev.transship.cloud;

import java.util.Set;

/**
 * AWS storage as Kubernetes sees it (cloud-mapping.md §4): the provisioners and CSI drivers of EBS
 * and EFS, and the storage class names EKS clusters and their docs use. The storage converter and
 * lint's storage checks ask here.
 */
public final class AwsStorage {
  /** EBS provisioners and CSI drivers; Auto Mode's EBS driver included (§4.1). */
  public static final Set<String> EBS_DRIVERS = Set.of("ebs.csi.aws.com", "ebs.csi.eks.amazonaws.com", "kubernetes.io/aws-ebs");
  public static final Set<String> EFS_DRIVERS = Set.of("efs.csi.aws.com");
  /** Class names a claim may ask for without the backup holding the class (EKS's default gp2, the EBS types, the docs' examples). */
  public static final Set<String> EKS_CLASS_NAMES = Set.of("gp2", "gp3", "io1", "io2", "st1", "sc1", "ebs-sc", "efs-sc", "auto-ebs-sc");

  private AwsStorage() {}

  public static boolean awsProvisioner(String name) {
    return EBS_DRIVERS.contains(name) || EFS_DRIVERS.contains(name);
  }
}
