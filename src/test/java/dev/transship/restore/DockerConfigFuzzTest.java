package dev.transship.restore;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.transship.TransshipException;
import dev.transship.testing.Backups;
import dev.transship.testing.Cli;
import dev.transship.testing.FuzzInputs;
import dev.transship.testing.TarBuilder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;

/**
 * The {@code dockerconfigjson} decoders on mutated configs: the credentials file restore mints pull
 * secrets from, and a backed-up pull secret through lint and convert. Each reads the login or
 * refuses in one line, never crashes, and never quotes the password while refusing.
 */
public class DockerConfigFuzzTest {
  private static final String REGISTRY = "123456789012.dkr.ecr.us-east-1.amazonaws.com";
  private static final String PASSWORD = "pw-9d1c4e7a0b3f";
  private static final String CONFIG = "{\"auths\":{\"" + REGISTRY + "\":{\"username\":\"AWS\",\"password\":\"" + PASSWORD + "\","
      + "\"auth\":\"" + Base64.getEncoder().encodeToString(("AWS:" + PASSWORD).getBytes(StandardCharsets.UTF_8)) + "\"},"
      + "\"https://index.docker.io/v1/\":{\"auth\":\"" + Base64.getEncoder().encodeToString("robot:x".getBytes(StandardCharsets.UTF_8))
      + "\"}}}";
  private static final Path DIR;

  static {
    try {
      DIR = Files.createTempDirectory("transship-fuzz-dockerconfig");
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** Found writing this fuzz test's oracle: Jackson's message quoted the unquoted password it choked on. */
  @org.junit.jupiter.api.Test
  void aConfigThatIsNotJsonIsRefusedWithoutQuotingIt() throws IOException {
    Path file = Files.writeString(DIR.resolve("broken.json"), CONFIG.replace("\"" + PASSWORD + "\"", PASSWORD));
    TransshipException e = org.junit.jupiter.api.Assertions.assertThrows(TransshipException.class,
        () -> RegistryCredentials.dockerConfig(file, REGISTRY));
    org.junit.jupiter.api.Assertions.assertFalse(e.getMessage().contains(PASSWORD), e.getMessage());
    org.junit.jupiter.api.Assertions.assertTrue(e.getMessage().contains("not valid JSON at line 1"), e.getMessage());
  }

  @FuzzTest(maxDuration = "10m")
  void decodesOrRefusesMutatedConfigs(FuzzedDataProvider data) throws IOException {
    target(data);
  }

  /** One execution; {@link dev.transship.fuzz.AllTargetsFuzzTest} calls it too. */
  public static void target(FuzzedDataProvider data) throws IOException {
    String config = data.consumeBoolean() ? FuzzInputs.mutateText(CONFIG.replace(",", ",\n"), data) : FuzzInputs.mutateText(CONFIG, data);
    Path file = Files.writeString(DIR.resolve("config.json"), config);
    try {
      RegistryCredentials.dockerConfig(file, REGISTRY);
    } catch (TransshipException e) {
      if (e.getMessage().contains(PASSWORD.substring(3))) {
        throw new AssertionError("the refusal quotes the password: " + e.getMessage());
      }
    }
    String secret = "{\"apiVersion\":\"v1\",\"kind\":\"Secret\",\"type\":\"kubernetes.io/dockerconfigjson\","
        + "\"metadata\":{\"name\":\"regcred\",\"namespace\":\"shop\"},\"data\":{\".dockerconfigjson\":\""
        + Base64.getEncoder().encodeToString(config.getBytes(StandardCharsets.UTF_8)) + "\"}}";
    Path backup = Files.write(DIR.resolve("backup.tar.gz"), new TarBuilder().file("metadata/version", "1.1.0")
        .file("resources/namespaces/cluster/shop.json", TarBuilder.item("v1", "Namespace", null, "shop"))
        .file("resources/secrets/namespaces/shop/regcred.json", secret).build());
    for (Cli.Run run : new Cli.Run[] {
        Cli.run("lint", backup.toString(), "--target", "gke", "--fail-on", "never"),
        Cli.run("convert", backup.toString(), "--to", DIR.resolve("out").toString(), "--name", "copy", "--dry-run",
            "--rules", Backups.repoRoot().resolve("rules/eks-to-gke.yaml").toString(), "--set", "gcpProject=acme-prod")}) {
      FuzzInputs.assertAnswered(run, config);
      if ((run.out() + run.err()).contains(PASSWORD.substring(3))) {
        throw new AssertionError("the password was shown:\n" + run.out() + run.err());
      }
    }
  }
}
