package dev.transship.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.transship.TransshipException;
import dev.transship.archive.VeleroLayout;
import dev.transship.kube.Json;
import dev.transship.testing.Backups;
import dev.transship.testing.Cli;
import dev.transship.testing.InProcessS3;
import dev.transship.testing.TarBuilder;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * A convert killed at any moment leaves nothing Velero's backup sync would import half-written,
 * and the rerun succeeds and removes what the killed run left. Kills are real SIGKILLs of a
 * transship JVM at spread-out moments (to a folder and to S3), plus a death at every step of a
 * bucket upload, where a timed kill rarely lands.
 */
class CrashSafetyTest {
  private static final int TIMED_KILLS = 8;
  @RegisterExtension static final InProcessS3 s3Server = new InProcessS3();
  @TempDir Path tmp;

  private static S3Client client() {
    return s3Server.client();
  }

  /** A backup big enough that a convert takes a while: thousands of ConfigMaps. */
  private Path bigBackup() throws IOException {
    TarBuilder tar = new TarBuilder().file("metadata/version", "1.1.0")
        .file("resources/namespaces/cluster/shop.json", TarBuilder.item("v1", "Namespace", null, "shop"));
    String padding = "x".repeat(2000);
    for (int i = 0; i < 6000; i++) {
      tar.file("resources/configmaps/namespaces/shop/cm-" + i + ".json", "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\","
          + "\"metadata\":{\"name\":\"cm-" + i + "\",\"namespace\":\"shop\"},\"data\":{\"k\":\"" + i + padding + "\"}}");
    }
    return Files.write(tmp.resolve("big.tar.gz"), tar.build());
  }

  private static final int BIG_ITEMS = 6001;

  @Test
  void aKilledConvertToAFolderNeverLeavesAnImportableHalfBackup() throws Exception {
    Path backup = bigBackup();
    Path dest = tmp.resolve("loc");
    List<String> convert = List.of("convert", backup.toString(), "--to", dest.toString(), "--name", "copy");
    runKillSweep(convert, () -> new FolderView(dest), "local");
  }

  @Test
  void aKilledConvertToS3NeverLeavesAnImportableHalfBackup() throws Exception {
    Path backup = bigBackup();
    try (S3Client s3 = client()) {
      s3.createBucket(b -> b.bucket("velero"));
      List<String> convert = List.of("convert", backup.toString(), "--to", "s3://velero/prod", "--name", "copy",
          "--s3-endpoint", s3Server.endpoint().toString(), "--s3-region", "us-east-1");
      runKillSweep(convert, () -> new StoreView(new S3Store(s3, "velero", "prod")), "s3");
    }
  }

  /** A death at each step of a bucket upload: before the first file, between any two, before velero-backup.json. */
  @Test
  void aDeathAtEveryUploadStepLeavesNothingVeleroImports() throws Exception {
    Path backup = bigBackup();
    try (S3Client s3 = client()) {
      s3.createBucket(b -> b.bucket("steps"));
      S3Store bucket = new S3Store(s3, "steps", "");
      int steps = 0;
      for (int dieAt = 0; ; dieAt++) {
        DyingStore dying = new DyingStore(bucket, dieAt);
        LocationDestination destination = new LocationDestination(dying);
        destination.checkFree("copy");
        Path staged = destination.stage("copy");
        Path scratch = tmp.resolve("step-" + dieAt);
        Cli.Run run = Cli.run(s3Server.settings(), "convert", backup.toString(), "--to", scratch.toString(), "--name", "copy");
        assertEquals(0, run.exitCode(), run.err());
        Path written = scratch.resolve("backups/copy");
        try (Stream<Path> files = Files.list(written)) {
          for (Path f : files.toList()) {
            Files.move(f, staged.resolve(f.getFileName().toString().equals(VeleroLayout.BACKUP_METADATA_FILE)
                ? VeleroLayout.STAGED_METADATA_FILE : f.getFileName().toString()));
          }
        }
        List<String> order = new ArrayList<>();
        try (Stream<Path> files = Files.list(staged)) {
          files.map(f -> f.getFileName().toString()).filter(f -> !f.equals(VeleroLayout.STAGED_METADATA_FILE)).sorted().forEach(order::add);
        }
        order.add(VeleroLayout.BACKUP_METADATA_FILE);
        try {
          destination.publish("copy", staged, order);
          assertTrue(dieAt >= order.size(), "published although it should have died at step " + dieAt);
          assertImportableOnlyWhenComplete(new StoreView(bucket), "upload step " + dieAt);
          break;
        } catch (Killed expected) {
          steps++;
          assertImportableOnlyWhenComplete(new StoreView(bucket), "death at upload step " + dieAt);
        }
        StagingFolders.deleteQuietly(scratch);
      }
      assertTrue(steps >= 8, "only " + steps + " upload steps");
      System.out.println("crash safety: " + steps + " upload-step deaths");
    }
  }

