package dev.transship.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.transship.store.StoreClients;
import dev.transship.testing.Cli;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;

class MainTest {
  @Test
  void aBugExitsApartFromFindingsAndBadInput() {
    // An S3 client that fails the way only a bug would: not an SDK error the store can explain.
    S3Client broken = (S3Client) Proxy.newProxyInstance(S3Client.class.getClassLoader(), new Class<?>[] {S3Client.class}, (proxy, method, args) -> {
      throw new IllegalStateException("boom");
    });
    var run = Cli.using(new StoreClients(() -> broken, () -> null)).run("lint", "s3://bucket/backups/nightly", "--target", "gke");
    assertEquals(ExitCodes.INTERNAL, run.exitCode(), run.err());
    assertTrue(run.err().startsWith("transship: internal error, please report it with this trace:"), run.err());
    assertTrue(run.err().contains("IllegalStateException: boom"), run.err());
  }

  @Test
  void badInputStaysExitTwoWithOneLine() {
    var run = Cli.run("lint", "/no/such/backup.tar.gz");
    assertEquals(ExitCodes.BAD_INPUT, run.exitCode());
    assertEquals(1, run.err().strip().lines().count(), run.err());
  }

  @Test
  void completionScriptKnowsEveryCommandAndOptionAndIsValidBash() throws Exception {
    var run = Cli.run("generate-completion");
    assertEquals(0, run.exitCode(), run.err());
    for (String word : new String[] {"inspect", "lint", "convert", "restore", "--output-file", "--fail-on", "--copy-volume-data", "--approve"}) {
      assertTrue(run.out().contains(word), word);
    }
    java.nio.file.Path script = java.nio.file.Files.createTempFile("transship-completion", ".bash");
    try {
      java.nio.file.Files.writeString(script, run.out());
      Process bash = new ProcessBuilder("bash", "-n", script.toString()).redirectErrorStream(true).start();
      String errors = new String(bash.getInputStream().readAllBytes());
      assertEquals(0, bash.waitFor(), errors);
    } finally {
      java.nio.file.Files.delete(script);
    }
  }

  @Test
  void everyCommandSummaryIsAWholeSentence() {
    int checked = summariesOf(List.of());
    assertTrue(checked >= 13, "commands and subcommands checked: " + checked);
  }

  @Test
  void commandsOneByOneSayWhatTheySayAmongAll() {
    // A command line naming a subcommand builds only that one; help builds them all.
    var all = Cli.run("--help");
    for (String name : List.of("inspect", "lint", "convert", "plan", "restore", "rules", "pack", "ls")) {
      assertTrue(all.out().contains("\n  " + name + " "), "help lists " + name);
      var alone = Cli.run(name, "--help");
      var viaHelp = Cli.run("help", name);
      assertEquals(0, alone.exitCode(), alone.err());
      assertEquals(viaHelp.out(), alone.out(), name);
      assertTrue(Cli.run(name, "-V").out().startsWith("transship "), name + " -V");
    }
    var typo = Cli.run("lnt", "backup");
    assertEquals(ExitCodes.BAD_INPUT, typo.exitCode());
    assertTrue(typo.err().contains("did you mean lint?"), typo.err());
  }

  /** Checks the summaries a command's help lists for its subcommands, and theirs in turn; returns how many. */
  private static int summariesOf(List<String> command) {
    List<String> args = new ArrayList<>(command);
    args.add("--help");
    var run = Cli.run(args.toArray(String[]::new));
    assertEquals(0, run.exitCode(), run.err());
    int at = run.out().indexOf("Commands:");
    if (at < 0) {
      return 0;
    }
    int checked = 0;
    // a summary is the first line of a command's description; help prints it wrapped, so join its lines first
    for (String line : run.out().substring(at).replaceAll("\n {10,}", " ").lines().skip(1).filter(l -> l.startsWith("  ")).toList()) {
      String name = line.strip().split("\\s+")[0];
      assertTrue(line.strip().endsWith("."), "cut mid-sentence: " + String.join(" ", command) + " " + line.strip());
      checked++;
      if (!name.equals("help") && !name.equals("generate-completion")) {
        List<String> sub = new ArrayList<>(command);
        sub.add(name);
        checked += summariesOf(sub);
      }
    }
    return checked;
  }
}
