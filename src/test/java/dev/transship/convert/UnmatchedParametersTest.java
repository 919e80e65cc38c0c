package dev.transship.convert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.transship.testing.Backups;
import dev.transship.testing.Cli;
import dev.transship.testing.TarBuilder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A parameter value that occurs nowhere in the backup is almost always a typo: the conversion stops
 * with exit 2 before anything is written, naming the parameter and the values the backup does hold.
 */
class UnmatchedParametersTest {
  @TempDir Path tmp;

  private static final Path ROOT = Backups.repoRoot();
  private static final String EKS_PACK = ROOT.resolve("rules/eks-to-gke.yaml").toString();
  private static final String EKS_VALUES = ROOT.resolve("sample-backups/eks-shop/values-gke.yaml").toString();
  private static final String MOVE_PACK = ROOT.resolve("rules/gke-project-move.yaml").toString();
  private static final String UPGRADE_PACK = ROOT.resolve("rules/eks-upgrade.yaml").toString();
  private static final String ECR = "123456789012.dkr.ecr.us-east-1.amazonaws.com";
  private static final String ROLE = "arn:aws:iam::123456789012:role/";
  private static final String TARGET_GROUP = "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/";

  private Cli.Run convert(Path backup, String... args) {
    List<String> all = new ArrayList<>(List.of("convert", backup.toString(), "--to", tmp.resolve("out").toString(), "--name", "converted",
        "--fail-on", "never"));
    all.addAll(List.of(args));
    return Cli.run(all.toArray(String[]::new));
  }

  /** Exit 2 with one line that says {@code expected}, and no backup (nor the location folder) written. */
  private String assertStopped(Cli.Run run, String expected) {
    assertEquals(2, run.exitCode(), run.out() + run.err());
    assertTrue(run.err().contains(expected), run.err());
    assertEquals(1, run.err().strip().lines().count(), run.err());
    assertFalse(Files.exists(tmp.resolve("out/backups/converted")), "no backup may be written");
    assertFalse(Files.exists(tmp.resolve("out")), "nothing may be written at --to");
    return run.err();
  }

  @Test
  void fromProjectTypoStopsAndListsTheProjectsSeen() {
    String err = assertStopped(convert(Backups.gkeSample(), "--rules", MOVE_PACK, "--set", "fromProject=acme-prod-132",
            "--set", "toProject=acme-prod-456"),
        "parameter fromProject (--set): 'acme-prod-132' occurs nowhere in the backup; projects seen: acme-prod-123");
    assertFalse(err.contains("acme-prod-123-exports"), "a Pub/Sub topic is not a project: " + err);
  }

  @Test
  void registryKeyMatchingNoImageStopsAndListsTheRegistriesSeen() {
    assertStopped(convert(Backups.eksSample(), "--rules", EKS_PACK, "--values", EKS_VALUES,
            "--set", "registries={\"123456789021.dkr.ecr.us-east-1.amazonaws.com\": europe-west1-docker.pkg.dev/acme-prod-123/shop}"),
        "parameter registries (--set): key '123456789021.dkr.ecr.us-east-1.amazonaws.com' occurs nowhere in the backup; "
            + "ECR registries of images seen: " + ECR);
  }

  @Test
  void registryKeyWithAPathMatchesOnlyImagesUnderIt() {
    assertStopped(convert(Backups.eksSample(), "--rules", EKS_PACK, "--values", EKS_VALUES,
            "--set", "registries={\"" + ECR + "\": europe-west1-docker.pkg.dev/acme-prod-123/shop, \"" + ECR
                + "/no-such-repo\": europe-west1-docker.pkg.dev/acme-prod-123/other}"),
        "parameter registries (--set): key '" + ECR + "/no-such-repo' occurs nowhere in the backup");
  }

