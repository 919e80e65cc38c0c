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
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The HTML report: one self-contained page that a browser renders, with every finding and no secret. */
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
  void isSelfContainedAndListsFindingsAndObjects() {
    assertTrue(html.startsWith("<!DOCTYPE html>"));
    assertFalse(html.contains("<script"), "no scripts");
    assertFalse(html.contains("src=\"http") || html.contains("href=\"http") || html.contains("<link"), "no external resources");
    assertTrue(html.contains("pv-data-not-moved"));
    assertTrue(html.contains("alb-action-backend"));
    assertTrue(html.contains("Ingress shop/web"));
    assertTrue(html.contains("resources/ingresses.networking.k8s.io/namespaces/shop/web.json"));
    assertFalse(html.contains("dGhpcy1pcy1hLWZha2UtZGItcGFzc3dvcmQ="), "no Secret value");
    assertFalse(html.contains("eyJwYXlsb2Fk"), "no ECR token");
  }

  @Test
  void rendersInHeadlessChromium() throws Exception {
    Path chromium = List.of(Path.of("/usr/bin/chromium"), Path.of("/usr/bin/chromium-browser")).stream().filter(Files::isExecutable).findFirst().orElse(null);
    assumeTrue(chromium != null, "Debian's chromium is not installed");
    Path png = tmp.resolve("report.png");
    Process p = new ProcessBuilder(chromium.toString(), "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync", "--user-data-dir=" + tmp.resolve("profile"),
        "--window-size=1280,1600", "--screenshot=" + png, report.toUri().toString())
        .redirectErrorStream(true).redirectOutput(tmp.resolve("chromium.log").toFile()).start();
    assertTrue(p.waitFor(90, TimeUnit.SECONDS), "chromium did not finish");
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
}
