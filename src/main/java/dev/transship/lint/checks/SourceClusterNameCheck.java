package dev.transship.lint.checks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.transship.archive.ItemKey;
import dev.transship.kube.PodTemplates;
import dev.transship.finding.ObjectRef;
import dev.transship.finding.Severity;
import dev.transship.kube.KubeObject;
import dev.transship.lint.Check;
import dev.transship.lint.CheckInfo;
import dev.transship.lint.LintContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Literal references to the source cluster's name: dashboards and alerts keyed on it break. */
public final class SourceClusterNameCheck implements Check {
  static final CheckInfo INFO = new CheckInfo("source-cluster-name", Severity.WARNING, "Object names the source cluster",
      "Monitoring tags, alert routes and log labels that carry the old cluster's name keep reporting it from the new cluster, or stop "
          + "matching when the name is replaced.",
      "Read the cluster name from the environment (a ConfigMap per cluster) or rewrite it with a rule.");

  @Override
  public CheckInfo info() {
    return INFO;
  }

  @Override
  public void inspect(ItemKey key, KubeObject object, LintContext ctx) {
    String name = ctx.options().sourceClusterName();
    if (name == null || name.isEmpty() || "Secret".equals(object.kind())) {
      return;
    }
    List<String> where = new ArrayList<>();
    for (Map.Entry<String, String> e : object.labels().entrySet()) {
      if (e.getValue().contains(name)) {
        where.add("label " + e.getKey());
      }
    }
    for (Map.Entry<String, String> e : object.annotations().entrySet()) {
      if (e.getValue().contains(name) && !e.getKey().equals("kubectl.kubernetes.io/last-applied-configuration")) {
        where.add("annotation " + e.getKey());
      }
    }
    if ("ConfigMap".equals(object.kind())) {
      object.node().path("data").fields().forEachRemaining(e -> {
        if (e.getValue().asText().contains(name)) {
          where.add("data " + e.getKey());
        }
      });
    }
    for (ObjectNode container : PodTemplates.containerNodes(object)) {
      for (JsonNode env : container.path("env")) {
        if (env.path("value").asText("").contains(name)) {
          where.add("env " + env.path("name").asText() + " of container " + container.path("name").asText());
        }
      }
    }
    if (!where.isEmpty()) {
      ctx.report(INFO, ObjectRef.of(object, key), "names cluster " + name + " in " + String.join(", ", where));
    }
  }
}
