package dev.transship.restore;

import dev.transship.TransshipException;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.api.model.coordination.v1.LeaseBuilder;
import io.fabric8.kubernetes.api.model.coordination.v1.LeaseList;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.NonNamespaceOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * One run of a plan at a time: a {@code coordination.k8s.io/v1} Lease in the target's Velero
 * namespace, renewed while the run lives. A Lease held by another holder and renewed within its
 * duration refuses the run; one left by a run that died expires and is taken over.
 */
final class RunLease implements AutoCloseable {
  static final int DURATION_SECONDS = 30;

  private final NonNamespaceOperation<Lease, LeaseList, Resource<Lease>> leases;
  private final Resource<Lease> lease;
  private final String holder;
  private final String where;
  private ScheduledExecutorService renewer;

  private RunLease(NonNamespaceOperation<Lease, LeaseList, Resource<Lease>> leases, String name, String holder, String where) {
    this.leases = leases;
    this.lease = leases.withName(name);
    this.holder = holder;
    this.where = where;
  }

  static String leaseName(String planName) {
    return "transship-" + planName;
  }

  /** Takes the Lease for this plan, or refuses (one line naming who holds it) when another run holds it. */
  static RunLease acquire(KubernetesClient target, String namespace, String planName, String holder, Duration renewEvery)
      throws TransshipException {
    String name = leaseName(planName);
    RunLease run = new RunLease(target.leases().inNamespace(namespace), name, holder, "Lease " + namespace + "/" + name);
    run.take(planName, namespace);
    run.renewer = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "transship-lease");
      t.setDaemon(true);
      return t;
    });
    run.renewer.scheduleAtFixedRate(run::renew, renewEvery.toMillis(), renewEvery.toMillis(), TimeUnit.MILLISECONDS);
    return run;
  }

  private void take(String planName, String namespace) throws TransshipException {
    try {
      Lease current = lease.get();
      ZonedDateTime now = now();
      if (current == null) {
        lease.create(new LeaseBuilder().withNewMetadata().withName(leaseName(planName)).withNamespace(namespace)
            .addToLabels(RestoreObjects.MANAGED_BY, "transship").addToAnnotations(RestoreObjects.PLAN_ANNOTATION, planName).endMetadata()
            .withNewSpec().withHolderIdentity(holder).withLeaseDurationSeconds(DURATION_SECONDS).withAcquireTime(now).withRenewTime(now)
            .endSpec().build());
        return;
      }
      String other = current.getSpec() == null ? null : current.getSpec().getHolderIdentity();
      Instant expires = expiry(current);
      if (other != null && !other.isEmpty() && expires.isAfter(Instant.now())) {
        throw new TransshipException("plan " + planName + " is already being run by " + other + " (" + where + ", held until "
            + expires + " unless renewed); wait for that run, or if it died, retry after that time");
      }
      current.getSpec().setHolderIdentity(holder);
      current.getSpec().setLeaseDurationSeconds(DURATION_SECONDS);
      current.getSpec().setAcquireTime(now);
      current.getSpec().setRenewTime(now);
      leases.resource(current).update(); // carries the resourceVersion read above: a racing taker gets a conflict
    } catch (KubernetesClientException e) {
      if (e.getCode() == 409) {
        throw new TransshipException("plan " + planName + " was just taken by another run (" + where + "); wait for that run");
      }
      throw new TransshipException("cannot take " + where + ": " + KubeErrors.describe(e));
    }
  }

  private static Instant expiry(Lease lease) {
    if (lease.getSpec() == null || lease.getSpec().getRenewTime() == null) {
      return Instant.EPOCH;
    }
    int seconds = lease.getSpec().getLeaseDurationSeconds() == null ? DURATION_SECONDS : lease.getSpec().getLeaseDurationSeconds();
    return lease.getSpec().getRenewTime().toInstant().plusSeconds(seconds);
  }

  private static ZonedDateTime now() {
    return ZonedDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
  }

  private void renew() {
    try {
      lease.edit(l -> {
        if (holder.equals(l.getSpec().getHolderIdentity())) {
          l.getSpec().setRenewTime(now());
        }
        return l;
      });
    } catch (RuntimeException e) {
      // The next renewal tries again; a run that cannot renew for a whole duration may be taken over.
    }
  }

  /** Gives the Lease up, if still ours, so the next run need not wait for it to expire. */
  @Override
  public void close() {
    if (renewer != null) {
      renewer.shutdownNow();
    }
    try {
      Lease current = lease.get();
      if (current != null && current.getSpec() != null && holder.equals(current.getSpec().getHolderIdentity())) {
        lease.delete();
      }
    } catch (KubernetesClientException e) {
      // It expires by itself.
    }
  }
}
