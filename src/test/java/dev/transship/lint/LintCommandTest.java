package dev.transship.lint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.InputFormat;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.transship.kube.Json;
import dev.transship.testing.Backups;
import dev.transship.testing.Cli;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

class LintCommandTest {
  @TempDir Path tmp;
  private static final String EKS = Backups.eksSample().toString();

  private Cli.Run lint(String... args) {
    String[] all = new String[args.length + 1];
    all[0] = "lint";
    System.arraycopy(args, 0, all, 1, args.length);
    return Cli.run(all);
  }

  @Test
  void sarifValidatesAgainstTheSarif210Schema() throws Exception {
    Path out = tmp.resolve("lint.sarif");
    var run = lint(EKS, "--target", "gke", "--target-version", "1.32", "--format", "sarif", "-o", out.toString(), "--fail-on", "never");
    assertEquals(0, run.exitCode(), run.err());
    String sarif = Files.readString(out);
    String schema = Files.readString(Backups.repoRoot().resolve("src/test/resources/sarif-schema-2.1.0.json"));
    var errors = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_4).getSchema(schema, InputFormat.JSON).validate(sarif, InputFormat.JSON);
    assertEquals(List.of(), errors.stream().map(Object::toString).toList());
    JsonNode root = Json.MAPPER.readTree(sarif);
    JsonNode result = root.at("/runs/0/results/0");
    assertTrue(result.at("/locations/0/physicalLocation/artifactLocation/uri").asText().startsWith("resources/"));
    assertFalse(result.at("/locations/0/logicalLocations/0/fullyQualifiedName").asText().isEmpty());
    assertEquals(CheckCatalog.infos().size(), root.at("/runs/0/tool/driver/rules").size());
    assertFalse(root.at("/runs/0/tool/driver/rules/0/help/text").asText().isEmpty());
  }

  @Test
  void junitXmlParsesWithOneCasePerCheckAndObject() throws Exception {
    var run = lint(EKS, "--target", "gke", "--format", "junit", "--fail-on", "never");
    assertEquals(0, run.exitCode(), run.err());
    Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(new ByteArrayInputStream(run.out().getBytes()));
    Element suite = (Element) doc.getElementsByTagName("testsuite").item(0);
    int cases = doc.getElementsByTagName("testcase").getLength();
    int failures = doc.getElementsByTagName("failure").getLength();
    assertEquals(cases, Integer.parseInt(suite.getAttribute("tests")));
    assertEquals(failures, Integer.parseInt(suite.getAttribute("failures")));
    assertTrue(failures > 20, "failures: " + failures);
    assertTrue(run.out().contains("classname=\"removed-api\""), "a check without findings still shows as a passing case");
  }

  @Test
  void exitCodesFollowFailOn() throws Exception {
    Path clean = Files.createDirectories(tmp.resolve("clean"));
    Files.writeString(clean.resolve("a.yaml"), "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c, namespace: a}\n");
    assertEquals(0, lint("--manifests", clean.toString()).exitCode());
    assertEquals(1, lint(EKS, "--target", "gke").exitCode());
    assertEquals(0, lint(EKS, "--target", "gke", "--fail-on", "never").exitCode());
    Path warn = Files.createDirectories(tmp.resolve("warn"));
    Files.writeString(warn.resolve("c.yaml"), "apiVersion: batch/v1\nkind: CronJob\nmetadata: {name: c, namespace: a}\nspec: {schedule: \"@daily\"}\n");
    assertEquals(0, lint("--manifests", warn.toString()).exitCode(), "a warning passes --fail-on error");
    assertEquals(1, lint("--manifests", warn.toString(), "--fail-on", "warning").exitCode());
  }

  @Test
  void badInputIsOneLineAndExitTwo() throws Exception {
    for (var run : List.of(lint(EKS, "--target", "azure"), lint(EKS, "--target-version", "1.99"), lint(EKS, "--target-version", "one"),
        lint(tmp.resolve("missing.tar.gz").toString()), lint(EKS, "--manifests", tmp.toString()),
        lint(EKS, "--baseline", Files.writeString(tmp.resolve("bad.json"), "{\"kind\":\"other\"}").toString()))) {
      assertEquals(2, run.exitCode(), run.err());
      assertFalse(run.err().contains("Exception"), run.err());
    }
    var version = lint(EKS, "--target-version", "1.99");
    assertEquals("transship: --target-version: Kubernetes 1.99 is not a version transship knows (removals are listed up to 1.37; targets 1.16 to 1.39 are accepted)",
        version.err().strip());
    var ahead = lint(EKS, "--target-version", "1.39", "--fail-on", "never");
    assertEquals(0, ahead.exitCode());
    assertTrue(ahead.err().startsWith("warning: --target-version 1.39: removals after 1.37 are not known"), ahead.err());
  }

  @Test
  void baselineHidesKnownFindings() throws Exception {
    Path baseline = tmp.resolve("baseline.json");
    assertEquals(0, lint(EKS, "--target", "gke", "--write-baseline", baseline.toString()).exitCode(), "recording a baseline accepts the findings");
    assertEquals(2, lint(EKS, "--baseline", baseline.toString(), "--write-baseline", baseline.toString()).exitCode(), "one or the other");
    var again = lint(EKS, "--target", "gke", "--baseline", baseline.toString());
    assertEquals(0, again.exitCode(), again.out());
    assertTrue(again.out().contains("suppressed"), again.out());
  }

  @Test
  void ignoreAnnotationSilencesAChecksOnOneObjectAndUnknownIdsAreErrors() throws Exception {
    Path dir = Files.createDirectories(tmp.resolve("m"));
    Files.writeString(dir.resolve("c.yaml"),
        "apiVersion: batch/v1\nkind: CronJob\nmetadata: {name: c, namespace: a, annotations: {transship.dev/ignore: cronjob-duplication-policy}}\nspec: {schedule: \"@daily\"}\n");
    var run = lint("--manifests", dir.toString(), "--fail-on", "warning");
    assertEquals(0, run.exitCode(), run.out());
    Files.writeString(dir.resolve("c.yaml"),
        "apiVersion: batch/v1\nkind: CronJob\nmetadata: {name: c, namespace: a, annotations: {transship.dev/ignore: no-such-check}}\nspec: {schedule: \"@daily\"}\n");
    var bad = lint("--manifests", dir.toString());
    assertEquals(2, bad.exitCode());
    assertTrue(bad.err().contains("c.yaml (document 1): CronJob a/c: annotation transship.dev/ignore names unknown check 'no-such-check'"), bad.err());
  }

  @Test
  void noSecretValueInAnyFormat() {
    for (String format : List.of("text", "json", "sarif", "junit", "github")) {
      var run = lint(EKS, "--target", "gke", "--format", format, "--fail-on", "never");
      String all = run.out() + run.err();
      assertFalse(all.contains("dGhpcy1pcy1hLWZha2UtZGItcGFzc3dvcmQ=") || all.contains("eyJwYXlsb2Fk") || all.contains("ZmFrZS1wYXlsb2Fk"), format);
    }
  }

  @Test
  void githubAnnotationsAndCatalogue() {
    var github = lint(EKS, "--target", "gke", "--format", "github", "--fail-on", "never");
    assertTrue(github.out().lines().allMatch(l -> l.startsWith("::error file=") || l.startsWith("::warning file=") || l.startsWith("::notice file=")), github.out());
    var catalogue = lint("--list-checks", "--format", "markdown");
    assertTrue(catalogue.out().startsWith("# transship lint checks"));
    for (CheckInfo check : CheckCatalog.infos()) {
      assertTrue(catalogue.out().contains("## " + check.id()), check.id());
    }
  }

  @Test
  void rulePackFindingsJoinTheLint() {
    Path root = Backups.repoRoot();
    var run = lint(EKS, "--target", "gke", "--format", "json", "--fail-on", "never", "--rules", root.resolve("rules/eks-to-gke.yaml").toString(),
        "--values", root.resolve("sample-backups/eks-shop/values-gke.yaml").toString());
    assertEquals(0, run.exitCode(), run.err());
    assertTrue(run.out().contains("\"check\" : \"rule:alb-action-backend\""), run.out());
  }

  @Test
  void textGroupsBySeverityThenObjectWithCountsThatMatch() {
    var run = lint(EKS, "--target", "gke", "--target-version", "1.32", "--fail-on", "never");
    List<String> headers = run.out().lines().filter(l -> l.matches("[A-Z]+S \\(\\d+\\)")).toList();
    assertEquals(List.of("ERRORS", "WARNINGS"), headers.stream().map(h -> h.substring(0, h.indexOf(' '))).toList(), run.out());
    String[] sections = run.out().split("\n(?=[A-Z]+S \\()");
    for (String section : sections) {
      int declared = Integer.parseInt(section.replaceAll("(?s)^[A-Z]+S \\((\\d+)\\).*", "$1"));
      List<String> objects = section.lines().filter(l -> l.startsWith("  ") && !l.startsWith("   ")).toList();
      assertEquals(declared, section.lines().filter(l -> l.matches("    \\S.*")).count(), section);
      assertEquals(objects.size(), objects.stream().distinct().count(), "each object heads its findings once per severity");
      Comparator<String> byKindNamespaceName = Comparator.comparing((String o) -> o.strip().split(" ")[0])
          .thenComparing(o -> o.contains("/") ? o.substring(o.indexOf(' ') + 1, o.indexOf('/')) : "")
          .thenComparing(o -> o.substring(o.lastIndexOf(o.contains("/") ? '/' : ' ') + 1));
      assertEquals(objects.stream().sorted(byKindNamespaceName).toList(), objects, "objects are sorted by kind, namespace and name");
    }
  }

  @Test
  void baselineCoversRulePackFindingsToo() throws Exception {
    Path root = Backups.repoRoot();
    String[] rules = {"--rules", root.resolve("rules/eks-to-gke.yaml").toString(), "--values", root.resolve("sample-backups/eks-shop/values-gke.yaml").toString()};
    Path baseline = tmp.resolve("baseline.json");
    List<String> first = new java.util.ArrayList<>(List.of(EKS, "--target", "gke", "--write-baseline", baseline.toString()));
    first.addAll(List.of(rules));
    assertEquals(0, lint(first.toArray(String[]::new)).exitCode());
    assertTrue(Files.readString(baseline).contains("\"check\" : \"rule:"), "rule findings are recorded");
    List<String> again = new java.util.ArrayList<>(List.of(EKS, "--target", "gke", "--format", "json", "--baseline", baseline.toString()));
    again.addAll(List.of(rules));
    var run = lint(again.toArray(String[]::new));
    assertEquals(0, run.exitCode(), run.err());
    JsonNode report = Json.MAPPER.readTree(run.out());
    assertEquals(0, report.at("/findings").size(), run.out());
    assertTrue(report.at("/suppressed").asInt() > 20);
  }
}
