package dev.transship.restore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.transship.archive.Gzip;
import dev.transship.plan.PlanStep;
import dev.transship.testing.Backups;
import dev.transship.testing.Cli;
import dev.transship.testing.ReportPages;
import dev.transship.testing.TarBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Plants canary values wherever a backup or a restore holds a secret, runs every command in every
 * output format (in-process, and in a JVM logging at TRACE so every library's debug output is
 * seen too) and fails if any canary shows up in what a person or a CI log would see.
 */
class SecretCanaryTest {
  @TempDir Path dir;
  private RestoreBed bed;
  /** Where each canary was planted, to its value; every value carries a random core. */
  private final Map<String, String> canaries = new LinkedHashMap<>();
  private final List<String> outputsChecked = new ArrayList<>();

  @BeforeEach
  void setUp() throws Exception {
    bed = new RestoreBed(dir.resolve("bed"), true);
  }

  @AfterEach
  void tearDown() {
    bed.close();
  }

  private String canary(String where) {
    String value = "cnry" + String.format("%016x", ThreadLocalRandom.current().nextLong());
    canaries.put(where, value);
    return value;
  }

  private static String b64(String s) {
    return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
  }

  /** Helm 3 stores a release as base64(gzip(JSON)) inside the Secret's (base64) data. */
  private static String helmRelease(String json) {
    return Base64.getEncoder().encodeToString(Base64.getEncoder().encode(Gzip.compress(json.getBytes(StandardCharsets.UTF_8))));
  }

  private Path canaryBackup() throws IOException {
    String ecr = "123456789012.dkr.ecr.us-east-1.amazonaws.com";
    String dataValue = canary("Secret data");
    String stringDataValue = canary("Secret stringData");
    String lastApplied = canary("last-applied-configuration");
    String dockerPassword = canary("dockerconfigjson auth");
    String helmValue = canary("Helm release payload");
    String envValue = canary("environment value");
    String droppedValue = canary("dropped Secret data");
    String lastAppliedJson = "{\"apiVersion\":\"v1\",\"kind\":\"Secret\",\"metadata\":{\"name\":\"api-db\",\"namespace\":\"shop\"},"
        + "\"data\":{\"password\":\"" + b64(lastApplied) + "\"}}";
    String dockerConfig = "{\"auths\":{\"" + ecr + "\":{\"username\":\"AWS\",\"password\":\"" + dockerPassword + "\",\"auth\":\""
        + b64("AWS:" + dockerPassword) + "\"}}}";
    String release = "{\"name\":\"web\",\"namespace\":\"shop\",\"config\":{\"dbPassword\":\"" + helmValue + "\"},"
        + "\"manifest\":\"apiVersion: v1\\nkind: Secret\\nstringData:\\n  password: " + helmValue + "\\n\"}";
    byte[] tarball = new TarBuilder()
        .file("metadata/version", "1.1.0")
        .file("resources/namespaces/cluster/shop.json", TarBuilder.item("v1", "Namespace", null, "shop"))
        .file("resources/secrets/namespaces/shop/api-db.json", "{\"apiVersion\":\"v1\",\"kind\":\"Secret\",\"type\":\"Opaque\","
            + "\"metadata\":{\"name\":\"api-db\",\"namespace\":\"shop\",\"annotations\":{\"kubectl.kubernetes.io/last-applied-configuration\":"
            + quoteJson(lastAppliedJson) + "}},\"data\":{\"password\":\"" + b64(dataValue) + "\"},\"stringData\":{\"token\":\""
            + stringDataValue + "\"}}")
        .file("resources/secrets/namespaces/shop/regcred.json", "{\"apiVersion\":\"v1\",\"kind\":\"Secret\","
            + "\"type\":\"kubernetes.io/dockerconfigjson\",\"metadata\":{\"name\":\"regcred\",\"namespace\":\"shop\"},"
            + "\"data\":{\".dockerconfigjson\":\"" + b64(dockerConfig) + "\"}}")
        .file("resources/secrets/namespaces/shop/old-token.json", "{\"apiVersion\":\"v1\",\"kind\":\"Secret\",\"type\":\"Opaque\","
            + "\"metadata\":{\"name\":\"old-token\",\"namespace\":\"shop\"},\"data\":{\"token\":\"" + b64(droppedValue) + "\"}}")
        .file("resources/secrets/namespaces/shop/sh.helm.release.v1.web.v1.json", "{\"apiVersion\":\"v1\",\"kind\":\"Secret\","
            + "\"type\":\"helm.sh/release.v1\",\"metadata\":{\"name\":\"sh.helm.release.v1.web.v1\",\"namespace\":\"shop\","
            + "\"labels\":{\"owner\":\"helm\",\"name\":\"web\",\"status\":\"deployed\",\"version\":\"1\"}},"
            + "\"data\":{\"release\":\"" + helmRelease(release) + "\"}}")
        .file("resources/deployments.apps/namespaces/shop/web.json", "{\"apiVersion\":\"apps/v1\",\"kind\":\"Deployment\","
            + "\"metadata\":{\"name\":\"web\",\"namespace\":\"shop\",\"annotations\":{\"eks.amazonaws.com/role-arn\":"
            + "\"arn:aws:iam::123456789012:role/web\"}},\"spec\":{\"replicas\":1,\"selector\":{\"matchLabels\":{\"app\":\"web\"}},"
            + "\"template\":{\"metadata\":{\"labels\":{\"app\":\"web\"}},\"spec\":{\"imagePullSecrets\":[{\"name\":\"regcred\"}],"
            + "\"containers\":[{\"name\":\"web\",\"image\":\"" + ecr + "/web:1.4\",\"env\":[{\"name\":\"DB_PASSWORD\",\"value\":\""
            + envValue + "\"}]}]}}}}")
        .build();
    return Files.write(dir.resolve("canary.tar.gz"), tarball);
  }

