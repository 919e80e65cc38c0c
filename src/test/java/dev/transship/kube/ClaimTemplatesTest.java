package dev.transship.kube;

import static dev.transship.testing.Actions.yaml;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.transship.kube.ClaimTemplates.ClaimTemplate;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClaimTemplatesTest {
  @Test
  void aStatefulSetsTemplatesComeFirstThenTheEphemeralVolumesOfItsPods() {
    KubeObject set = new KubeObject(yaml("""
        apiVersion: apps/v1
        kind: StatefulSet
        metadata: {name: db, namespace: a}
        spec:
          template:
            spec:
              containers: [{name: db, image: postgres}]
              volumes:
              - {name: cache, emptyDir: {}}
              - name: sort
                ephemeral: {volumeClaimTemplate: {metadata: {annotations: {volume.beta.kubernetes.io/storage-class: gp2}}, spec: {resources: {requests: {storage: 1Gi}}}}}
          volumeClaimTemplates:
          - {metadata: {name: data}, spec: {storageClassName: gp3}}
          - {spec: {storageClassName: io2}}
        """));
    List<ClaimTemplate> templates = ClaimTemplates.in(set);
    assertEquals(List.of("volumeClaimTemplates[data]", "volumeClaimTemplates[1]", "spec.template.spec.volumes[sort]"),
        templates.stream().map(ClaimTemplate::where).toList());
    assertEquals(List.of("volume claim template data", "volume claim template 1", "ephemeral volume sort"),
        templates.stream().map(ClaimTemplate::describe).toList());
    assertEquals(List.of("gp3", "io2", ""), templates.stream().map(ClaimTemplate::storageClassName).toList());
    assertEquals("gp2", templates.get(2).annotation("volume.beta.kubernetes.io/storage-class"));
    assertNull(templates.get(0).annotation("volume.beta.kubernetes.io/storage-class"));
  }

  @Test
  void onlyPodSpecsAndAppsStatefulSetsHoldClaimTemplates() {
    assertTrue(ClaimTemplates.in(new KubeObject(yaml("""
        apiVersion: example.com/v1
        kind: StatefulSet
        metadata: {name: x, namespace: a}
        spec: {volumeClaimTemplates: [{metadata: {name: data}, spec: {storageClassName: gp3}}]}
        """))).isEmpty());
    KubeObject cronJob = new KubeObject(yaml("""
        apiVersion: batch/v1
        kind: CronJob
        metadata: {name: c, namespace: a}
        spec:
          jobTemplate:
            spec:
              template:
                spec:
                  containers: [{name: c, image: busybox}]
                  volumes: [{name: work, ephemeral: {volumeClaimTemplate: {spec: {storageClassName: gp3}}}}]
        """));
    ClaimTemplate work = ClaimTemplates.in(cronJob).get(0);
    assertEquals("spec.jobTemplate.spec.template.spec.volumes[work]", work.where());
    assertEquals("gp3", work.spec().path("storageClassName").asText());
  }
}