  @Test
  void iamRoleKeyMatchingNoServiceAccountStopsAndListsTheRolesSeen() throws Exception {
    Path values = tmp.resolve("values.yaml");
    Files.writeString(values, Files.readString(Path.of(EKS_VALUES)).replace("role/payments-billing", "role/payment-billing"));
    assertStopped(convert(Backups.eksSample(), "--rules", EKS_PACK, "--values", values.toString()),
        "parameter serviceAccounts (" + values + "): key '" + ROLE + "payment-billing' occurs nowhere in the backup; "
            + "IAM roles (eks.amazonaws.com/role-arn) seen: " + ROLE + "payments-billing, " + ROLE + "shop-web");
  }

  @Test
  void storageClassKeysMatchingNothingStopInOneLine() {
    assertStopped(convert(Backups.eksSample(), "--rules", EKS_PACK, "--values", EKS_VALUES,
            "--set", "storageClasses={gp2: standard-rwo, gp-3: standard-rwo, io9: premium-rwo}"),
        "parameter storageClasses (--set): keys 'gp-3', 'io9' occur nowhere in the backup; storage classes seen: efs-sc, fast, gp2, gp3");
  }

  @Test
  void ebsTypeKeysMatchingNoStorageClassStop() {
    assertStopped(convert(Backups.eksSample(), "--rules", EKS_PACK, "--values", EKS_VALUES,
            "--set", "ebsTypes={gp3: standard-rwo, io2: premium-rwo, io1: premium-rwo}"),
        "parameter ebsTypes (--set): key 'io1' occurs nowhere in the backup; EBS volume types of StorageClasses seen: gp2, gp3, io2");
  }

  @Test
  void schedulingKeysMatchingNoPodSpecStopAndListWhatTheBackupSelects() throws Exception {
    Path values = tmp.resolve("values.yaml");
    Files.writeString(values, Files.readString(Path.of(EKS_VALUES))
        .replace("karpenter.sh/capacity-type=spot:", "karpenter.sh/capacity-type=SPOT:").replace("us-east-1b:", "us-east-1c:"));
    String err = assertStopped(convert(Backups.eksSample(), "--rules", EKS_PACK, "--values", values.toString()),
        "parameter nodeLabels (" + values + "): key 'karpenter.sh/capacity-type=SPOT' occurs nowhere in the backup; node labels seen: ");
    assertTrue(err.contains("karpenter.sh/capacity-type=spot"), "the spelling the backup holds is listed: " + err);
    assertTrue(err.contains("parameter zones (" + values + "): key 'us-east-1c' occurs nowhere in the backup; zones seen: us-east-1a, us-east-1b"), err);
  }

  @Test
  void staticIpKeyNamingNoIngressStopsAndListsTheIngressesSeen() {
    assertStopped(convert(Backups.eksSample(), "--rules", EKS_PACK, "--values", EKS_VALUES,
            "--set", "staticIps={shop/web: shop-ip, shop/wbe: other-ip}"),
        "parameter staticIps (--set): key 'shop/wbe' occurs nowhere in the backup; Ingresses (namespace/name) seen: ");
  }

  @Test
  void targetGroupKeyMatchingNoBindingStopsAndListsTheBindingsSeen() {
    assertStopped(convert(Backups.eksSample(), "--rules", UPGRADE_PACK,
            "--set", "targetGroups={shop/web-tg: \"" + TARGET_GROUP + "green-web/fedcba9876543210\"}"),
        "parameter targetGroups (--set): key 'shop/web-tg' occurs nowhere in the backup; TargetGroupBindings (namespace/name) "
            + "and target group ARNs seen: " + TARGET_GROUP + "k8s-shop-web-1a2b3c4d5e/0123456789abcdef, shop/web-tgb");
  }

  @Test
  void everyUnmatchedParameterIsNamedInTheSameLine() {
    String err = assertStopped(convert(Backups.eksSample(), "--rules", EKS_PACK, "--values", EKS_VALUES,
            "--set", "storageClasses={gp22: standard-rwo}",
            "--set", "serviceAccounts={\"" + ROLE + "web\": web@acme-prod-123.iam.gserviceaccount.com}"),
        "parameter storageClasses (--set): key 'gp22' occurs nowhere");
    assertTrue(err.contains("; parameter serviceAccounts (--set): key '" + ROLE + "web' occurs nowhere"), err);
  }