  private static String quoteJson(String s) {
    return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }

  @Test
  void noCanaryAppearsInAnyOutput() throws Exception {
    Path backup = canaryBackup();
    String rules = Backups.repoRoot().resolve("rules/eks-to-gke.yaml").toString();
    Path out = Files.createDirectories(dir.resolve("out"));
    // A pack that touches every Secret and Deployment, so reports and diffs show them, copies a
    // value into an annotation the way a careless rule would, and drops a Secret (a report shows
    // what a drop left out).
    String touching = Files.writeString(dir.resolve("touch.yaml"), """
        apiVersion: transship.dev/v1alpha1
        kind: RuleSet
        metadata: {name: touch}
        rules:
          - name: label-secrets
            match: {resources: [secrets]}
            actions: [{setLabels: {touched: "yes"}}]
          - name: copy-password
            match: {resources: [secrets], names: api-db}
            actions: [{jsonPatch: [{op: copy, from: /data/password, path: /metadata/annotations/copied}]}]
          - name: drop-old-token
            match: {resources: [secrets], names: old-token}
            actions: [{drop: {reason: not used any more}}]
          - name: label-deployments
            match: {resources: [deployments.apps]}
            actions: [{setLabels: {touched: "yes"}}]
        """).toString();
    List<String[]> runs = new ArrayList<>();
    runs.add(new String[] {"inspect", backup.toString()});
    runs.add(new String[] {"inspect", backup.toString(), "-o", "json"});
    for (String format : List.of("text", "json", "sarif", "junit", "github")) {
      runs.add(new String[] {"lint", backup.toString(), "--target", "gke", "--target-version", "1.32", "--fail-on", "never",
          "--format", format, "--rules", rules, "--rules", touching, "--set", "gcpProject=acme-prod"});
      runs.add(new String[] {"lint", backup.toString(), "--target", "eks", "--fail-on", "never", "--format", format,
          "--output-file", out.resolve("lint-" + format + ".out").toString()});
    }
    Path plan = out.resolve("plan.yaml");
    runs.add(new String[] {"convert", "--fail-on", "never", backup.toString(), "--to", dir.resolve("converted").toString(), "--name", "copy",
        "--rules", rules, "--rules", touching, "--set", "gcpProject=acme-prod", "--report", out.resolve("report.html").toString(), "--plan", plan.toString()});
    runs.add(new String[] {"convert", "--fail-on", "never", backup.toString(), "--to", dir.resolve("converted-json").toString(), "--name", "copy",
        "--rules", rules, "--rules", touching, "--set", "gcpProject=acme-prod", "--report", out.resolve("report.json").toString(), "--on-error", "report"});
    runs.add(new String[] {"convert", "--fail-on", "never", backup.toString(), "--to", dir.resolve("dry").toString(), "--name", "copy",
        "--rules", rules, "--rules", touching, "--set", "gcpProject=acme-prod", "--dry-run"});
    runs.add(new String[] {"plan", dir.resolve("converted/backups/copy").toString(), "--output-file", out.resolve("replanned.yaml").toString()});
    runs.add(new String[] {"plan", "show", plan.toString()});
    runs.add(new String[] {"plan", "show", plan.toString(), "--format", "mermaid"});

    List<String> leaks = new ArrayList<>();
    for (String[] args : runs) {
      Cli.Run run = Cli.run(args);
      assertTrue(run.exitCode() == 0, String.join(" ", args) + ": " + run.err());
      scan(String.join(" ", args), run.out() + run.err(), leaks);
    }
    // The same commands again in a JVM logging everything at TRACE: AWS SDK, fabric8, our own.
    for (String[] args : runs.subList(0, 6)) {
      scan("TRACE " + String.join(" ", args), traced(args), leaks);
    }
    scan("TRACE convert", traced("convert", "--fail-on", "never", backup.toString(), "--to", dir.resolve("converted-traced").toString(), "--name", "copy",
        "--rules", rules, "--rules", touching, "--set", "gcpProject=acme-prod", "--report", out.resolve("traced.json").toString()), leaks);
    scanFiles(out, leaks);
    // The report shows the dropped Secret whole, so the scan above saw its content, redacted.
    String dropped = "";
    for (var object : dev.transship.kube.Json.MAPPER.readTree(out.resolve("report.json").toFile()).path("objects")) {
      dropped = object.path("object").asText().equals("Secret shop/old-token") ? object.path("status").asText() + " "
          + object.at("/content/data/token").asText() : dropped;
    }
    assertTrue(dropped.startsWith("dropped (redacted, "), "the dropped Secret in the report: " + dropped);
    // The converted backup holds the Secrets (Velero must restore them): proof that the canaries
    // were planted where the commands read, and that the scan recognises them.
    List<String> planted = new ArrayList<>();
    scan("converted backup", Backups.items(dir.resolve("converted/backups/copy/copy.tar.gz")).values().toString(), planted);
    // (the ECR pull secret is stored base64 inside base64; the pack drops it, the plan mints a new one)
    for (String where : List.of("Secret data", "Secret stringData", "last-applied-configuration", "environment value")) {
      assertTrue(planted.stream().anyMatch(l -> l.contains("the " + where + " canary")), where + " not found in " + planted);
    }
    outputsChecked.remove(outputsChecked.size() - 1);
    // Its side files must not hold them.
    try (Stream<Path> files = Files.list(dir.resolve("converted/backups/copy"))) {
      for (Path file : files.filter(f -> !f.getFileName().toString().equals("copy.tar.gz")).toList()) {
        scan(file.toString(), read(file), leaks);
      }
    }

    // restore: the dry run, and a real run minting pull secrets from credentials holding a canary.
    Path dockerConfig = dir.resolve("docker-config.json");
    String credential = canary("pull-secret credentials");
    Files.writeString(dockerConfig, "{\"auths\":{\"registry.example.com\":{\"auth\":\"" + b64("robot:" + credential) + "\"}}}");
    bed.syncBackup();
    Path restorePlan = bed.writePlan(RestoreBed.stage("config", List.of(new PlanStep.RegeneratePullSecrets(List.of("shop/regcred"),
        "registry.example.com", "dockerconfig"))), RestoreBed.stage("workloads", List.of()));
    String[] dryRun = {"restore", restorePlan.toString(), "--kubeconfig", bed.kubeconfig.toString(), "--docker-config",
        dockerConfig.toString(), "--timeout", "20s", "--dry-run"};
    Cli.Run dry = Cli.run(dryRun);
    assertEquals(0, dry.exitCode(), dry.err());
    scan("restore --dry-run", dry.out() + dry.err(), leaks);
    scan("TRACE restore --dry-run", traced(dryRun), leaks);
    String[] real = java.util.Arrays.copyOf(dryRun, dryRun.length - 1);
    String tracedRun = traced(real);
    scan("TRACE restore", tracedRun, leaks);
    assertTrue(bed.target.secrets().inNamespace("shop").withName("regcred").get() != null, "the run minted the pull secret: " + tracedRun);
    scan("restore state file", Files.readString(dir.resolve("bed/plan.yaml.state.json")), leaks);
    scan("restore state ConfigMap", bed.target.configMaps().inNamespace("velero").list().getItems().toString(), leaks);
    scan("Velero Restores", bed.restores().toString(), leaks);

    System.out.println("secret canaries: " + canaries.size() + " planted, " + outputsChecked.size() + " outputs scanned, "
        + leaks.size() + " found");
    assertTrue(outputsChecked.size() > 30, "checked " + outputsChecked.size() + " outputs");
    assertTrue(leaks.isEmpty(), canaries.size() + " canaries, " + outputsChecked.size() + " outputs, leaks:\n" + String.join("\n", leaks));
  }

