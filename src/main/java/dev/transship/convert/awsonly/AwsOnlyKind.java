package dev.transship.convert.awsonly;

/**
 * Objects of an AWS-only API group, or one kind of it, and why GKE has no use for them.
 *
 * @param kind null for every kind of the group
 * @param action what the user must do by hand; null when dropping is all there is to it
 */
record AwsOnlyKind(String group, String kind, String reason, String action) {
  /** ACK controllers each have their own group under services.k8s.aws. */
  static final String ACK_SUFFIX = ".services.k8s.aws";

  static AwsOnlyKind of(String group, String kind, String reason) {
    return new AwsOnlyKind(group, kind, reason, null);
  }

  boolean matchesGroup(String candidate) {
    return group.equals(candidate) || (group.equals("services.k8s.aws") && candidate.endsWith(ACK_SUFFIX));
  }

  boolean matches(String candidateGroup, String candidateKind) {
    return matchesGroup(candidateGroup) && (kind == null || kind.equals(candidateKind));
  }
}
