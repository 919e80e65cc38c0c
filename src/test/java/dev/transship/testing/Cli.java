package dev.transship.testing;

import dev.transship.cli.Main;
import dev.transship.cli.Wiring;
import dev.transship.restore.ClusterTimings;
import dev.transship.store.StoreClients;
import java.io.PrintWriter;
import java.io.StringWriter;

/** Runs the CLI in-process and captures what it prints. */
public final class Cli {
  public record Run(int exitCode, String out, String err) {}

  /** Runs commands wired to in-process stores or with short cluster timings. */
  public record Wired(Wiring wiring) {
    public Run run(String... args) {
      return Cli.run(wiring, args);
    }
  }

  private Cli() {}

  public static Run run(String... args) {
    return run(Wiring.DEFAULT, args);
  }

  /** Buckets through {@code clients}. */
  public static Wired using(StoreClients clients) {
    return new Wired(new Wiring(clients, Wiring.DEFAULT.timings()));
  }

  /** Clusters waited on as {@code timings} say. */
  public static Wired timed(ClusterTimings timings) {
    return new Wired(new Wiring(null, timings));
  }

  private static Run run(Wiring wiring, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true), wiring);
    return new Run(code, out.toString(), err.toString());
  }
}
