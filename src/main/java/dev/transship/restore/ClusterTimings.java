package dev.transship.restore;

import java.time.Duration;

/**
 * How long transship waits on a cluster: one API request, between Lease renewals, for Velero to
 * sign a download URL. Given to each run rather than kept in statics, so tests can shorten them
 * without touching other runs.
 *
 * @param request one API request may go unanswered this long
 * @param leaseRenewal the run's Lease is renewed this often (a third of its duration)
 * @param download Velero may take this long to process a DownloadRequest (velero's CLI waits a minute too)
 */
public record ClusterTimings(Duration request, Duration leaseRenewal, Duration download) {
  public static final ClusterTimings DEFAULT =
      new ClusterTimings(Duration.ofSeconds(10), Duration.ofSeconds(RunLease.DURATION_SECONDS).dividedBy(3), Duration.ofMinutes(1));

  public ClusterTimings withRequest(Duration value) {
    return new ClusterTimings(value, leaseRenewal, download);
  }

  public ClusterTimings withLeaseRenewal(Duration value) {
    return new ClusterTimings(request, value, download);
  }

  public ClusterTimings withDownload(Duration value) {
    return new ClusterTimings(request, leaseRenewal, value);
  }
}
