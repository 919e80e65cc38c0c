package dev.transship.kube;

import static dev.transship.testing.Actions.yaml;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PodTemplatesTest {
  private static final String SPEC = """
      spec:
        initContainers: [{name: init, image: a}]
        containers: [{name: main, image: b}]
        ephemeralContainers: [{name: debug, image: c}]
      """;

  private static List<String> containers(String yaml) {
    List<String> out = new ArrayList<>();
    PodTemplates.forEachContainer(new KubeObject(yaml(yaml)), (t, c) -> out.add(t.path() + " " + c.describe() + " " + c.image()));
    return out;
  }

  @Test
  void findsEveryContainerKindOfABarePod() {
    assertEquals(List.of("spec initContainer init a", "spec container main b", "spec ephemeralContainer debug c"),
        containers("apiVersion: v1\nkind: Pod\nmetadata: {name: p, namespace: ns}\n" + SPEC));
  }

  @Test
  void findsTheTemplateOfEveryWorkloadKind() {
    for (String kind : List.of("apps/v1 Deployment", "apps/v1 StatefulSet", "apps/v1 DaemonSet", "apps/v1 ReplicaSet",
        "v1 ReplicationController", "batch/v1 Job", "extensions/v1beta1 Deployment")) {
      String[] parts = kind.split(" ");
      String object = "apiVersion: " + parts[0] + "\nkind: " + parts[1] + "\nmetadata: {name: w, namespace: ns}\nspec:\n  template:\n"
          + SPEC.indent(4);
      assertEquals(3, containers(object).size(), kind);
      assertTrue(containers(object).get(0).startsWith("spec.template.spec "), kind);
    }
  }

  @Test
  void findsTheJobTemplateOfACronJob() {
    String cronJob = "apiVersion: batch/v1\nkind: CronJob\nmetadata: {name: c, namespace: ns}\nspec:\n  schedule: '@daily'\n"
        + "  jobTemplate:\n    spec:\n      template:\n" + SPEC.indent(8);
    assertEquals("spec.jobTemplate.spec.template.spec container main b", containers(cronJob).get(1));
  }

  @Test
  void ignoresKindsWithoutPodsAndLookalikeCustomResources() {
    assertEquals(List.of(), containers("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c, namespace: ns}\ndata: {a: b}"));
    assertEquals(List.of(), containers("apiVersion: batch.volcano.sh/v1alpha1\nkind: Job\nmetadata: {name: j, namespace: ns}\n"
        + "spec:\n  template:\n" + SPEC.indent(4)));
    assertFalse(PodTemplates.holdsPods(new KubeObject(yaml("apiVersion: v1\nkind: Service\nmetadata: {name: s}"))));
  }

  @Test
  void ignoresAWorkloadWithoutATemplate() {
    assertEquals(List.of(), containers("apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d, namespace: ns}\nspec: {replicas: 1}"));
  }

  @Test
  void editsInPlace() {
    KubeObject pod = new KubeObject(yaml("""
        apiVersion: v1
        kind: Pod
        metadata: {name: p, namespace: ns, annotations: {a: "1"}}
        spec:
          containers:
          - name: main
            image: old
            env: [{name: KEEP, value: x}, {name: DROP, value: y}]
            volumeMounts: [{name: token, mountPath: /t}, {name: data, mountPath: /d}]
          volumes: [{name: token, projected: {sources: []}}, {name: data, emptyDir: {}}]
        """));
    PodTemplate template = PodTemplates.in(pod).get(0);
    Container main = template.containers().get(0);
    main.setImage("new");
    assertEquals(List.of("DROP"), main.removeEnv(Set.of("DROP", "ABSENT")));
    assertTrue(template.removeVolume("token"));
    assertTrue(template.removeAnnotation("a"));

    assertEquals("new", pod.node().at("/spec/containers/0/image").asText());
    assertEquals(1, pod.node().at("/spec/containers/0/env").size());
    assertEquals("data", pod.node().at("/spec/containers/0/volumeMounts/0/name").asText());
    assertEquals(1, pod.node().at("/spec/containers/0/volumeMounts").size());
    assertEquals(List.of("data"), template.volumes().stream().map(v -> v.path("name").asText()).toList());
    assertTrue(pod.annotations().isEmpty());
    assertFalse(pod.node().path("metadata").has("annotations"), "an emptied annotation map is removed");
  }

  @Test
  void removingTheLastEntryRemovesTheList() {
    KubeObject pod = new KubeObject(yaml("""
        apiVersion: v1
        kind: Pod
        metadata: {name: p, namespace: ns}
        spec:
          containers: [{name: main, image: i, env: [{name: ONLY, value: x}]}]
        """));
    PodTemplates.in(pod).get(0).containers().get(0).removeEnv(Set.of("ONLY"));
    assertFalse(pod.node().at("/spec/containers/0").has("env"));
  }
}
