package dev.transship.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.transship.testing.Backups;
import dev.transship.testing.Cli;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The HTML report: one self-contained page that a browser renders, with every finding and no secret;
 * in Chromium, a link opens an object's before and after, a filter in the URL hides other checks.
 */
class HtmlReportTest {
  @TempDir Path tmp;
  private Path report;
  private String html;

  @BeforeEach
  void convertSample() throws Exception {
    Path root = Backups.repoRoot();
    report = tmp.resolve("report.html");
    var run = Cli.run("convert", "--fail-on", "never", root.resolve("sample-backups/eks-shop/backups/eks-shop-nightly-20261120").toString(),
        "--rules", root.resolve("rules/eks-to-gke.yaml").toString(), "--values", root.resolve("sample-backups/eks-shop/values-gke.yaml").toString(),
        "--to", tmp.resolve("out").toString(), "--name", "c", "--report", report.toString());
    assertEquals(0, run.exitCode(), run.err());
    html = Files.readString(report);
  }

  @Test
  void isSelfContainedAndListsFindingsAndObjects() throws Exception {
    assertTrue(html.startsWith("<!DOCTYPE html>"));
    assertFalse(html.contains(" src=") || html.contains("href=\"http") || html.contains("<link") || html.contains("url(")
        || html.contains("@import"), "no external resources");
    String rows = ConversionReportTest.unpacked(html);
    assertTrue(html.contains("data-check=\"storage-pv-data-not-moved\""));
    assertTrue(html.contains("data-check=\"alb-action-backend\""));
    assertTrue(html.contains("data-ns=\"shop\" data-kind=\"Ingress\""));
    assertTrue(rows.contains("resources/ingresses.networking.k8s.io/namespaces/shop/web.json"));
    for (String secret : List.of("dGhpcy1pcy1hLWZha2UtZGItcGFzc3dvcmQ=", "this-is-a-fake-db-password", "eyJwYXlsb2Fk")) {
      assertFalse(html.contains(secret) || rows.contains(secret), "no Secret value or ECR token: " + secret);
    }
  }

  @Test
  void infoIsApartFromErrorsAndWarnings() {
    int info = html.indexOf("<h2>Information");
    assertTrue(info > 0);
    assertTrue(html.indexOf("data-sev=\"error\"") < info && html.indexOf("data-sev=\"warning\"") < info);
    assertTrue(html.indexOf("data-sev=\"info\"") > info);
  }

  private static Path chromium() {
    Path chromium = List.of(Path.of("/usr/bin/chromium"), Path.of("/usr/bin/chromium-browser")).stream().filter(Files::isExecutable).findFirst().orElse(null);
    assumeTrue(chromium != null, "Debian's chromium is not installed");
    return chromium;
  }

