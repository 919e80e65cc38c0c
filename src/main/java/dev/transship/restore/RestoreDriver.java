package dev.transship.restore;

import dev.transship.TransshipException;
import dev.transship.plan.PlanYaml;
import dev.transship.plan.RestorePlan;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.UUID;

/**
 * {@code transship restore}: reads and checks the plan, connects to the clusters, checks the target's
 * Velero, takes the run's Lease, loads the state, and runs (or, with {@code dryRun}, prints) what is left.
 * Everything that can be wrong with the input is found before anything is written.
 */
public final class RestoreDriver {
  /** What the command line asked for. Null contexts fall back to the plan's, then to kubeconfig's current context. */
  public record Request(Path planFile, Path kubeconfig, String targetContext, String sourceContext, String veleroNamespace,
      Duration timeout, boolean resume, Set<String> approvals, boolean dryRun, boolean unsuspendOnFailure, Path dockerConfig,
      Path stateFile, ClusterTimeouts timeouts) {}

  private RestoreDriver() {}

  public static RunResult run(Request request, PrintWriter out, PrintWriter err) throws TransshipException {
    RestorePlan plan = PlanYaml.read(request.planFile());
    PlanCheck.check(request.planFile(), plan);
    Gates.checkApprovals(plan, request.approvals());
    if (!request.approvals().isEmpty() && !request.resume()) {
      throw new TransshipException("--approve continues a run: give --resume too");
    }
    String namespace = request.veleroNamespace() != null ? request.veleroNamespace() : plan.veleroNamespace();
    String targetContext = request.targetContext() != null ? request.targetContext() : plan.targetContext();
    String sourceContext = request.sourceContext() != null ? request.sourceContext() : plan.sourceContext();
    String command = "transship restore " + request.planFile() + (request.targetContext() != null ? " --target-context " + targetContext : "")
        + (request.sourceContext() != null ? " --source-context " + sourceContext : "")
        + (request.kubeconfig() != null ? " --kubeconfig " + request.kubeconfig() : "");
    RunSettings settings = new RunSettings(namespace, request.timeout(), request.resume(), request.approvals(),
        request.unsuspendOnFailure(), command);
    try (KubernetesClient target = KubeContexts.open(request.kubeconfig(), targetContext, "target", request.timeouts());
        KubernetesClient source = PlanCheck.needsSource(plan) ? KubeContexts.open(request.kubeconfig(), sourceContext, "source", request.timeouts()) : null) {
      VeleroTarget velero = new VeleroTarget(new VeleroNamespace(target, namespace), targetContext);
      velero.check();
      if (source != null) {
        checkReachable(source, sourceContext);
      }
      StateStore store = new StateStore(target, namespace, plan.name(), request.stateFile());
      if (request.dryRun()) {
        new DryRun(plan, settings, store.load().orElse(new RunState(plan.name())), velero, out).print();
        return RunResult.DONE;
      }
      PullSecretMinter.Providers providers = provider -> RegistryCredentials.forProvider(provider, request.dockerConfig());
      try (RunLease lease = RunLease.acquire(target, namespace, plan.name(), holder(), request.timeouts().leaseRenewal())) {
        RunState state = store.load().orElse(new RunState(plan.name()));
        if (!state.plan().equals(plan.name())) {
          throw new TransshipException(store.where() + " belongs to plan " + state.plan() + ", not " + plan.name());
        }
        if (!request.resume() && !state.isEmpty()) {
          throw new TransshipException("plan " + plan.name() + " has already been started (" + store.where()
              + "); continue it with --resume");
        }
        return new PlanRun(plan, target, source, settings, store, providers, out, err).run(state, velero);
      }
    }
  }

  private static void checkReachable(KubernetesClient client, String context) throws TransshipException {
    try {
      client.getKubernetesVersion();
    } catch (KubernetesClientException e) {
      throw new TransshipException("cannot reach the source cluster (context " + (context == null ? "(current)" : context) + ", "
          + client.getMasterUrl() + "): " + KubeErrors.describe(e));
    }
  }

  /** Who runs: user, host and process, and a nonce so two runs from one process never look alike. */
  private static String holder() {
    String host;
    try {
      host = InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      host = "unknown-host";
    }
    return System.getProperty("user.name", "someone") + "@" + host + " pid " + ManagementFactory.getRuntimeMXBean().getPid()
        + " run " + UUID.randomUUID().toString().substring(0, 8);
  }
}
