package dev.transship.cloud;

/**
 * The AWS Load Balancer Controller's Ingress annotation keys that more than one part of transship
 * reads: the ALB converter, the EKS upgrade's renames and lint must spell them alike.
 */
public final class AlbAnnotationKeys {
  /** Every Ingress and Service annotation of the controller starts so. */
  public static final String PREFIX = "alb.ingress.kubernetes.io/";
  /** The IngressGroup that merges Ingresses into one ALB. */
  public static final String GROUP_NAME = PREFIX + "group.name";
  /** An explicit ALB name, unique per account and region. */
  public static final String LOAD_BALANCER_NAME = PREFIX + "load-balancer-name";

  private AlbAnnotationKeys() {}
}
