package dev.transship.cli;

import dev.transship.store.StoreClients;

/** Lets tests in other packages point the CLI at in-process object stores. */
public final class TestHooks {
  private TestHooks() {}

  public static void useClients(StoreClients clients) {
    StoreOptions.override = clients;
  }
}
