package dev.transship.cli;

import dev.transship.restore.ClusterTimeouts;
import dev.transship.store.StoreClients;
import picocli.CommandLine;

/**
 * What a run of the CLI takes from outside its arguments, injected into the commands rather than set
 * in statics, so tests in parallel can point different runs at different in-process stores.
 *
 * @param stores the object store clients; null builds them from the environment and --s3-* options
 * @param clusterTimeouts how long to wait on clusters (restore, velero:// backups)
 */
public record CliSettings(StoreClients stores, ClusterTimeouts clusterTimeouts) {
  public static final CliSettings FROM_ENVIRONMENT = new CliSettings(null, ClusterTimeouts.DEFAULTS);

  /** In-process object stores, default cluster timeouts. */
  public CliSettings(StoreClients stores) {
    this(stores, ClusterTimeouts.DEFAULTS);
  }

  public CliSettings withClusterTimeouts(ClusterTimeouts timeouts) {
    return new CliSettings(stores, timeouts);
  }

  /** Creates commands and their option mixins with these settings. */
  CommandLine.IFactory factory() {
    return new CommandLine.IFactory() {
      @Override
      public <K> K create(Class<K> type) throws Exception {
        if (type == StoreOptions.class) {
          return type.cast(new StoreOptions(stores, clusterTimeouts));
        }
        if (type == RestoreCommand.class) {
          return type.cast(new RestoreCommand(clusterTimeouts));
        }
        return CommandLine.defaultFactory().create(type);
      }
    };
  }
}
