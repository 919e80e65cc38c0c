package dev.transship.restore;

import java.time.Duration;

/**
 * How long transship waits on a cluster, passed to each run rather than kept in statics, so tests
 * shorten them for one run without touching another.
 *
 * @param request how long one API request may go unanswered (the client's default would retry ten times)
 * @param leaseRenewal how often a run's Lease is renewed (a third of its 30 s duration)
 * @param downloadProcessing how long Velero may take to sign a DownloadRequest's URL (velero's CLI waits a minute too)
 */
public record ClusterTimeouts(Duration request, Duration leaseRenewal, Duration downloadProcessing) {
  public static final ClusterTimeouts DEFAULTS = new ClusterTimeouts(Duration.ofSeconds(10),
      Duration.ofSeconds(RunLease.DURATION_SECONDS).dividedBy(3), Duration.ofMinutes(1));

  public ClusterTimeouts withRequest(Duration value) {
    return new ClusterTimeouts(value, leaseRenewal, downloadProcessing);
  }

  public ClusterTimeouts withLeaseRenewal(Duration value) {
    return new ClusterTimeouts(request, value, downloadProcessing);
  }

  public ClusterTimeouts withDownloadProcessing(Duration value) {
    return new ClusterTimeouts(request, leaseRenewal, value);
  }
}