  /** Runs headless Chromium on the report with {@code args}; returns what it printed. */
  private String chromium(String name, String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of(chromium().toString(), "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
        "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--user-data-dir=" + tmp.resolve("profile-" + name)));
    command.addAll(List.of(args));
    Path log = tmp.resolve(name + ".out");
    Process p = new ProcessBuilder(command).redirectError(tmp.resolve(name + ".err").toFile()).redirectOutput(log.toFile()).start();
    assertTrue(p.waitFor(90, TimeUnit.SECONDS), "chromium did not finish");
    return Files.readString(log);
  }

  @Test
  void rendersInHeadlessChromium() throws Exception {
    Path png = tmp.resolve("report.png");
    chromium("shot", "--window-size=1280,1600", "--screenshot=" + png, report.toUri().toString());
    assertTrue(Files.size(png) > 10_000, "screenshot written");
    BufferedImage image = ImageIO.read(png.toFile());
    assertEquals(1280, image.getWidth());
    Set<Integer> colours = new HashSet<>();
    for (int y = 0; y < image.getHeight(); y += 7) {
      for (int x = 0; x < image.getWidth(); x += 7) {
        colours.add(image.getRGB(x, y));
      }
    }
    assertTrue(colours.size() > 20, "the page rendered text and colour, not a blank page: " + colours.size() + " colours");
  }

  @Test
  void aLinkToAnObjectOpensItsGroupAndShowsBeforeAndAfter() throws Exception {
    Matcher group = Pattern.compile("data-ns=\"shop\" data-kind=\"Ingress\" data-first=\"(\\d+)\"").matcher(html);
    assertTrue(group.find());
    String first = group.group(1);
    // Nothing of the object is in the page's markup until its group is opened.
    assertFalse(html.contains("id=\"o" + first + "\""));
    String dom = chromium("link", "--virtual-time-budget=10000", "--dump-dom", report.toUri() + "#o" + first);
    Matcher object = Pattern.compile("<details class=\"obj\" id=\"o" + first + "\"[^>]* open=\"\">(.*?)</details>", Pattern.DOTALL).matcher(dom);
    assertTrue(object.find(), "object #o" + first + " rendered and open:\n" + dom.substring(Math.max(0, dom.indexOf("Objects")), Math.min(dom.length(), dom.indexOf("Objects") + 3000)));
    String body = object.group(1);
    // Ingress shop/admin: its ALB group annotation removed (the value shown), the class changed, a
    // JSON annotation shown as the JSON it is.
    assertTrue(body.contains("<code>metadata.annotations[\"alb.ingress.kubernetes.io/group.name\"]</code> <span class=\"st\">removed</span>"), body);
    assertTrue(body.contains("<pre>shop-internal</pre></td><td class=\"after\"><pre>(removed)</pre>"), body);
    assertTrue(body.contains("<pre>alb</pre></td><td class=\"after\"><pre>gce-internal</pre>"), body);
    assertTrue(body.contains("<pre>[{\"HTTPS\":443}]</pre>"), body);
    assertTrue(body.contains("<code>alb-auth</code>"), "the object lists its findings: " + body);
  }

  @Test
  void aDroppedObjectShowsWhatItWas() throws Exception {
    Matcher group = Pattern.compile("data-ns=\"\\(cluster\\)\" data-kind=\"StorageClass\" data-first=\"(\\d+)\"").matcher(html);
    assertTrue(group.find());
    String first = group.group(1);
    String dom = chromium("dropped", "--virtual-time-budget=10000", "--dump-dom", report.toUri() + "#o" + first);
    Matcher object = Pattern.compile("<details class=\"obj\" id=\"o" + first + "\"[^>]* open=\"\">(.*?)</details>", Pattern.DOTALL).matcher(dom);
    assertTrue(object.find(), "object #o" + first + " rendered and open");
    // StorageClass efs-sc, dropped: its content as it was, captioned so it is not read as written.
    String body = object.group(1);
    assertTrue(body.contains("<p class=\"st\">as it was in the source backup</p><pre class=\"content\">"), body);
    assertTrue(body.contains("provisioner: efs.csi.aws.com"), body);
  }

  @Test
  void aCheckFilterInTheUrlHidesTheOtherChecks() throws Exception {
    String dom = chromium("filter", "--virtual-time-budget=10000", "--dump-dom", report.toUri() + "?check=alb-group-name");
    Matcher groups = Pattern.compile("<details class=\"fg\" id=\"fg\\d+\" data-sev=\"\\w+\" data-check=\"([^\"]+)\"[^>]*?( hidden=\"\")?>").matcher(dom);
    int shown = 0;
    int hidden = 0;
    while (groups.find()) {
      boolean isHidden = groups.group(2) != null;
      assertEquals(!groups.group(1).equals("alb-group-name"), isHidden, groups.group());
      shown += isHidden ? 0 : 1;
      hidden += isHidden ? 1 : 0;
    }
    assertEquals(1, shown);
    assertTrue(hidden > 10, "the other checks are hidden: " + hidden);
    assertTrue(dom.contains("<option value=\"alb-group-name\" selected") || dom.contains("data-filter-ms"), "the filter ran");
  }
}
