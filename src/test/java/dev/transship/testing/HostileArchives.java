package dev.transship.testing;

import dev.transship.archive.Gzip;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;

/**
 * Backups an attacker or a broken tool could hand transship, each built from code so a reader can
 * see what is wrong with it. Every case is a small valid backup (a Namespace and a Deployment in
 * it) plus one defect, so a failure is about that defect alone.
 */
public final class HostileArchives {
  /** What transship must do with a case: stop with an error, or go on and warn. */
  public enum Outcome { ERROR, WARNING, ACCEPTED }

  /**
   * @param expected a fragment of the one error line, or of a warning line
   */
  public record Case(String name, Outcome outcome, String expected, byte[] tarball, Set<String> stops) {
    public static final Set<String> ALL_COMMANDS = Set.of("inspect", "lint", "convert", "plan");

    public Case(String name, Outcome outcome, String expected, byte[] tarball) {
      this(name, outcome, expected, tarball, ALL_COMMANDS);
    }

    /** What {@code command} must do: an ERROR case stops only the commands that read what is broken. */
    public Outcome outcomeFor(String command) {
      return outcome == Outcome.ERROR && !stops.contains(command) ? Outcome.ACCEPTED : outcome;
    }

    @Override
    public String toString() {
      return name;
    }
  }

  public static final String NAMESPACE = "shop";
  private static final String VALID_DEPLOYMENT = "{\"apiVersion\":\"apps/v1\",\"kind\":\"Deployment\","
      + "\"metadata\":{\"name\":\"web\",\"namespace\":\"shop\"},\"spec\":{\"replicas\":1,\"selector\":{\"matchLabels\":{\"app\":\"web\"}},"
      + "\"template\":{\"metadata\":{\"labels\":{\"app\":\"web\"}},\"spec\":{\"containers\":[{\"name\":\"web\",\"image\":\"nginx:1.27\"}]}}}}";

  private HostileArchives() {}

  /** The valid entries every case starts from, in Velero's order. */
  static TarBuilder base(TarBuilder tar) {
    return tar.file("metadata/version", "1.1.0")
        .file("resources/namespaces/cluster/shop.json", TarBuilder.item("v1", "Namespace", null, NAMESPACE))
        .file("resources/deployments.apps/namespaces/shop/web.json", VALID_DEPLOYMENT)
        .file("resources/deployments.apps/v1-preferredversion/namespaces/shop/web.json", VALID_DEPLOYMENT);
  }

  private static byte[] with(Consumer<TarBuilder> defect) {
    TarBuilder tar = base(new TarBuilder());
    defect.accept(tar);
    return tar.build();
  }

  private static byte[] configMapWith(String dataJson) {
    return with(t -> t.file("resources/configmaps/namespaces/shop/cm.json",
        "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"cm\",\"namespace\":\"shop\"},\"data\":" + dataJson + "}"));
  }

  private static byte[] deploymentAt(String path, String json) {
    return with(t -> t.file(path, json));
  }

