package dev.transship.lint.checks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.transship.archive.ItemKey;
import dev.transship.finding.ObjectRef;
import dev.transship.finding.Severity;
import dev.transship.kube.KubeObject;
import dev.transship.kube.PodTemplate;
import dev.transship.kube.PodTemplates;
import dev.transship.lint.Check;
import dev.transship.lint.CheckInfo;
import dev.transship.lint.LintContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

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

  /** The run's cluster name as a pattern, compiled on first use (the options are fixed for a run). */
  private Pattern name;

  @Override
  public void inspect(ItemKey key, KubeObject object, LintContext ctx) {
    String cluster = ctx.options().sourceClusterName();
    if (cluster == null || cluster.isEmpty() || "Secret".equals(object.kind())) {
      return;
    }
    if (name == null) {
      // The name as a whole word, any case: "prod" must not match "product" or "production".
      name = Pattern.compile("(?<![A-Za-z0-9])" + Pattern.quote(cluster) + "(?![A-Za-z0-9])", Pattern.CASE_INSENSITIVE);
    }
    List<String> where = new ArrayList<>();
    metadata(object.labels(), object.annotations(), "", where);
    for (PodTemplate template : PodTemplates.in(object)) {
      metadata(template.labels(), template.annotations(), "pod template ", where);
    }
    if ("ConfigMap".equals(object.kind())) {
      object.node().path("data").fields().forEachRemaining(e -> {
        if (mentions(e.getValue().asText())) {
          where.add("data " + e.getKey());
        }
      });
    }
    for (ObjectNode container : PodTemplates.containerNodes(object)) {
      String of = " of container " + container.path("name").asText();
      for (JsonNode env : container.path("env")) {
        if (mentions(env.path("value").asText(""))) {
          where.add("env " + env.path("name").asText() + of);
        }
      }
      for (String field : List.of("command", "args")) {
        for (JsonNode arg : container.path(field)) {
          if (mentions(arg.asText(""))) {
            where.add(field + of);
            break;
          }
        }
      }
    }
    if (!where.isEmpty()) {
      ctx.report(INFO, ObjectRef.of(object, key), "names cluster " + cluster + " in " + String.join(", ", where));
    }
  }

  private void metadata(Map<String, String> labels, Map<String, String> annotations, String prefix, List<String> where) {
    labels.forEach((k, v) -> {
      if (mentions(v)) {
        where.add(prefix + "label " + k);
      }
    });
    annotations.forEach((k, v) -> {
      if (mentions(v) && !k.equals("kubectl.kubernetes.io/last-applied-configuration")) {
        where.add(prefix + "annotation " + k);
      }
    });
  }

  private boolean mentions(String text) {
    return name.matcher(text).find();
  }
}
