package dev.transship.plan;

import java.util.List;

/**
 * The staged restore of one converted backup, as data: reviewable in a pull request, diffable,
 * and resumable by {@code transship restore}.
 */
public record RestorePlan(String name, String backupName, String backupLocation, String sourceContext, String targetContext,
    String veleroNamespace, List<PlanStage> stages) {
  public static final String API_VERSION = "transship.dev/v1alpha1";
  public static final String KIND = "RestorePlan";
}
