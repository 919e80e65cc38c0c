package dev.transship.kube;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class KubeNamesTest {
  @Test
  void namesFollowTheApiServersRules() {
    assertTrue(KubeNames.isDnsLabel("velero"));
    assertFalse(KubeNames.isDnsLabel("Bad NS"));
    assertFalse(KubeNames.isDnsLabel("a".repeat(64)));
    assertTrue(KubeNames.isDnsSubdomain("eks-shop.nightly-1"));
    assertFalse(KubeNames.isDnsSubdomain("-starts-with-dash"));
    assertTrue(KubeNames.isPathSegmentName("system:node-proxier"), "RBAC names allow ':'");
    assertFalse(KubeNames.isPathSegmentName("Bad Name"));
    assertFalse(KubeNames.isPathSegmentName(".."));
  }

  @Test
  void labelKeysAndValues() {
    assertTrue(KubeNames.isQualifiedName("app.kubernetes.io/name"));
    assertTrue(KubeNames.isQualifiedName("team"));
    assertFalse(KubeNames.isQualifiedName("Bad Label!"));
    assertFalse(KubeNames.isQualifiedName("UPPER.example.com/x"), "the prefix is a DNS subdomain");
    assertFalse(KubeNames.isQualifiedName("x/" + "a".repeat(64)));
    assertTrue(KubeNames.isLabelValue(""));
    assertTrue(KubeNames.isLabelValue("shop-1.v2_x"));
    assertFalse(KubeNames.isLabelValue("b c"));
    assertFalse(KubeNames.isLabelValue("a".repeat(64)));
  }
}
