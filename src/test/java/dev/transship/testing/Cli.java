package dev.transship.testing;

import dev.transship.cli.CliSettings;
import dev.transship.cli.Main;
import java.io.PrintWriter;
import java.io.StringWriter;

/** Runs the CLI in-process and captures what it prints. */
public final class Cli {
  public record Run(int exitCode, String out, String err) {}

  private Cli() {}

  public static Run run(String... args) {
    return run(CliSettings.FROM_ENVIRONMENT, args);
  }

  /** Runs with injected settings, e.g. {@code new CliSettings(inProcessStores)}. */
  public static Run run(CliSettings settings, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true), settings);
    return new Run(code, out.toString(), err.toString());
  }
}
