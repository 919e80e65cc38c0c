package dev.transship.convert.registry;

import static dev.transship.testing.Actions.yaml;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.transship.archive.ItemPath;
import dev.transship.archive.RawItem;
import dev.transship.finding.Finding;
import dev.transship.kube.Json;
import dev.transship.kube.KubeObject;
import dev.transship.rules.ActionContext;
import dev.transship.rules.ConverterConfig;
import dev.transship.rules.ObjectAction;
import dev.transship.testing.Actions;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Images of operators' custom resources, on a Spark operator application and an Argo workflow as their docs show them. */
class CustomResourceImagesTest {
  private static final String ECR = "123456789012.dkr.ecr.us-east-1.amazonaws.com";
  private static final String WITH = "{registries: {" + ECR + ": europe-west1-docker.pkg.dev/acme-prod/data}, "
      + "imagePaths: {sparkapplications.sparkoperator.k8s.io: '/spec/image, /spec/driver/sidecars/*/image'}}";

  private static final String SPARK = """
      apiVersion: sparkoperator.k8s.io/v1beta2
      kind: SparkApplication
      metadata: {name: spark-pi, namespace: analytics}
      spec:
        type: Scala
        mode: cluster
        image: %s/spark:3.5.1
        mainClass: org.apache.spark.examples.SparkPi
        mainApplicationFile: local:///opt/spark/examples/jars/spark-examples.jar
        sparkVersion: 3.5.1
        driver:
          cores: 1
          serviceAccount: spark
          sidecars: [{name: log-shipper, image: %s/fluent-bit:2.2}]
        executor: {cores: 1, instances: 2, image: %s/spark-gpu:3.5.1}
      """.formatted(ECR, ECR, ECR);

  private static ObjectAction converter() {
    return CustomResourceImages.SPEC.create(new ConverterConfig(yaml(WITH)));
  }

  private static List<String> checks(ActionContext ctx) {
    return ctx.findings().stream().map(Finding::check).toList();
  }

  @Test
  void declaredImageFieldsAreRewrittenAndOthersReportedWithTheirPath() throws Exception {
    ActionContext ctx = Actions.apply(converter(), yaml(SPARK));
    ObjectNode spec = (ObjectNode) ctx.object().node().path("spec");
    assertEquals("europe-west1-docker.pkg.dev/acme-prod/data/spark:3.5.1", spec.path("image").asText());
    assertEquals("europe-west1-docker.pkg.dev/acme-prod/data/fluent-bit:2.2", spec.at("/driver/sidecars/0/image").asText());
    assertEquals(ECR + "/spark-gpu:3.5.1", spec.at("/executor/image").asText(), "not declared: left, and reported");
    assertEquals(List.of("ecr-image-rewritten", "ecr-image-rewritten", "ecr-image-in-custom-resource"), checks(ctx));
    assertTrue(ctx.findings().get(2).message().startsWith("/spec/executor/image"), ctx.findings().get(2).message());
    assertTrue(ctx.findings().get(2).hint().contains("sparkapplications.sparkoperator.k8s.io: /spec/executor/image"));
  }

  @Test
  void anUndeclaredResourceIsReportedAndBuiltInsAreLeftToEcrToRegistry() throws Exception {
    ObjectNode workflow = yaml("""
        apiVersion: argoproj.io/v1alpha1
        kind: Workflow
        metadata: {name: etl, namespace: analytics}
        spec:
          entrypoint: main
          templates: [{name: main, container: {image: %s/etl:7, command: [python, run.py]}}]
        """.formatted(ECR));
    ActionContext ctx = Actions.apply(converter(), workflow);
    assertEquals(List.of("ecr-image-in-custom-resource"), checks(ctx));
    assertEquals(workflow, ctx.object().node());

    ObjectNode configMap = yaml("{apiVersion: v1, kind: ConfigMap, metadata: {name: c, namespace: a}, data: {image: '" + ECR + "/x:1'}}");
    ObjectAction action = converter();
    assertFalse(action.mayApply(new RawItem(ItemPath.legacy(Actions.keyOf(configMap)), "x", Json.bytes(configMap))), "built-in: never parsed");
    assertTrue(action.mayApply(new RawItem(ItemPath.legacy(Actions.keyOf(workflow)), "x", Json.bytes(workflow))));
  }

  @Test
  void imagePathsKeysThatNameNoResourceAreUnmatched() throws Exception {
    ObjectAction action = CustomResourceImages.SPEC.create(new ConverterConfig(yaml("{registries: {" + ECR + ": europe-west1-docker.pkg.dev/p/r}, "
        + "imagePaths: {sparkapplication.sparkoperator.k8s.io: /spec/image}}")));
    ObjectNode spark = yaml(SPARK);
    action.observe(Actions.keyOf(spark), new KubeObject(spark));
    assertEquals(List.of("sparkapplication.sparkoperator.k8s.io"),
        action.unmatched().stream().filter(u -> u.parameter().equals("imagePaths")).findFirst().orElseThrow().values());
  }

  @Test
  void aPathThatIsNotAPointerIsRefusedAtLoad() {
    var e = assertThrows(IllegalArgumentException.class, () -> CustomResourceImages.SPEC.create(new ConverterConfig(yaml(
        "{registries: {" + ECR + ": europe-west1-docker.pkg.dev/p/r}, imagePaths: {sparkapplications.sparkoperator.k8s.io: spec.image}}"))));
    assertTrue(e.getMessage().contains("not a JSON pointer"), e.getMessage());
  }
}
