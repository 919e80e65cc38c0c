package dev.transship.convert.addons;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.transship.kube.KubeObject;
import dev.transship.testing.Actions;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The catalogue is data; these hold it to the promises the converter's cheap look relies on. */
class SourceCloudAddonsTest {
  @Test
  void everyImageAndChartLabelOutsideTheAlwaysParsedPlacesCarriesAMarker() {
    for (SourceCloudAddon addon : SourceCloudAddons.ALL) {
      for (String value : concat(addon.images(), List.copyOf(addon.labelValues()))) {
        assertTrue(SourceCloudAddons.MARKERS.stream().anyMatch(value::contains),
            addon.name() + ": " + value + " holds none of " + SourceCloudAddons.MARKERS + ", so mayApply would pass it by");
      }
    }
  }

  @Test
  void everyProgramFlagValueCarriesAMarker() {
    for (SourceCloudAddon addon : SourceCloudAddons.ALL) {
      for (SourceCloudAddon.ProgramFlag flag : addon.flags()) {
        for (String value : flag.values()) {
          assertTrue(SourceCloudAddons.MARKERS.stream().anyMatch(value::contains), addon.name() + ": " + flag.flag() + "=" + value);
        }
      }
    }
  }

  /** One walk over the containers answers as the add-on by add-on walk did: catalogue order wins, then container order. */
  @Test
  void theFirstAddonInCatalogueOrderWinsWhateverOrderTheContainersRunIn() {
    KubeObject pod = new KubeObject(Actions.yaml("""
        apiVersion: v1
        kind: Pod
        metadata: {name: mixed, namespace: platform}
        spec:
          initContainers:
          - {name: dns, image: "registry.example.com/eks/coredns:v1.11.3"}
          containers:
          - {name: other-cni, image: "registry.example.com/my-amazon-k8s-cni:1"}
          - {name: cni, image: "602401143452.dkr.ecr.us-east-1.amazonaws.com/amazon-k8s-cni:v1.18.3"}
          - {name: cni-again, image: "amazon-k8s-cni:v1.18.2"}
        """));
    var sighting = SourceCloudAddons.of(pod).orElseThrow();
    assertEquals("Amazon VPC CNI (aws-node)", sighting.addon());
    assertEquals("runs 602401143452.dkr.ecr.us-east-1.amazonaws.com/amazon-k8s-cni:v1.18.3", sighting.because(),
        "a repository matches whole or after a slash, never inside a segment");
    assertTrue(SourceCloudAddons.of(new KubeObject(Actions.yaml("""
        apiVersion: v1
        kind: Pod
        metadata: {name: plain, namespace: platform}
        spec: {containers: [{name: a, image: "example.com/coredns:1"}, {name: b, image: "example.com/team/eks-coredns:1"}]}
        """))).isEmpty(), "coredns without eks/ is anyone's");
  }

  @Test
  void eachWebhookServiceAndNamespaceBelongsToOneAddon() {
    for (List<String> kind : List.of(List.of("webhookServices"), List.of("namespaces"))) {
      Set<String> seen = new HashSet<>();
      for (SourceCloudAddon addon : SourceCloudAddons.ALL) {
        Set<String> values = kind.get(0).equals("namespaces") ? addon.namespaces() : addon.webhookServices();
        for (String value : values) {
          assertTrue(seen.add(value), kind.get(0) + " " + value + " is claimed by two add-ons");
        }
      }
    }
  }

  @Test
  void imageRepositoriesAreComparedWithoutHostTagOrDigest() {
    assertEquals("amazon-k8s-cni", SourceCloudAddon.Images.repository("602401143452.dkr.ecr.us-east-1.amazonaws.com/amazon-k8s-cni:v1.18.3"));
    assertEquals("karpenter/controller", SourceCloudAddon.Images.repository("public.ecr.aws/karpenter/controller:1.0.6@sha256:abc"));
    assertEquals("amazon/aws-for-fluent-bit", SourceCloudAddon.Images.repository("amazon/aws-for-fluent-bit:2.32.2"));
    assertEquals("registry:5000/eks/coredns".substring("registry:5000/".length()), SourceCloudAddon.Images.repository("registry:5000/eks/coredns"));
  }

  private static List<String> concat(List<String> a, List<String> b) {
    return java.util.stream.Stream.concat(a.stream(), b.stream()).toList();
  }
}
