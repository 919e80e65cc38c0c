package dev.transship.convert.services;

import dev.transship.finding.Severity;

/** What becomes of one AWS load-balancer annotation on GKE, as a finding. */
record AnnotationFate(Severity severity, String check, String reason, String hint) {
  static AnnotationFate dropped(String reason) {
    return new AnnotationFate(Severity.INFO, "svc-annotation-dropped", reason, "");
  }

  static AnnotationFate unsupported(String reason, String hint) {
    return new AnnotationFate(Severity.WARNING, "svc-annotation-unsupported", reason, hint);
  }
}