  public static List<Case> all() {
    List<Case> cases = new ArrayList<>();
    // Paths that leave the extraction folder: Velero's extractor refuses them.
    cases.add(new Case("path traversal", Outcome.ERROR, "escapes the archive root",
        with(t -> t.file("../../etc/cron.d/evil", "x"))));
    cases.add(new Case("traversal inside an item path", Outcome.ERROR, "escapes the archive root",
        with(t -> t.file("resources/pods/namespaces/shop/../../../../../tmp/x.json", TarBuilder.item("v1", "Pod", "shop", "x")))));
    cases.add(new Case("absolute path", Outcome.ERROR, "escapes the archive root",
        with(t -> t.file("/etc/passwd", "root:x:0:0"))));
    cases.add(new Case("traversal as a directory entry", Outcome.ERROR, "escapes the archive root",
        with(t -> t.directory("resources/../../x"))));
    // Links and devices: Velero restores regular files only.
    cases.add(new Case("symlink to a host file", Outcome.WARNING, "skipped link entry",
        with(t -> t.symlink("resources/secrets/namespaces/shop/stolen.json", "/etc/shadow"))));
    cases.add(new Case("symlink directory then a file through it", Outcome.WARNING, "skipped link entry",
        with(t -> t.symlink("resources/configmaps", "/etc").file("resources/configmaps/namespaces/shop/c.json",
            TarBuilder.item("v1", "ConfigMap", "shop", "c")))));
    cases.add(new Case("hardlink to an item", Outcome.WARNING, "skipped link entry",
        with(t -> t.hardlink("resources/configmaps/namespaces/shop/copy.json", "resources/namespaces/cluster/shop.json"))));
    cases.add(new Case("character device", Outcome.WARNING, "skipped special entry",
        with(t -> t.special("resources/pods/namespaces/shop/zero.json", TarArchiveEntry.LF_CHR))));
    cases.add(new Case("block device", Outcome.WARNING, "skipped special entry",
        with(t -> t.special("resources/pods/namespaces/shop/disk.json", TarArchiveEntry.LF_BLK))));
    cases.add(new Case("fifo", Outcome.WARNING, "skipped special entry",
        with(t -> t.special("resources/pods/namespaces/shop/pipe.json", TarArchiveEntry.LF_FIFO))));
    // Duplicates: which copy would Velero restore? Neither is safe to guess.
    cases.add(new Case("duplicate entry with different content", Outcome.ERROR, "appears twice",
        with(t -> t.file("resources/namespaces/cluster/shop.json", TarBuilder.item("v1", "Namespace", null, "other")))));
    cases.add(new Case("duplicate entry with the same content", Outcome.ERROR, "appears twice",
        with(t -> t.file("resources/namespaces/cluster/shop.json", TarBuilder.item("v1", "Namespace", null, NAMESPACE)))));
    // Broken containers.
    byte[] whole = with(t -> t.file("resources/configmaps/namespaces/shop/big.json",
        "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"big\",\"namespace\":\"shop\"},\"data\":{\"k\":\""
            + "0123456789abcdef".repeat(4096) + "\"}}"));
    cases.add(new Case("gzip cut in half", Outcome.ERROR, "truncated", Arrays.copyOf(whole, whole.length / 2)));
    cases.add(new Case("gzip cut before its trailer", Outcome.ERROR, "truncated", Arrays.copyOf(whole, whole.length - 4)));
    byte[] tar = plainTar(t -> base(t));
    cases.add(new Case("tar cut inside an entry", Outcome.ERROR, "truncated tarball", gzip(Arrays.copyOf(tar, 1536 + 100))));
    cases.add(new Case("tar without its end blocks", Outcome.ACCEPTED, null, gzip(Arrays.copyOf(tar, tarContentEnd(tar)))));
    cases.add(new Case("empty file", Outcome.ERROR, "empty or truncated gzip", new byte[0]));
    cases.add(new Case("empty tar archive", Outcome.ERROR, "no files at all", gzip(new byte[1024])));
    cases.add(new Case("plain tar, not gzipped", Outcome.ERROR, "not a gzip file", tar));
    cases.add(new Case("gzip of text, not a tar", Outcome.ERROR, "no files at all",
        gzip("apiVersion: v1\nkind: Secret\n".getBytes(StandardCharsets.UTF_8))));
    cases.add(new Case("gzip with a corrupt deflate stream", Outcome.ERROR, "gzip", corruptDeflate(whole)));
    cases.add(new Case("multi-member gzip", Outcome.ACCEPTED, null, gzipMembers(tar, 700, 2100)));
    cases.add(new Case("gzip bomb", Outcome.ERROR, "decompression bomb", with(t -> {
      byte[] zeros = new byte[8 << 20];
      for (int i = 0; i < 12; i++) {
        t.file("padding/" + i, zeros);
      }
    })));
    cases.add(new Case("item over the size limit", Outcome.ERROR, "limit for one item",
        configMapWith("{\"k\":\"" + " ".repeat(17 << 20) + "\"}")));
    // Names.
    cases.add(new Case("100k-character entry name", Outcome.WARNING, "not an item path",
        with(t -> t.file("resources/configmaps/namespaces/shop/" + "n".repeat(100_000) + ".json",
            TarBuilder.item("v1", "ConfigMap", "shop", "n")))));
    cases.add(new Case("non-UTF-8 entry name", Outcome.WARNING, "not an item path",
        gzip(plainTar(StandardCharsets.ISO_8859_1.name(), t -> base(t).file("resources/configmaps/namespaces/shop/caf\u00e9.json",
            TarBuilder.item("v1", "ConfigMap", "shop", "cafe"))))));
    cases.add(new Case("entry name with a backslash", Outcome.WARNING, "not an item path",
        with(t -> t.file("resources\\configmaps\\namespaces\\shop\\c.json", TarBuilder.item("v1", "ConfigMap", "shop", "c")))));
    cases.add(new Case("mode 0644 entries", Outcome.ACCEPTED, null,
        with(t -> t.file("resources/configmaps/namespaces/shop/c.json", TarBuilder.item("v1", "ConfigMap", "shop", "c"), 0644))));
    // Item JSON.
    cases.add(new Case("item without kind", Outcome.ERROR, "has no kind",
        configMapWithout("\"kind\":\"ConfigMap\",")));
    cases.add(new Case("item without apiVersion", Outcome.ERROR, "has no apiVersion",
        configMapWithout("\"apiVersion\":\"v1\",")));
    cases.add(new Case("item that is a JSON array", Outcome.ERROR, "not a JSON object",
        with(t -> t.file("resources/configmaps/namespaces/shop/a.json", "[1,2,3]"))));
    cases.add(new Case("item that is not JSON", Outcome.ERROR, "not valid JSON",
        with(t -> t.file("resources/configmaps/namespaces/shop/y.json", "apiVersion: v1\nkind: ConfigMap\n"))));
    cases.add(new Case("deeply nested JSON bomb", Outcome.ERROR, "not valid JSON",
        configMapWith("{\"k\":" + "[".repeat(200_000) + "]".repeat(200_000) + "}")));
    cases.add(new Case("nesting just under the parser's limit", Outcome.ACCEPTED, null,
        with(t -> t.file("resources/example.com.widgets/namespaces/shop/deep.json",
            "{\"apiVersion\":\"example.com/v1\",\"kind\":\"Widget\",\"metadata\":{\"name\":\"deep\",\"namespace\":\"shop\"},\"spec\":"
                + "{\"a\":".repeat(990) + "1" + "}".repeat(990) + "}"))));
    cases.add(new Case("a number with 100k digits", Outcome.ERROR, "not valid JSON",
        configMapWith("{\"k\":" + "9".repeat(100_000) + "}")));
    cases.add(new Case("namespace folder disagrees with metadata.namespace", Outcome.ERROR, "metadata.namespace",
        deploymentAt("resources/deployments.apps/namespaces/kube-system/web.json", VALID_DEPLOYMENT)));
    cases.add(new Case("file name disagrees with metadata.name", Outcome.ERROR, "metadata.name",
        deploymentAt("resources/deployments.apps/namespaces/shop/api.json", VALID_DEPLOYMENT)));
    cases.add(new Case("namespaced kind in the cluster folder", Outcome.ERROR, "metadata.namespace",
        deploymentAt("resources/deployments.apps/cluster/web.json", VALID_DEPLOYMENT)));
    cases.add(new Case("two preferred-version folders for one resource", Outcome.ERROR, "two preferred versions",
        with(t -> t.file("resources/deployments.apps/v1beta2-preferredversion/namespaces/shop/web.json",
            VALID_DEPLOYMENT.replace("apps/v1", "apps/v1beta2")))));
    // Objects the API server would refuse: the shape is wrong, not the archive.
    cases.add(new Case("metadata that is a string", Outcome.ERROR, "metadata",
        deploymentAt("resources/deployments.apps/namespaces/shop/web2.json",
            "{\"apiVersion\":\"apps/v1\",\"kind\":\"Deployment\",\"metadata\":\"web2\"}")));
    cases.add(new Case("metadata.name that is a number", Outcome.ERROR, "metadata.name",
        deploymentAt("resources/deployments.apps/namespaces/shop/web2.json",
            "{\"apiVersion\":\"apps/v1\",\"kind\":\"Deployment\",\"metadata\":{\"name\":7,\"namespace\":\"shop\"}}")));
    cases.add(new Case("labels that are a list", Outcome.ERROR, "labels",
        deploymentAt("resources/deployments.apps/namespaces/shop/web2.json",
            VALID_DEPLOYMENT.replace("\"name\":\"web\",\"namespace\"", "\"name\":\"web2\",\"labels\":[\"a\"],\"namespace\""))));
    cases.add(new Case("Deployment without spec", Outcome.ACCEPTED, null,
        deploymentAt("resources/deployments.apps/namespaces/shop/web2.json",
            "{\"apiVersion\":\"apps/v1\",\"kind\":\"Deployment\",\"metadata\":{\"name\":\"web2\",\"namespace\":\"shop\"}}")));
    cases.add(new Case("containers that are an object", Outcome.ACCEPTED, null,
        deploymentAt("resources/deployments.apps/namespaces/shop/web2.json",
            VALID_DEPLOYMENT.replace("\"name\":\"web\",\"namespace\"", "\"name\":\"web2\",\"namespace\"")
                .replace("\"containers\":[{\"name\":\"web\",\"image\":\"nginx:1.27\"}]", "\"containers\":{\"name\":\"web\"}"))));
    cases.add(new Case("replicas that is a string, image a number", Outcome.ACCEPTED, null,
        deploymentAt("resources/deployments.apps/namespaces/shop/web2.json",
            VALID_DEPLOYMENT.replace("\"name\":\"web\",\"namespace\"", "\"name\":\"web2\",\"namespace\"")
                .replace("\"replicas\":1", "\"replicas\":\"one\"").replace("\"nginx:1.27\"", "127"))));
    // Lint reports the schedule as a finding; convert and plan cannot place the CronJob in a cutover.
    cases.add(new Case("CronJob with a null schedule and a template that is a list", Outcome.ERROR, "CronJob shop/nightly: schedule",
        with(t -> t.file("resources/cronjobs.batch/namespaces/shop/nightly.json",
            "{\"apiVersion\":\"batch/v1\",\"kind\":\"CronJob\",\"metadata\":{\"name\":\"nightly\",\"namespace\":\"shop\"},"
                + "\"spec\":{\"schedule\":null,\"jobTemplate\":[]}}")), Set.of("convert", "plan")));
    cases.add(new Case("Secret with data that is a string", Outcome.ACCEPTED, null,
        with(t -> t.file("resources/secrets/namespaces/shop/s.json",
            "{\"apiVersion\":\"v1\",\"kind\":\"Secret\",\"metadata\":{\"name\":\"s\",\"namespace\":\"shop\"},"
                + "\"type\":\"kubernetes.io/dockerconfigjson\",\"data\":\"bm90IGEgbWFw\"}"))));
    cases.add(new Case("Ingress with rules that are a number", Outcome.ACCEPTED, null,
        with(t -> t.file("resources/ingresses.networking.k8s.io/namespaces/shop/i.json",
            "{\"apiVersion\":\"networking.k8s.io/v1\",\"kind\":\"Ingress\",\"metadata\":{\"name\":\"i\",\"namespace\":\"shop\","
                + "\"annotations\":{\"kubernetes.io/ingress.class\":\"alb\",\"alb.ingress.kubernetes.io/actions.x\":\"{not json\"}},"
                + "\"spec\":{\"rules\":5,\"tls\":{\"hosts\":1}}}"))));
    cases.add(new Case("only metadata/version, no items", Outcome.ACCEPTED, null,
        new TarBuilder().file("metadata/version", "1.1.0").build()));
    return cases;
  }

