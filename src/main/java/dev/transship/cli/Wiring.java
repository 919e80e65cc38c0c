package dev.transship.cli;

import dev.transship.restore.ClusterTimings;
import dev.transship.store.StoreClients;

/**
 * What a run of the CLI reaches the outside world with: clients for buckets (null: from the
 * environment) and how long to wait on clusters. {@link Main#main} uses the defaults; tests pass
 * in-process stores and short timings, per run, never through statics.
 */
public record Wiring(StoreClients clients, ClusterTimings timings) {
  public static final Wiring DEFAULT = new Wiring(null, ClusterTimings.DEFAULT);
}
