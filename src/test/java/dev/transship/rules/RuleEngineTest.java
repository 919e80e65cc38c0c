package dev.transship.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.transship.TransshipException;
import dev.transship.archive.ArchiveItem;
import dev.transship.archive.ItemPath;
import dev.transship.convert.BuiltIns;
import dev.transship.convert.Converters;
import dev.transship.pipeline.Outcome;
import dev.transship.finding.Severity;
import dev.transship.kube.Json;
import dev.transship.testing.Actions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RuleEngineTest {
  @TempDir Path tmp;

  private static final String DEPLOYMENT = """
      apiVersion: apps/v1
      kind: Deployment
      metadata:
        name: web
        namespace: shop
        labels: {app: web}
        annotations: {eks.amazonaws.com/compute-type: ec2, keep: "yes"}
        finalizers: [foo.k8s.aws/cleanup, kubernetes.io/keep]
      spec:
        replicas: 3
        template:
          spec:
            containers: [{name: web, image: "123456789012.dkr.ecr.us-east-1.amazonaws.com/shop/web:1.4.2"}]
      """;

  private RuleEngine engine(String rulesYaml, OnError onError) throws Exception {
    Path file = tmp.resolve("pack.yaml");
    Files.writeString(file, "apiVersion: transship.dev/v1alpha1\nkind: RuleSet\nmetadata: {name: t}\n" + rulesYaml);
    return new RuleEngine(RulePack.load(file, BuiltIns.VOCABULARY).bind(ParameterValues.of(List.of(), List.of())), onError);
  }

  private static ArchiveItem item(String yaml) {
    ObjectNode object = Actions.yaml(yaml);
    return new ArchiveItem(ItemPath.legacy(Actions.keyOf(object)), Json.bytes(object), object);
  }

  @Test
  void rulesChainEachSeeingThePreviousOutput() throws Exception {
    RuleEngine engine = engine("""
        rules:
          - name: mark
            match: {resources: ["deployments.apps"]}
            actions: [{setLabels: {migrated: "yes"}}]
          - name: only-marked
            match: {labelSelector: "migrated=yes"}
            actions: [{mergePatch: {spec: {replicas: 0}}}]
        """, OnError.FAIL);
    Outcome outcome = engine.transform(item(DEPLOYMENT));
    assertTrue(outcome.changed());
    ObjectNode result = outcome.objects().get(0).object();
    assertEquals("yes", result.at("/metadata/labels/migrated").asText());
    assertEquals(0, result.at("/spec/replicas").asInt(), "the second rule matched on the first rule's label");
  }

  @Test
  void aSecretWhoseDataARuleChangesLosesKubectlsCopyOfTheOldData() throws Exception {
    String secret = """
        apiVersion: v1
        kind: Secret
        metadata:
          name: api
          namespace: shop
          annotations:
            kubectl.kubernetes.io/last-applied-configuration: '{"apiVersion":"v1","data":{"token":"b2xk"},"kind":"Secret"}'
        data: {token: b2xk}
        """;
    RuleEngine rewrite = engine("""
        rules:
          - name: new-token
            match: {resources: [secrets]}
            actions: [{mergePatch: {data: {token: bmV3}}}]
        """, OnError.FAIL);
    Outcome rewritten = rewrite.transform(item(secret));
    assertTrue(rewritten.objects().get(0).object().at("/metadata/annotations/kubectl.kubernetes.io~1last-applied-configuration").isMissingNode(),
        "the old value must not survive in the annotation");
    assertTrue(rewritten.findings().stream().anyMatch(f -> f.check().equals("secret-last-applied-removed")), rewritten.findings().toString());

    RuleEngine label = engine("""
        rules:
          - name: label
            match: {resources: [secrets]}
            actions: [{setLabels: {moved: "yes"}}]
        """, OnError.FAIL);
    Outcome labelled = label.transform(item(secret));
    assertTrue(labelled.objects().get(0).object().at("/metadata/annotations/kubectl.kubernetes.io~1last-applied-configuration").isTextual(),
        "data untouched: kubectl's copy still matches");
  }

  @Test
  void unmatchedObjectsAreWrittenByteForByte() throws Exception {
    RuleEngine engine = engine("rules:\n  - {name: x, match: {resources: [pods]}, actions: [{drop: r}]}\n", OnError.FAIL);
    ArchiveItem item = item(DEPLOYMENT);
    Outcome outcome = engine.transform(item);
    assertFalse(outcome.changed());
    assertTrue(outcome.objects().get(0).raw() == item.raw());
  }

  @Test
  void genericActionsEditMetadata() throws Exception {
    RuleEngine engine = engine("""
        rules:
          - name: strip-aws
            actions:
              - removeAnnotations: ["eks.amazonaws.com/*"]
              - removeFinalizers: ["*.k8s.aws/*"]
              - removeLabels: [app]
        """, OnError.FAIL);
    Outcome outcome = engine.transform(item(DEPLOYMENT));
    ObjectNode result = outcome.objects().get(0).object();
    assertEquals("{\"keep\":\"yes\"}", result.at("/metadata/annotations").toString());
    assertEquals("[\"kubernetes.io/keep\"]", result.at("/metadata/finalizers").toString());
    assertTrue(result.at("/metadata/labels").isMissingNode());
    assertEquals(1, outcome.findings().size());
    assertEquals("finalizer-removed", outcome.findings().get(0).check());
  }

  /**
   * A generic action's change is reported by the engine. JsonNode's own hash sums key ^ value per
   * field, so a label whose value is its key (app: app) hashes to nothing, and removing it went unseen.
   */
  @Test
  void aGenericActionsChangeIsReportedWhateverTheFieldItRemoves() throws Exception {
    RuleEngine engine = engine("rules:\n  - {name: strip-app, actions: [{removeLabels: [app]}]}\n", OnError.FAIL);
    Outcome outcome = engine.transform(item(DEPLOYMENT.replace("labels: {app: web}", "labels: {app: app, tier: web}")));
    assertTrue(outcome.changed());
    assertEquals("{\"tier\":\"web\"}", outcome.objects().get(0).object().at("/metadata/labels").toString());
    assertEquals(List.of("rule-changed"), outcome.findings().stream().map(f -> f.check()).toList());

    Outcome untouched = engine.transform(item(DEPLOYMENT.replace("labels: {app: web}", "labels: {tier: web}")));
    assertFalse(untouched.changed());
    assertEquals(List.of(), untouched.findings(), "nothing removed, nothing said");
  }

  @Test
  void jsonPatchFailureStopsTheConversionNamingObjectAndRule() throws Exception {
    RuleEngine engine = engine("rules:\n  - name: bad-patch\n    actions: [{jsonPatch: [{op: remove, path: /spec/nodeSelector}]}]\n", OnError.FAIL);
    String message = assertThrows(TransshipException.class, () -> engine.transform(item(DEPLOYMENT))).getMessage();
    assertTrue(message.startsWith("rule 'bad-patch' ("), message);
    assertTrue(message.contains("failed on Deployment shop/web: JSON patch failed"), message);
  }

  @Test
  void reportModeKeepsTheObjectUnchangedWithAnErrorFinding() throws Exception {
    RuleEngine engine = engine("""
        rules:
          - {name: first, actions: [{setLabels: {a: b}}]}
          - {name: bad-patch, actions: [{jsonPatch: [{op: remove, path: /spec/nodeSelector}]}]}
        """, OnError.REPORT);
    ArchiveItem item = item(DEPLOYMENT);
    Outcome outcome = engine.transform(item);
    assertFalse(outcome.changed(), "not half-patched: the first rule's label is not kept either");
    assertEquals(item.object(), outcome.objects().get(0).object());
    assertEquals(Severity.ERROR, outcome.findings().get(0).severity());
    assertEquals("rule-failed", outcome.findings().get(0).check());
  }

  @Test
  void dropRemovesTheObjectWithItsReason() throws Exception {
    RuleEngine engine = engine("rules:\n  - {name: x, actions: [{drop: {reason: not needed on GKE}}, {setLabels: {a: b}}]}\n", OnError.FAIL);
    Outcome outcome = engine.transform(item(DEPLOYMENT));
    assertTrue(outcome.objects().isEmpty());
    assertEquals("dropped: not needed on GKE", outcome.findings().get(0).message());
  }

  @Test
  void generateAddsAnObjectUnderItsResourceDirectory() throws Exception {
    RuleEngine engine = engine("""
        rules:
          - name: gen
            match: {resources: ["deployments.apps"]}
            actions:
              - generate:
                  apiVersion: v1
                  kind: ConfigMap
                  metadata: {name: "${object.metadata.name}-origin"}
                  data: {cluster: prod-eks-1}
        """, OnError.FAIL);
    Outcome outcome = engine.transform(item(DEPLOYMENT));
    assertEquals(2, outcome.objects().size());
    var generated = outcome.objects().get(1);
    assertEquals("configmaps shop/web-origin", generated.key().toString());
    assertEquals("Deployment shop/web", generated.kube().annotation("transship.dev/generated-from"));
  }

  @Test
  void matchesByNamespaceGlobAndNameRegex() throws Exception {
    RuleEngine engine = engine("rules:\n  - {name: x, match: {namespaces: [\"sh*\"], names: \"^we\"}, actions: [{setLabels: {m: y}}]}\n", OnError.FAIL);
    assertTrue(engine.transform(item(DEPLOYMENT)).changed());
    RuleEngine other = engine("rules:\n  - {name: x, match: {namespaces: [pay*]}, actions: [{setLabels: {m: y}}]}\n", OnError.FAIL);
    assertFalse(other.transform(item(DEPLOYMENT)).changed());
  }

  @Test
  void rewriteImagesUsesCaptureGroupsInEveryContainerAndTheFirstMatchWins() throws Exception {
    RuleEngine engine = engine("""
        rules:
          - name: move-images
            actions:
              - rewriteImages:
                  - {from: '123456789012\\.dkr\\.ecr\\.us-east-1\\.amazonaws\\.com/(.*)', to: 'europe-docker.pkg.dev/acme/$1'}
                  - {from: '(.*)', to: 'never/$1'}
        """, OnError.FAIL);
    Outcome outcome = engine.transform(item(DEPLOYMENT));
    assertEquals("europe-docker.pkg.dev/acme/shop/web:1.4.2", outcome.objects().get(0).object().at("/spec/template/spec/containers/0/image").asText());
    assertEquals("image-rewritten", outcome.findings().get(0).check());
  }

  @Test
  void setAnnotationsOverwritesAndMatchesCelConditions() throws Exception {
    RuleEngine engine = engine("""
        parameters:
          owner: {type: string, default: platform}
        rules:
          - name: annotate-big
            match: {when: "object.spec.replicas > 2 && params.owner == 'platform'"}
            actions: [{setAnnotations: {keep: "no", owner: "${owner}"}}]
        """, OnError.FAIL);
    ObjectNode result = engine.transform(item(DEPLOYMENT)).objects().get(0).object();
    assertEquals("no", result.at("/metadata/annotations/keep").asText());
    assertEquals("platform", result.at("/metadata/annotations/owner").asText());
    ObjectNode small = Actions.yaml(DEPLOYMENT.replace("replicas: 3", "replicas: 1"));
    assertFalse(engine.transform(new ArchiveItem(ItemPath.legacy(Actions.keyOf(small)), Json.bytes(small), small)).changed());
  }

  private RuleEngine engine(String packYaml, String... sets) throws Exception {
    Path file = tmp.resolve("pack.yaml");
    Files.writeString(file, "apiVersion: transship.dev/v1alpha1\nkind: RuleSet\nmetadata: {name: t}\n" + packYaml);
    return new RuleEngine(RulePack.load(file, BuiltIns.VOCABULARY).bind(ParameterValues.of(List.of(), List.of(sets))), OnError.FAIL);
  }

  private static final String TWO_STORAGE_RULES = """
      parameters:
        classes: {type: map, default: {io1: premium-rwo}}
      rules:
        - name: claims
          match: {resources: [persistentvolumeclaims]}
          actions: [{convert: storageClassMap, with: {classes: "${classes}"}}]
        - name: statefulsets
          match: {resources: [statefulsets.apps]}
          actions: [{convert: storageClassMap, with: {classes: "${classes}"}}]
      """;
  private static final String CLAIM = """
      apiVersion: v1
      kind: PersistentVolumeClaim
      metadata: {name: data, namespace: shop}
      spec: {storageClassName: gp2}
      """;
  private static final String STATEFUL_SET = """
      apiVersion: apps/v1
      kind: StatefulSet
      metadata: {name: db, namespace: shop}
      spec:
        volumeClaimTemplates: [{metadata: {name: data}, spec: {storageClassName: gp3}}]
      """;

  @Test
  void aUserValueFeedingTwoActionsIsUnmatchedOnlyWhereNeitherFindsIt() throws Exception {
    RuleEngine engine = engine(TWO_STORAGE_RULES, "classes={gp2: standard-rwo, gp3: standard-rwo, gp9: standard-rwo}");
    engine.transform(item(CLAIM));
    engine.transform(item(STATEFUL_SET));
    String message = assertThrows(TransshipException.class, engine::finish).getMessage();
    assertEquals("parameter classes (--set): key 'gp9' occurs nowhere in the backup; storage classes seen: gp2, gp3", message);
  }

  @Test
  void packDefaultsAndLiteralValuesAreNotCheckedAgainstTheBackup() throws Exception {
    RuleEngine defaults = engine(TWO_STORAGE_RULES);
    assertFalse(defaults.transform(item(CLAIM)).findings().isEmpty(), "gp2 has no mapping: a warning, not a stop");
    defaults.finish();
    RuleEngine literal = engine("""
        rules:
          - name: claims
            actions: [{convert: storageClassMap, with: {classes: {io9: premium-rwo}}}]
        """);
    literal.transform(item(CLAIM));
    literal.finish();
  }

  @Test
  void theCheckRunsOnceEveryObjectWasSeenNotBefore() throws Exception {
    RuleEngine engine = engine(TWO_STORAGE_RULES, "classes={gp9: standard-rwo}");
    // the value may still occur in an object not seen yet: converting goes on...
    assertFalse(engine.transform(item(CLAIM)).objects().isEmpty());
    // ...until the end of the backup, before anything is published
    assertThrows(TransshipException.class, engine::finish);
    RuleEngine matched = engine(TWO_STORAGE_RULES, "classes={gp2: standard-rwo}");
    matched.transform(item(CLAIM));
    assertTrue(matched.finish().objects().isEmpty());
  }
}