  /** Fails the scan on each canary's random core, and on the base64 forms a backup stores it in. */
  private void scan(String what, String text, List<String> leaks) {
    outputsChecked.add(what);
    canaries.forEach((where, value) -> {
      for (String form : List.of(value.substring(4), b64(value), b64("AWS:" + value), b64("robot:" + value))) {
        int at = text.indexOf(form);
        if (at >= 0) {
          leaks.add(what + ": the " + where + " canary: ..." + text.substring(Math.max(0, at - 120), Math.min(text.length(), at + 60)) + "...");
          return;
        }
      }
    });
  }

  private void scanFiles(Path folder, List<String> leaks) throws IOException {
    try (Stream<Path> files = Files.walk(folder)) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        scan(file.getFileName().toString(), read(file), leaks);
      }
    }
  }

  private static String read(Path file) throws IOException {
    byte[] bytes = Files.readAllBytes(file);
    String text = new String(file.toString().endsWith(".gz") ? Gzip.decompress(bytes) : bytes, StandardCharsets.UTF_8);
    // The HTML report packs its rows: scan them unpacked.
    return file.toString().endsWith(".html") ? ReportPages.readable(text) : text;
  }

  /** Runs the CLI in a fresh JVM with every logger at TRACE; returns all it printed. */
  private String traced(String... args) {
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), "-Dorg.slf4j.simpleLogger.defaultLogLevel=trace",
        "-Daws.region=us-east-1", "-Daws.accessKeyId=test", "-Daws.secretAccessKey=test", "-Daws.disableEc2Metadata=true",
        "dev.transship.cli.Main"));
    command.addAll(List.of(args));
    try {
      Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
      byte[] output = process.getInputStream().readAllBytes();
      assertTrue(process.waitFor(120, TimeUnit.SECONDS));
      String text = new String(output, StandardCharsets.UTF_8);
      assertEquals(0, process.exitValue(), String.join(" ", args) + ":\n" + text);
      assertTrue(!args[0].equals("restore") || text.contains("DEBUG") || text.contains("TRACE"), "logging at TRACE: " + text);
      return text;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }
}
