package dev.transship.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.transship.testing.Backups;
import dev.transship.testing.Cli;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A rule pack from another team is data: it cannot reach files, environment variables or the
 * network, and one that would loop or eat memory stops with one clear line (exit 2) instead of
 * hanging or crashing the run. The timeouts guard against hangs; they are not speed targets.
 */
class RulePackSandboxTest {
  @TempDir Path tmp;

  private Cli.Run convertWith(String rules) throws Exception {
    Path pack = Files.writeString(tmp.resolve("pack.yaml"), "apiVersion: transship.dev/v1alpha1\nkind: RuleSet\n"
        + "metadata: {name: foreign}\nrules:\n" + rules);
    return Cli.run("convert", Backups.eksSample().toString(), "--to", tmp.resolve("out").toString(), "--name", "copy",
        "--rules", pack.toString());
  }

  private static String when(String expression) {
    return "  - name: r\n    match:\n      resources: [\"*\"]\n      when: \"" + expression.replace("\"", "\\\"") + "\"\n"
        + "    actions: [{setLabels: {hit: \"yes\"}}]\n";
  }

  private void assertStopsInOneLine(Cli.Run run, String expected) {
    assertEquals(2, run.exitCode(), run.err());
    assertEquals(1, run.err().strip().lines().count(), run.err());
    assertTrue(run.err().contains(expected), run.err());
    assertFalse(Files.exists(tmp.resolve("out/backups/copy")));
  }

  @ParameterizedTest
  @ValueSource(strings = {"env('HOME') == ''", "file('/etc/passwd') != ''", "http.get('http://127.0.0.1/') == ''",
      "getenv('HOME') == ''", "os.getenv('HOME') == ''"})
  void celHasNoWayToReadFilesEnvironmentOrNetwork(String expression) throws Exception {
    assertStopsInOneLine(convertWith(when(expression)), "undeclared reference");
  }

  @Test
  void aPlaceholderNamesAParameterNeverAnEnvironmentVariable() throws Exception {
    assertStopsInOneLine(convertWith("  - name: r\n    match: {resources: [namespaces]}\n"
        + "    actions: [{setLabels: {home: \"${HOME}\"}}]\n"), "${HOME} names no parameter of this rule pack");
    // $USER without braces is no placeholder: it stays as written.
    Cli.Run run = convertWith("  - name: r\n    match: {resources: [namespaces]}\n    actions: [{setAnnotations: {user: \"$USER\"}}]\n");
    assertEquals(0, run.exitCode(), run.err());
    String items = Backups.items(tmp.resolve("out/backups/copy/copy.tar.gz")).toString();
    assertTrue(items.contains("\"user\":\"$USER\""), "kept as written");
  }

  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void celThatWouldLoopStopsAtTheIterationLimit() throws Exception {
    String hundred = java.util.stream.IntStream.range(0, 100).mapToObj(Integer::toString)
        .collect(java.util.stream.Collectors.joining(",", "[", "]"));
    String expression = hundred + ".all(a, " + hundred + ".all(b, " + hundred + ".all(c, " + hundred + ".all(d, true))))";
    assertStopsInOneLine(convertWith(when(expression)), "limit");
  }

  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void celThatWouldBlowUpMemoryStopsAtTheSizeLimit() throws Exception {
    String expression = "'aaaaaaaaaaaaaaaa'" + ".replace('a', 'aaaaaaaaaaaaaaaa')".repeat(9) + ".size() > 0";
    assertStopsInOneLine(convertWith(when(expression)), "limit");
  }

  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void aYamlAliasBombIsRefused() throws Exception {
    StringBuilder yaml = new StringBuilder("  - name: r\n    match: {resources: [namespaces]}\n    x0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
    for (int i = 1; i < 10; i++) {
      yaml.append("    x").append(i).append(": &a").append(i).append(" [").append(String.join(", ", java.util.Collections.nCopies(9, "*a" + (i - 1))))
          .append("]\n");
    }
    yaml.append("    actions: [{setLabels: {a: b}}]\n");
    Cli.Run run = convertWith(yaml.toString());
    assertEquals(2, run.exitCode(), run.err());
    assertEquals(1, run.err().strip().lines().count(), run.err());
  }

  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void aHugeExpressionIsRefused() throws Exception {
    assertStopsInOneLine(convertWith(when("true" + " && true".repeat(20_000))), "limit");
  }
}
