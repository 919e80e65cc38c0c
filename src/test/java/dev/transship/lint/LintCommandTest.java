package dev.transship.lint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.InputFormat;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.transship.kube.Json;
import dev.transship.lint.checks.CheckCatalog;
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
    var run = lint(EKS, "--target", "gke", "--target-version", "1.32", "--format", "sarif", "--output-file", out.toString(), "--fail-on", "never");
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
  void manifestFindingsPointAtTheFileAndLineOfTheirDocument() throws Exception {
    Path file = tmp.resolve("shop.yaml");
    Files.writeString(file, String.join("\n",
        "# the shop's jobs",                                                            // 1
        "apiVersion: v1",                                                               // 2
        "kind: ConfigMap",
        "metadata: {name: settings, namespace: shop}",
        "---",                                                                          // 5
        "apiVersion: batch/v1",                                                         // 6
        "kind: CronJob",
        "metadata: {name: nightly, namespace: shop}",
        "spec: {schedule: \"@daily\"}",
        "---",                                                                          // 10
        "",
        "apiVersion: batch/v1",                                                         // 12
        "kind: CronJob",
        "metadata: {name: hourly, namespace: shop}",
        "spec: {schedule: \"@hourly\"}", ""));
    Path out = tmp.resolve("lint.sarif");
    var run = lint("--manifests", file.toString(), "--format", "sarif", "--output-file", out.toString(), "--fail-on", "never");
    assertEquals(0, run.exitCode(), run.err());
    String sarif = Files.readString(out);
    String schema = Files.readString(Backups.repoRoot().resolve("src/test/resources/sarif-schema-2.1.0.json"));
    var errors = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_4).getSchema(schema, InputFormat.JSON).validate(sarif, InputFormat.JSON);
    assertEquals(List.of(), errors.stream().map(Object::toString).toList());
    java.util.Map<String, Integer> lineByObject = new java.util.TreeMap<>();
    for (JsonNode result : Json.MAPPER.readTree(sarif).at("/runs/0/results")) {
      JsonNode physical = result.at("/locations/0/physicalLocation");
      assertEquals(file.toString(), physical.at("/artifactLocation/uri").asText(), "the manifest file, not a tarball path: " + result);
      lineByObject.put(result.at("/locations/0/logicalLocations/0/name").asText(), physical.at("/region/startLine").asInt());
    }
    assertEquals(java.util.Map.of("nightly", 6, "hourly", 12), lineByObject);

    var github = lint("--manifests", file.toString(), "--format", "github", "--fail-on", "never");
    String escaped = file.toString().replace(":", "%3A").replace(",", "%2C");
    assertTrue(github.out().contains(" file=" + escaped + ",line=6,"), github.out());
    assertTrue(github.out().contains(" file=" + escaped + ",line=12,"), github.out());
    assertFalse(github.out().contains("file=resources/"), github.out());
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
  void manifestsRepeatsAndEveryFolderIsLinted() throws Exception {
    Path clean = Files.createDirectories(tmp.resolve("clean"));
    Files.writeString(clean.resolve("a.yaml"), "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c, namespace: a}\n");
    Path warn = Files.createDirectories(tmp.resolve("warn"));
    Files.writeString(warn.resolve("c.yaml"), "apiVersion: batch/v1\nkind: CronJob\nmetadata: {name: c, namespace: a}\nspec: {schedule: \"@daily\"}\n");
    assertEquals(0, lint("--manifests", clean.toString(), "--fail-on", "warning").exitCode());
    var both = lint("--manifests", clean.toString(), "--manifests", warn.toString(), "--fail-on", "warning");
    assertEquals(1, both.exitCode(), "the second folder's CronJob is linted too: " + both.out());
    assertTrue(both.out().contains(clean + ", " + warn + ": 2 objects, 0 errors, 1 warning"), both.out());
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

  @Test
  void junitHasOneCasePerCheckAndObjectAndFailsOnlyAtFailOn() throws Exception {
    var run = lint(EKS, "--target", "gke", "--target-version", "1.32", "--format", "junit");
    assertEquals(1, run.exitCode(), run.err());
    Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(new ByteArrayInputStream(run.out().getBytes()));
    var cases = doc.getElementsByTagName("testcase");
    java.util.Set<String> seen = new java.util.HashSet<>();
    for (int i = 0; i < cases.getLength(); i++) {
      Element c = (Element) cases.item(i);
      assertTrue(seen.add(c.getAttribute("classname") + "|" + c.getAttribute("name")), "one case per check and object: " + c.getAttribute("name"));
    }
    var failures = doc.getElementsByTagName("failure");
    assertTrue(failures.getLength() > 10, "the sample's errors fail their cases: " + failures.getLength());
    for (int i = 0; i < failures.getLength(); i++) {
      assertEquals("error", ((Element) failures.item(i)).getAttribute("type"), "warnings pass under --fail-on error");
    }
    assertTrue(run.out().contains("<system-out>warning: "), "warnings still show");
    var strict = lint(EKS, "--target", "gke", "--target-version", "1.32", "--format", "junit", "--fail-on", "warning");
    assertTrue(strict.out().contains("type=\"warning\""), "--fail-on warning fails warning cases");
  }

  @Test
  void sarifWithRulePackFindingsValidatesAndEveryResultHasItsOwnFingerprint() throws Exception {
    Path root = Backups.repoRoot();
    var run = lint(EKS, "--target", "gke", "--target-version", "1.32", "--format", "sarif", "--fail-on", "never",
        "--rules", root.resolve("rules/eks-to-gke.yaml").toString(), "--values", root.resolve("sample-backups/eks-shop/values-gke.yaml").toString());
    assertEquals(0, run.exitCode(), run.err());
    String schema = Files.readString(root.resolve("src/test/resources/sarif-schema-2.1.0.json"));
    var errors = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_4).getSchema(schema, InputFormat.JSON).validate(run.out(), InputFormat.JSON);
    assertEquals(List.of(), errors.stream().map(Object::toString).toList());
    JsonNode sarif = Json.MAPPER.readTree(run.out());
    JsonNode rules = sarif.at("/runs/0/tool/driver/rules");
    java.util.Set<String> fingerprints = new java.util.HashSet<>();
    boolean ruleFinding = false;
    for (JsonNode result : sarif.at("/runs/0/results")) {
      assertEquals(result.path("ruleId").asText(), rules.get(result.path("ruleIndex").asInt()).path("id").asText());
      assertTrue(fingerprints.add(result.at("/partialFingerprints/transship~1v1").asText()), "duplicate fingerprint: " + result);
      ruleFinding |= result.path("ruleId").asText().startsWith("rule:");
    }
    assertTrue(ruleFinding);
    // a convert finding's rule carries its catalogue title and help, not a generic text
    for (JsonNode rule : rules) {
      assertFalse(rule.path("shortDescription").path("text").asText().startsWith("Rule pack finding"), "uncatalogued: " + rule);
    }
  }

  @Test
  void controlCharactersFromTheBackupNeverReachTheTerminal() throws Exception {
    Path dir = Files.createDirectories(tmp.resolve("evil"));
    Files.writeString(dir.resolve("d.yaml"), "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web, namespace: a}\n"
        + "spec: {template: {spec: {containers: [{name: c, image: \"123456789012.dkr.ecr.us-east-1.amazonaws.com/x:1\\e]0;pwned\\a\\e[2J\"}]}}}\n");
    for (String format : List.of("text", "github")) {
      var run = lint("--manifests", dir.toString(), "--format", format, "--fail-on", "never");
      assertEquals(0, run.exitCode(), run.err());
      assertTrue(run.out().contains("ecr-image"), run.out());
      assertFalse(run.out().contains("\u001b") || run.out().contains("\u0007"), format + " passed a control character through");
      assertTrue(run.out().contains("\\u001b]0;pwned"), run.out());
    }
  }

  @Test
  void outputPathsAreCheckedFirstAndABaselineIsWrittenOnlyWithItsReport() throws Exception {
    Path baseline = tmp.resolve("b.json");
    var intoFolder = lint(EKS, "--output-file", tmp.toString());
    assertEquals(2, intoFolder.exitCode());
    assertEquals("transship: " + tmp + ": is a folder; give a file name", intoFolder.err().strip());
    var missingFolder = lint(EKS, "--write-baseline", baseline.toString(), "--output-file", tmp.resolve("no/such/r.sarif").toString());
    assertEquals(2, missingFolder.exitCode());
    assertFalse(Files.exists(baseline), "no baseline without its report");
    try (var files = Files.list(tmp)) {
      assertEquals(List.of(), files.map(Path::toString).toList(), "nothing written, no temp files left");
    }
  }

  @Test
  void aReportThatCannotBeWrittenToStandardOutputFailsTheRun() {
    java.io.OutputStream broken = new java.io.OutputStream() {
      @Override
      public void write(int b) throws java.io.IOException {
        throw new java.io.IOException("No space left on device");
      }
    };
    java.io.StringWriter err = new java.io.StringWriter();
    int code = dev.transship.cli.Main.run(new String[] {"lint", EKS, "--fail-on", "never"}, new java.io.PrintWriter(broken), new java.io.PrintWriter(err, true));
    assertEquals(2, code);
    assertEquals("transship: standard output: cannot write the report", err.toString().strip());
  }

  @Test
  void malformedBaselinesAreOneLineErrors() throws Exception {
    String valid = "{\"kind\":\"transship.dev/lint-baseline/v1\",\"findings\":[]}";
    var cases = java.util.Map.of(
        "{\"kind\":{\"kind\":\"transship.dev/lint-baseline/v1\"},\"findings\":[]}", "expected kind",
        valid + " {}", "unexpected content after the baseline object",
        "{\"kind\":\"transship.dev/lint-baseline/v1\",\"findings\":[{\"check\":\"rule:\",\"object\":\"x\"}]}", "names unknown check 'rule:'",
        "", "not a transship baseline");
    int i = 0;
    for (var c : cases.entrySet()) {
      Path file = Files.writeString(tmp.resolve("baseline" + i++ + ".json"), c.getKey());
      var run = lint(EKS, "--baseline", file.toString());
      assertEquals(2, run.exitCode(), c.getKey());
      assertEquals(1, run.err().strip().lines().count(), run.err());
      assertTrue(run.err().contains(c.getValue()), c.getKey() + " -> " + run.err());
    }
    var missing = lint(EKS, "--baseline", tmp.resolve("none.json").toString());
    assertEquals("transship: " + tmp.resolve("none.json") + ": no such file", missing.err().strip());
    Path ok = Files.writeString(tmp.resolve("ok.json"), valid);
    assertEquals(1, lint(EKS, "--baseline", ok.toString()).exitCode(), "an empty baseline hides nothing");
  }

  @Test
  void aTarballWithNoItemIsNotACleanBackup() throws Exception {
    Path junk = tmp.resolve("junk.tar.gz");
    Files.write(junk, new dev.transship.testing.TarBuilder().file("backup/resources/pods/namespaces/a/p.json", "{}").build());
    var run = lint(junk.toString());
    assertEquals(2, run.exitCode(), run.out());
    assertTrue(run.err().startsWith("transship: " + junk + ": no item Velero would restore; entries such as 'backup/resources/"), run.err());
  }

  @Test
  void usageMistakesAreOneLineNamingTheBadValue() {
    var cases = java.util.Map.of(
        List.of(EKS, "--format", "yaml"), "transship: -o must be text, json, sarif, junit or github, not 'yaml'; see 'transship lint --help'",
        List.of(EKS, "-o", "report.sarif"), "transship: -o takes a format (text, json, sarif, junit or github), not a file: write to "
            + "report.sarif with --output-file report.sarif; see 'transship lint --help'",
        List.of(EKS, "--output-file", "json"), "transship: --output-file json looks like a format: did you mean -o json? (a file name has an "
            + "extension or a folder); see 'transship lint --help'",
        List.of(EKS, "--fail-on", "always"), "transship: --fail-on must be error, warning or never, not 'always'; see 'transship lint --help'",
        List.of(EKS, "--fail-0n", "never"), "transship: Unknown options: '--fail-0n', 'never' (did you mean --fail-on?); see 'transship lint --help'",
        List.of("--list-checks", EKS), "transship: --list-checks takes no BACKUP or --manifests; see 'transship lint --help'",
        List.of("--list-checks", "--format", "sarif"), "transship: -o must be text, markdown or json, not 'sarif'; see 'transship lint --help'",
        List.of(EKS, "--set", "region=x"), "transship: --set and --values need --rules; see 'transship lint --help'");
    for (var c : cases.entrySet()) {
      var run = lint(c.getKey().toArray(String[]::new));
      assertEquals(2, run.exitCode(), c.getKey().toString());
      assertEquals(c.getValue(), run.err().strip());
      assertEquals("", run.out());
    }
    assertEquals(0, lint(EKS, "--format", "JSON", "--fail-on", "Never").exitCode(), "values are case-insensitive, like --target");
  }

  @Test
  void manifestsMayBeOneFileButNotAnEmptyFolderOrBrokenYaml() throws Exception {
    Path dir = Files.createDirectories(tmp.resolve("m"));
    Path file = Files.writeString(dir.resolve("c.yaml"), "apiVersion: batch/v1\nkind: CronJob\nmetadata: {name: c, namespace: a}\nspec: {schedule: \"@daily\"}\n");
    var one = lint("--manifests", file.toString(), "--fail-on", "warning");
    assertEquals(1, one.exitCode(), one.err());
    assertTrue(one.out().contains("CronJob a/c"), one.out());
    var empty = lint("--manifests", Files.createDirectories(tmp.resolve("empty")).toString());
    assertEquals("transship: " + tmp.resolve("empty") + ": no manifests (.yaml, .yml or .json files) in this folder", empty.err().strip());
    Files.writeString(file, "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n   namespace: b\n");
    var broken = lint("--manifests", dir.toString());
    assertEquals("transship: " + file + ":5:13: not valid YAML (mapping values are not allowed here)", broken.err().strip());
    Files.writeString(file, "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\ndata: {x: \"1\", x: \"2\"}\n");
    var duplicate = lint("--manifests", dir.toString());
    assertEquals(2, duplicate.exitCode());
    assertTrue(duplicate.err().contains("not valid YAML (Duplicate field 'x')"), duplicate.err());
  }

  @Test
  void outputsNeverReplaceAnInputOrEachOther() throws Exception {
    Path tarball = Files.copy(Backups.eksSample().resolve("eks-shop-nightly-20261120.tar.gz"), tmp.resolve("self.tar.gz"));
    byte[] before = Files.readAllBytes(tarball);
    var self = lint(tarball.toString(), "--output-file", tarball.toString());
    assertEquals(2, self.exitCode());
    assertEquals("transship: " + tarball + ": --output-file would overwrite an input of this run (" + tarball + "); write elsewhere", self.err().strip());
    assertTrue(java.util.Arrays.equals(before, Files.readAllBytes(tarball)));
    Path both = tmp.resolve("both.json");
    assertEquals(2, lint(EKS, "--output-file", both.toString(), "--write-baseline", both.toString()).exitCode());
    assertFalse(Files.exists(both));
    Path dir = Files.createDirectories(tmp.resolve("m"));
    Path manifest = Files.writeString(dir.resolve("c.yaml"), "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c, namespace: a}\n");
    assertEquals(2, lint("--manifests", manifest.toString(), "--output-file", manifest.toString()).exitCode(), "the manifest itself");
    assertEquals(2, lint("--manifests", dir.toString(), "--output-file", dir.resolve("report.yaml").toString()).exitCode(), "into the folder being linted");
    Path pack = Files.copy(Backups.repoRoot().resolve("rules/eks-to-gke.yaml"), tmp.resolve("pack.yaml"));
    assertEquals(2, lint(EKS, "--rules", pack.toString(), "--set", "gcpProject=acme-prod-123", "--output-file", pack.toString()).exitCode());
    assertTrue(Files.readString(pack).contains("kind: RuleSet"), "the rule pack is untouched");
  }

  @Test
  void aReportThatCannotBeWrittenToAFileFailsInEveryFormat() {
    if (!Files.isWritable(Path.of("/dev/full"))) {
      return;
    }
    for (String format : List.of("text", "json", "sarif", "junit", "github")) {
      var run = lint(EKS, "--format", format, "--fail-on", "never", "--output-file", "/dev/full");
      assertEquals(2, run.exitCode(), format + ": " + run.err());
      assertTrue(run.err().startsWith("transship: /dev/full: cannot write"), run.err());
    }
  }

  @Test
  void aTarballWithNoEntriesIsNotABackup() throws Exception {
    Path notTar = tmp.resolve("hi.tar.gz");
    try (var out = new java.util.zip.GZIPOutputStream(Files.newOutputStream(notTar))) {
      out.write("hi\n".getBytes());
    }
    var run = lint(notTar.toString());
    assertEquals(2, run.exitCode());
    assertEquals("transship: " + notTar + ": no files at all: an empty tarball, or gzip data that is not a tar archive", run.err().strip());
  }
}
