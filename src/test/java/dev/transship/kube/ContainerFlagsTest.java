package dev.transship.kube;

import static dev.transship.testing.Actions.yaml;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.junit.jupiter.api.Test;

class ContainerFlagsTest {
  private static final ObjectNode DEPLOYMENT = yaml("""
      apiVersion: apps/v1
      kind: Deployment
      metadata: {name: external-dns, namespace: dns}
      spec:
        template:
          spec:
            initContainers:
            - {name: init, image: busybox, args: [--provider]}
            containers:
            - name: a
              image: registry.k8s.io/external-dns/external-dns:v0.15.0
              command: [/external-dns, --provider=aws]
              args: [--txt-owner-id, prod-1, --provider, {not: text}, --provider-cache-time=1m]
              env: [{name: EXTERNAL_DNS_PROVIDER, value: aws-sd}, {name: EXTERNAL_DNS_PROVIDER, valueFrom: {configMapKeyRef: {name: c, key: k}}}]
      """);

  @Test
  void bothSpellingsAndTheEnvironmentInOrder() {
    KubeObject object = new KubeObject(DEPLOYMENT.deepCopy());
    List<String> values = ContainerFlags.of(object, "--provider", "EXTERNAL_DNS_PROVIDER").stream().map(ContainerFlags.Flag::value).toList();
    // a trailing flag without a value is none; a value that is not text reads as ""; --provider-cache-time is another flag
    assertEquals(List.of("aws", "", "aws-sd"), values);
    assertEquals(List.of("aws", ""), ContainerFlags.of(object, "--provider").stream().map(ContainerFlags.Flag::value).toList(),
        "without an env name the environment is not read");
  }

  @Test
  void setReplacesTheValueWhereItWasWritten() {
    KubeObject object = new KubeObject(DEPLOYMENT.deepCopy());
    ContainerFlags.of(object, "--txt-owner-id").get(0).set("prod-2");
    ContainerFlags.of(object, "--provider", "EXTERNAL_DNS_PROVIDER").forEach(f -> f.set("google"));
    ObjectNode container = (ObjectNode) object.node().at("/spec/template/spec/containers/0");
    assertEquals("[\"/external-dns\",\"--provider=google\"]", container.get("command").toString());
    assertEquals("prod-2", container.at("/args/1").asText());
    assertEquals("google", container.at("/args/3").asText());
    assertEquals("google", container.at("/env/0/value").asText());
  }
}
