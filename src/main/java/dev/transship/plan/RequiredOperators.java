package dev.transship.plan;

import com.fasterxml.jackson.databind.JsonNode;
import dev.transship.cloud.PlatformApis;
import dev.transship.kube.KubeObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The third-party APIs a converted backup restores: CustomResourceDefinitions the rules kept and
 * custom resources of groups the target does not serve by itself ({@link PlatformApis}). Their
 * operators must run in the target (or be installed there first) before the workloads that use
 * them arrive, so the plan stops at a gate before the first stage that restores one, naming each
 * API, where its CRD comes from and what installed it.
 */
final class RequiredOperators {
  static final String GATE = "install-operators";
  private static final String HELM_RELEASE = "meta.helm.sh/release-name";
  private static final String HELM_NAMESPACE = "meta.helm.sh/release-namespace";

  /** What the backup says of one API group. */
  private static final class Api {
    final TreeSet<String> kinds = new TreeSet<>();
    final TreeSet<String> crds = new TreeSet<>();
    final TreeSet<String> installedBy = new TreeSet<>();
    int objects;
  }

  private final Map<String, Api> byGroup = new TreeMap<>();
  /** Stage -> how many custom resources of third-party groups it restores. */
  private final Map<String, Integer> stagesWithResources = new TreeMap<>();

  /** Sees one object as it leaves the rules, with its stage. */
  void see(String stage, KubeObject object) {
    if ("CustomResourceDefinition".equals(object.kind()) && "apiextensions.k8s.io".equals(object.group())) {
      JsonNode spec = object.node().path("spec");
      String group = spec.path("group").asText("");
      if (group.isEmpty() || PlatformApis.provided(group)) {
        return;
      }
      Api api = api(group);
      api.crds.add(object.name());
      String kind = spec.path("names").path("kind").asText("");
      if (!kind.isEmpty()) {
        api.kinds.add(kind);
      }
      String release = object.annotation(HELM_RELEASE);
      if (release != null) {
        String namespace = object.annotation(HELM_NAMESPACE);
        api.installedBy.add("Helm release " + (namespace == null ? "" : namespace + "/") + release);
      }
      JsonNode service = spec.path("conversion").path("webhook").path("clientConfig").path("service");
      if (service.isObject() && service.hasNonNull("name")) {
        api.installedBy.add("conversion webhook Service " + service.path("namespace").asText("") + "/" + service.path("name").asText());
      }
      return;
    }
    String group = object.group();
    if (group == null || PlatformApis.provided(group)) {
      return;
    }
    Api api = api(group);
    api.kinds.add(object.kind());
    api.objects++;
    stagesWithResources.merge(stage, 1, Integer::sum);
  }

  private Api api(String group) {
    return byGroup.computeIfAbsent(group, g -> new Api());
  }

  /** The gate, placed before the first stage (in restore order) that restores a custom resource; null when there is nothing to install. */
  PlanStep.Gate gate() {
    if (byGroup.isEmpty()) {
      return null;
    }
    List<String> apis = new ArrayList<>();
    for (Map.Entry<String, Api> e : byGroup.entrySet()) {
      Api api = e.getValue();
      List<String> facts = new ArrayList<>();
      facts.add(String.join(", ", api.kinds) + (api.objects == 0 ? "" : ", " + api.objects + " object" + (api.objects == 1 ? "" : "s")));
      facts.add(api.crds.isEmpty() ? "CRD not in this backup: install it in the target first, or its objects fail to restore"
          : "CRD " + String.join(", ", api.crds) + " restored in this plan");
      facts.addAll(api.installedBy);
      apis.add(e.getKey() + " (" + String.join("; ", facts) + ")");
    }
    return new PlanStep.Gate(GATE, "The target needs the operators of these APIs running (at the versions the source ran) before "
        + "their objects are restored; a CRD alone defines the API but nothing acts on its objects, and a CRD's conversion webhook "
        + "refuses reads and writes until its Service answers: " + String.join("; ", apis) + ".");
  }

  /** The stage, among {@code order}, before which the gate goes. */
  String stageBefore(List<String> order) {
    for (String stage : order) {
      if (stagesWithResources.containsKey(stage)) {
        return stage;
      }
    }
    return order.contains("workloads") ? "workloads" : null;
  }
}