  @Test
  void aDryRunAndLintStopTooAndAPlanIsNotWritten() {
    Path plan = tmp.resolve("plan.yaml");
    Path report = tmp.resolve("report.html");
    String[] typo = {"--rules", MOVE_PACK, "--set", "fromProject=acme-prod-12", "--set", "toProject=acme-prod-456"};
    assertStopped(convert(Backups.gkeSample(), concat(typo, "--plan", plan.toString(), "--report", report.toString())),
        "parameter fromProject (--set)");
    assertFalse(Files.exists(plan) || Files.exists(report));
    assertStopped(convert(Backups.gkeSample(), concat(typo, "--dry-run")), "parameter fromProject (--set)");
    Cli.Run lint = Cli.run(concat(new String[] {"lint", Backups.gkeSample().toString(), "--fail-on", "never"}, typo));
    assertEquals(2, lint.exitCode(), lint.err());
    assertTrue(lint.err().contains("'acme-prod-12' occurs nowhere in the backup"), lint.err());
  }

  @Test
  void packDefaultsAreNotChecked() {
    // eks-to-gke maps io1, io2, st1 and sc1 by default; the sample has none of them
    Cli.Run run = convert(Backups.eksSample(), "--rules", EKS_PACK, "--set", "gcpProject=acme-prod-123",
        "--set", "registries={\"" + ECR + "\": europe-west1-docker.pkg.dev/acme-prod-123/shop}");
    assertEquals(0, run.exitCode(), run.err());
  }

  @Test
  void documentedExamplesStillConvert() {
    // README, scripts/demo.sh and scripts/e2e.py: the eks-shop values file, and the gke-store project move
    Cli.Run eks = convert(Backups.eksSample(), "--rules", EKS_PACK, "--values", EKS_VALUES);
    assertEquals(0, eks.exitCode(), eks.err());
    Cli.Run move = Cli.run("convert", Backups.gkeSample().toString(), "--to", tmp.resolve("moved").toString(), "--name", "moved",
        "--fail-on", "never", "--rules", MOVE_PACK, "--set", "fromProject=acme-prod-123", "--set", "toProject=acme-next-456",
        "--set", "bridgeCertName=store-bridge");
    assertEquals(0, move.exitCode(), move.err());
  }

  @Test
  void aProjectOnlyASecretMentionsCountsButSecretValuesAreNeverListed() throws Exception {
    String secretData = Base64.getEncoder().encodeToString("{\"project_id\": \"hidden-proj-42\"}".getBytes(StandardCharsets.UTF_8));
    byte[] tarball = new TarBuilder().file("metadata/version", "1.1.0")
        .file("resources/secrets/namespaces/shop/key.json", "{\"apiVersion\":\"v1\",\"kind\":\"Secret\",\"metadata\":{\"name\":\"key\","
            + "\"namespace\":\"shop\"},\"data\":{\"key.json\":\"" + secretData + "\"}}")
        .file("resources/configmaps/namespaces/shop/topics.json", "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":"
            + "{\"name\":\"topics\",\"namespace\":\"shop\"},\"data\":{\"topic\":\"projects/visible-proj-1/topics/orders\"}}")
        .build();
    Path backup = Files.write(tmp.resolve("secret-only.tar.gz"), tarball);
    String err = assertStopped(convert(backup, "--rules", MOVE_PACK, "--set", "fromProject=hidden-proj-41", "--set", "toProject=new-proj-1"),
        "'hidden-proj-41' occurs nowhere in the backup; projects seen: visible-proj-1");
    assertFalse(err.contains("hidden-proj-42"), err);
    Cli.Run found = convert(backup, "--rules", MOVE_PACK, "--set", "fromProject=hidden-proj-42", "--set", "toProject=new-proj-1");
    assertEquals(0, found.exitCode(), found.err());
  }

  private static String[] concat(String[] first, String... more) {
    List<String> all = new ArrayList<>(List.of(first));
    all.addAll(List.of(more));
    return all.toArray(String[]::new);
  }
}
