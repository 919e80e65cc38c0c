package dev.transship.convert.addons;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
