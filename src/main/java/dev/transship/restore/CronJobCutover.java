package dev.transship.restore;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.transship.TransshipException;
import dev.transship.kube.Json;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobCondition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Moves a set of CronJobs that must never run in two clusters: suspend them in the source, wait
 * (by watching Jobs) until none of their Jobs runs, and after the target restore check that they
 * exist there unsuspended; on failure take the target's copies away again and un-suspend the source.
 */
record CronJobCutover(KubernetesClient source, KubernetesClient target) {

  /** The JSON merge patch that (un)suspends a CronJob; {@code --dry-run} prints it. */
  static ObjectNode suspendPatch(boolean suspend) {
    ObjectNode patch = Json.object();
    patch.putObject("spec").put("suspend", suspend);
    return patch;
  }

  /** Those of the CronJobs that exist in the source and are not suspended: the ones a suspend changes. */
  List<String> runningInSource(List<String> refs) throws TransshipException {
    List<String> running = new ArrayList<>();
    for (String ref : refs) {
      CronJob cronJob = cronJob(source, ref, "source");
      if (cronJob != null && !Boolean.TRUE.equals(cronJob.getSpec().getSuspend())) {
        running.add(ref);
      }
    }
    return running;
  }

  void setSuspendedInSource(List<String> refs, boolean suspend) throws TransshipException {
    for (String ref : refs) {
      ObjectRefs.Ref r = ObjectRefs.parse(ref);
      try {
        source.batch().v1().cronjobs().inNamespace(r.namespace()).withName(r.name())
            .patch(PatchContext.of(PatchType.JSON_MERGE), Json.compact(suspendPatch(suspend)));
      } catch (KubernetesClientException e) {
        if (e.getCode() == 404) {
          continue; // deleted in the source since: nothing left to run there
        }
        throw new TransshipException("cannot " + (suspend ? "suspend" : "un-suspend") + " CronJob " + ref + " in the source: " + KubeErrors.describe(e));
      }
    }
  }

  /**
   * Waits, watching each namespace's Jobs, until no Job owned by these CronJobs is still running.
   * Throws, naming the Jobs, when the timeout passes first.
   */
  void awaitNoActiveJobs(List<String> refs, Duration timeout) throws TransshipException {
    Map<String, Set<String>> byNamespace = new LinkedHashMap<>();
    for (String ref : refs) {
      ObjectRefs.Ref r = ObjectRefs.parse(ref);
      byNamespace.computeIfAbsent(r.namespace(), n -> new TreeSet<>()).add(r.name());
    }
    long deadline = System.nanoTime() + timeout.toNanos();
    for (Map.Entry<String, Set<String>> ns : byNamespace.entrySet()) {
      CompletableFuture<List<Job>> quiet = source.batch().v1().jobs().inNamespace(ns.getKey())
          .informOnCondition(jobs -> activeJobs(jobs, ns.getValue()).isEmpty());
      try {
        quiet.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      } catch (TimeoutException e) {
        quiet.cancel(true);
        throw new TransshipException("Jobs still running in the source after " + timeout.toMinutes() + " min: " + stillActive(ns.getKey(), ns.getValue()));
      } catch (ExecutionException e) {
        throw new TransshipException("lost the watch on Jobs in the source namespace " + ns.getKey() + ": "
            + (e.getCause() instanceof KubernetesClientException k ? KubeErrors.describe(k) : e.getCause().getMessage()));
      } catch (InterruptedException e) {
        quiet.cancel(true);
        Thread.currentThread().interrupt();
        throw new TransshipException("interrupted while waiting for Jobs in the source");
      }
    }
  }

  private String stillActive(String namespace, Set<String> cronJobs) {
    try {
      return String.join(", ", activeJobs(source.batch().v1().jobs().inNamespace(namespace).list().getItems(), cronJobs).stream()
          .map(j -> namespace + "/" + j).toList());
    } catch (KubernetesClientException e) {
      return "(cannot list them: " + KubeErrors.describe(e) + ")";
    }
  }

  /** Names of unfinished Jobs owned by one of the CronJobs. */
  static List<String> activeJobs(List<Job> jobs, Set<String> cronJobs) {
    List<String> active = new ArrayList<>();
    for (Job job : jobs) {
      boolean owned = job.getMetadata().getOwnerReferences().stream()
          .anyMatch(o -> "CronJob".equals(o.getKind()) && cronJobs.contains(o.getName()));
      if (owned && !finished(job)) {
        active.add(job.getMetadata().getName());
      }
    }
    return active;
  }

  private static boolean finished(Job job) {
    if (job.getStatus() == null) {
      return false;
    }
    if (job.getStatus().getCompletionTime() != null) {
      return true;
    }
    List<JobCondition> conditions = job.getStatus().getConditions();
    return conditions != null && conditions.stream()
        .anyMatch(c -> ("Complete".equals(c.getType()) || "Failed".equals(c.getType())) && "True".equals(c.getStatus()));
  }

  /** What is wrong with the restored CronJobs in the target: missing or suspended. Empty when all run. */
  List<String> problemsInTarget(List<String> refs) throws TransshipException {
    List<String> problems = new ArrayList<>();
    for (String ref : refs) {
      CronJob cronJob = cronJob(target, ref, "target");
      if (cronJob == null) {
        problems.add("CronJob " + ref + " is not in the target");
      } else if (Boolean.TRUE.equals(cronJob.getSpec().getSuspend())) {
        problems.add("CronJob " + ref + " is suspended in the target");
      }
    }
    return problems;
  }

  /**
   * Deletes the CronJobs of the set that this Restore created in the target (Velero labels them with
   * the Restore's name), so that un-suspending the source never leaves one running in both.
   */
  List<String> removeFromTarget(List<String> refs, String restoreName) throws TransshipException {
    List<String> removed = new ArrayList<>();
    for (String ref : refs) {
      CronJob cronJob = cronJob(target, ref, "target");
      if (cronJob != null && restoreName.equals(cronJob.getMetadata().getLabels() == null ? null
          : cronJob.getMetadata().getLabels().get(VeleroApi.RESTORE_NAME_LABEL))) {
        try {
          target.resource(cronJob).delete();
        } catch (KubernetesClientException e) {
          throw new TransshipException("cannot remove CronJob " + ref + " from the target: " + KubeErrors.describe(e));
        }
        removed.add(ref);
      }
    }
    return removed;
  }

  private static CronJob cronJob(KubernetesClient client, String ref, String cluster) throws TransshipException {
    ObjectRefs.Ref r = ObjectRefs.parse(ref);
    try {
      return client.batch().v1().cronjobs().inNamespace(r.namespace()).withName(r.name()).get();
    } catch (KubernetesClientException e) {
      throw new TransshipException("cannot read CronJob " + ref + " in the " + cluster + ": " + KubeErrors.describe(e));
    }
  }
}