  private void runKillSweep(List<String> convert, java.util.function.Supplier<LocationView> view, String where) throws Exception {
    long started = System.nanoTime();
    Process whole = start(convert);
    assertTrue(whole.waitFor(300, TimeUnit.SECONDS));
    long took = System.nanoTime() - started;
    assertEquals(0, whole.exitValue(), new String(whole.getInputStream().readAllBytes()));
    assertImportableOnlyWhenComplete(view.get(), where + " after a full run");
    view.get().clear();
    int killed = 0;
    for (int i = 1; i <= TIMED_KILLS; i++) {
      Process p = start(convert);
      long at = took * i / (TIMED_KILLS + 1);
      if (!p.waitFor(at, TimeUnit.NANOSECONDS)) {
        p.destroyForcibly(); // SIGKILL: no shutdown hooks, no finally blocks
        p.waitFor();
        killed++;
      }
      assertImportableOnlyWhenComplete(view.get(), where + " killed at " + i + "/" + (TIMED_KILLS + 1) + " of a run");
      boolean complete = view.get().importable().contains("copy");
      // The rerun: succeeds (or finds the backup the killed run completed) and leaves no staging behind.
      Cli.Run rerun = Cli.run(s3Server.settings(), convert.toArray(String[]::new));
      assertTrue(rerun.exitCode() == 0 || complete && rerun.err().contains("already exists"), rerun.err());
      assertImportableOnlyWhenComplete(view.get(), where + " rerun " + i);
      assertTrue(view.get().importable().contains("copy"), "the rerun wrote the backup");
      assertEquals(List.of(), view.get().leftovers(), "the rerun cleaned up");
      view.get().clear();
    }
    assertTrue(killed >= TIMED_KILLS / 2, "only " + killed + " runs were still going when killed");
    System.out.println("crash safety " + where + ": " + killed + " SIGKILLs during a " + took / 1_000_000 + " ms convert");
  }

