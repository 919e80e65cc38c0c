package dev.transship.testing;

import dev.transship.cli.Main;
import dev.transship.store.StoreClients;
import java.io.PrintWriter;
import java.io.StringWriter;

/** Runs the CLI in-process and captures what it prints. */
public final class Cli {
  public record Run(int exitCode, String out, String err) {}

  /** Runs commands whose buckets are reached through given clients (in-process stores). */
  public record WithClients(StoreClients clients) {
    public Run run(String... args) {
      return Cli.run(clients, args);
    }
  }

  private Cli() {}

  public static Run run(String... args) {
    return run(null, args);
  }

  public static WithClients using(StoreClients clients) {
    return new WithClients(clients);
  }

  private static Run run(StoreClients clients, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true), clients);
    return new Run(code, out.toString(), err.toString());
  }
}