  private static byte[] configMapWithout(String field) {
    return with(t -> t.file("resources/configmaps/namespaces/shop/cm.json",
        ("{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"cm\",\"namespace\":\"shop\"}}").replace(field, "")));
  }

  private static byte[] plainTar(Consumer<TarBuilder> content) {
    return plainTar(StandardCharsets.UTF_8.name(), content);
  }

  private static byte[] plainTar(String nameEncoding, Consumer<TarBuilder> content) {
    TarBuilder tar = TarBuilder.plain(nameEncoding);
    content.accept(tar);
    return tar.build();
  }

  /** Where the entries of a plain tar end and its two zero end-of-archive blocks begin. */
  private static int tarContentEnd(byte[] tar) {
    int end = tar.length;
    while (end >= 512 && isZero(tar, end - 512, end)) {
      end -= 512;
    }
    return end;
  }

  private static boolean isZero(byte[] bytes, int from, int to) {
    for (int i = from; i < to; i++) {
      if (bytes[i] != 0) {
        return false;
      }
    }
    return true;
  }

  private static byte[] gzip(byte[] data) {
    return Gzip.compress(data);
  }

  /** {@code data} as consecutive gzip members split at the given offsets, as parallel gzip writers emit. */
  public static byte[] gzipMembers(byte[] data, int... splits) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int from = 0;
    for (int i = 0; i <= splits.length; i++) {
      int to = i < splits.length ? splits[i] : data.length;
      out.writeBytes(gzip(Arrays.copyOfRange(data, from, to)));
      from = to;
    }
    return out.toByteArray();
  }

  /** Flips bytes in the middle of the deflate stream, leaving the gzip header intact. */
  private static byte[] corruptDeflate(byte[] gz) {
    byte[] copy = gz.clone();
    for (int i = 20; i < Math.min(copy.length - 8, 60); i++) {
      copy[i] = (byte) 0xff;
    }
    return copy;
  }
}