  private Process start(List<String> args) throws IOException {
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), "-Daws.accessKeyId=" + InProcessS3.ACCESS_KEY, "-Daws.secretAccessKey=" + InProcessS3.SECRET_KEY,
        "-Daws.region=us-east-1", "-Daws.disableEc2Metadata=true", "dev.transship.cli.Main"));
    command.addAll(args);
    return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(tmp.resolve("run.log").toFile()).start();
  }

  /**
   * What Velero's backup sync does with a location: every folder under {@code backups/} holding
   * {@code velero-backup.json} becomes a Backup named as the file says, and restoring it reads
   * {@code backups/<that name>/<that name>.tar.gz}. Each such Backup must be complete.
   */
  private static void assertImportableOnlyWhenComplete(LocationView view, String when) throws Exception {
    for (String folder : view.folders()) {
      Optional<byte[]> metadata = view.read("backups/" + folder + "/" + VeleroLayout.BACKUP_METADATA_FILE);
      if (metadata.isEmpty()) {
        continue;
      }
      JsonNode backup = Json.MAPPER.readTree(metadata.get());
      String name = backup.path("metadata").path("name").asText();
      assertEquals(folder, name, when + ": Velero would import folder " + folder + " as Backup " + name);
      Optional<byte[]> tarball = view.read("backups/" + name + "/" + name + ".tar.gz");
      assertTrue(tarball.isPresent(), when + ": Backup " + name + " has no tarball");
      long items = Backups.items(tarball.get()).keySet().stream().filter(k -> !k.contains(VeleroLayout.PREFERRED_VERSION_SUFFIX)).count();
      assertEquals(BIG_ITEMS, items, when + ": Backup " + name + " has a short tarball");
    }
  }

  /** A location as Velero lists it. */
  private interface LocationView {
    /** The folders under {@code backups/}, hidden ones too (an object store has no hidden names). */
    List<String> folders() throws Exception;

    Optional<byte[]> read(String key) throws Exception;

    /** The folders Velero would import. */
    default List<String> importable() throws Exception {
      List<String> out = new ArrayList<>();
      for (String folder : folders()) {
        if (read("backups/" + folder + "/" + VeleroLayout.BACKUP_METADATA_FILE).isPresent()) {
          out.add(folder);
        }
      }
      return out;
    }

    /** Anything but complete backups. */
    default List<String> leftovers() throws Exception {
      List<String> out = new ArrayList<>(folders());
      out.removeAll(importable());
      return out;
    }

    void clear() throws Exception;
  }

  private record FolderView(Path root) implements LocationView {
    @Override
    public List<String> folders() throws IOException {
      Path backups = root.resolve("backups");
      if (!Files.isDirectory(backups)) {
        return List.of();
      }
      try (Stream<Path> dirs = Files.list(backups)) {
        return dirs.map(d -> d.getFileName().toString()).sorted().toList();
      }
    }

    @Override
    public Optional<byte[]> read(String key) throws IOException {
      Path file = root.resolve(key);
      return Files.isRegularFile(file) ? Optional.of(Files.readAllBytes(file)) : Optional.empty();
    }

    @Override
    public void clear() {
      StagingFolders.deleteQuietly(root);
    }
  }

  private record StoreView(ObjectStore store) implements LocationView {
    @Override
    public List<String> folders() throws TransshipException {
      return store.list("backups/").stream().map(k -> k.substring("backups/".length()).split("/")[0]).distinct().sorted().toList();
    }

    @Override
    public Optional<byte[]> read(String key) throws Exception {
      Optional<InputStream> in = store.open(key);
      if (in.isEmpty()) {
        return Optional.empty();
      }
      try (InputStream stream = in.get()) {
        return Optional.of(stream.readAllBytes());
      }
    }

    @Override
    public void clear() throws TransshipException {
      for (String key : store.list("backups/")) {
        store.delete(key);
      }
    }
  }

  /** The process dying: an Error no cleanup code catches. */
  private static final class Killed extends Error {
    Killed() {
      super("killed", null, false, false);
    }
  }

  /** An object store whose process dies before its {@code dieAt}-th upload. */
  private static final class DyingStore implements ObjectStore {
    private final ObjectStore inner;
    private int uploadsLeft;

    DyingStore(ObjectStore inner, int dieAt) {
      this.inner = inner;
      this.uploadsLeft = dieAt;
    }

    @Override
    public String address(String key) {
      return inner.address(key);
    }

    @Override
    public Optional<InputStream> open(String key) throws TransshipException {
      return inner.open(key);
    }

    @Override
    public Optional<Long> size(String key) throws TransshipException {
      return inner.size(key);
    }

    @Override
    public boolean anyUnder(String prefix) throws TransshipException {
      return inner.anyUnder(prefix);
    }

    @Override
    public List<String> list(String prefix) throws TransshipException {
      return inner.list(prefix);
    }

    @Override
    public void upload(String key, Path file) throws TransshipException {
      if (uploadsLeft-- == 0) {
        throw new Killed();
      }
      inner.upload(key, file);
    }

    @Override
    public void upload(String key, InputStream in, long size) throws TransshipException {
      if (uploadsLeft-- == 0) {
        throw new Killed();
      }
      inner.upload(key, in, size);
    }

    @Override
    public void delete(String key) throws TransshipException {
      inner.delete(key);
    }
  }
}
