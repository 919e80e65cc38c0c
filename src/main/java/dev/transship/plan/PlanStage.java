package dev.transship.plan;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * One stage: steps before, the Velero Restore that brings its objects (null for a stage of gates
 * only), steps after, and for a cutover stage the CronJobs and their forecast.
 */
public record PlanStage(String name, String description, int objects, List<PlanStep> before, ObjectNode restore,
    List<PlanStep> after, Cutover cutover) {

  /** The cutover of a set of CronJobs that must run in exactly one cluster. */
  public record Cutover(String set, List<String> cronJobs, CutoverForecast forecast) {}
}
