package dev.transship.rules.actions;

import com.fasterxml.jackson.databind.JsonNode;
import dev.transship.kube.KubeNames;
import dev.transship.kube.KubeObject;
import dev.transship.rules.ActionContext;
import dev.transship.rules.ActionDescriptor;
import dev.transship.rules.ActionType;
import dev.transship.rules.ObjectAction;
import dev.transship.rules.ParameterDoc;
import dev.transship.rules.RuleMatch;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** Sets or removes labels or annotations; removal takes globs ({@code alb.ingress.kubernetes.io/*}). */
public final class MetadataMapAction implements ObjectAction {
  private final String field;
  private final Map<String, String> set;
  private final List<Pattern> remove;

  private MetadataMapAction(String field, Map<String, String> set, List<Pattern> remove) {
    this.field = field;
    this.set = set;
    this.remove = remove;
  }

  @Override
  public void apply(ActionContext ctx) {
    KubeObject object = ctx.object();
    boolean labels = field.equals("labels");
    set.forEach((k, v) -> {
      if (labels) {
        object.setLabel(k, v);
      } else {
        object.setAnnotation(k, v);
      }
    });
    if (!remove.isEmpty()) {
      List<String> keys = new ArrayList<>((labels ? object.labels() : object.annotations()).keySet());
      for (String key : keys) {
        if (remove.stream().anyMatch(p -> p.matcher(key).matches())) {
          if (labels) {
            object.removeLabel(key);
          } else {
            object.removeAnnotation(key);
          }
        }
      }
    }
  }

  public static final ActionType SET_LABELS = setter("setLabels", "labels");
  public static final ActionType SET_ANNOTATIONS = setter("setAnnotations", "annotations");
  public static final ActionType REMOVE_LABELS = remover("removeLabels", "labels");
  public static final ActionType REMOVE_ANNOTATIONS = remover("removeAnnotations", "annotations");

  private static ActionType setter(String name, String field) {
    return new ActionDescriptor(name, "Set " + field + " (key: value); existing keys are overwritten.",
        List.of(ParameterDoc.required("(map)", "map", field + " to set")),
        "- " + name + ": {transship.dev/duplication: forbidden}",
        config -> {
          if (!config.isObject()) {
            throw new IllegalArgumentException(name + " expects a map of keys to values");
          }
          Map<String, String> values = new LinkedHashMap<>();
          config.fields().forEachRemaining(e -> {
            if (!e.getValue().isValueNode() || e.getValue().isNull()) {
              throw new IllegalArgumentException(name + ": value of '" + e.getKey() + "' must be a string");
            }
            String problem = KubeNames.isQualifiedName(e.getKey()) ? null
                : "'" + e.getKey() + "' is not a valid key (optional DNS prefix and '/', then at most 63 letters, digits, '-', '_' or '.', "
                    + "starting and ending with a letter or digit)";
            if (problem == null && field.equals("labels") && !KubeNames.isLabelValue(e.getValue().asText())) {
              problem = "value '" + e.getValue().asText() + "' of '" + e.getKey() + "' is not a valid label value (at most 63 letters, digits, "
                  + "'-', '_' or '.', starting and ending with a letter or digit)";
            }
            if (problem != null) {
              // The API server would refuse every object the rule touched at restore time.
              throw new IllegalArgumentException(name + ": " + problem);
            }
            values.put(e.getKey(), e.getValue().asText());
          });
          return new MetadataMapAction(field, values, List.of());
        });
  }

  private static ActionType remover(String name, String field) {
    return new ActionDescriptor(name, "Remove " + field + " whose keys match any of the globs.",
        List.of(ParameterDoc.required("(list)", "list", "keys or globs")),
        "- " + name + ": [\"eks.amazonaws.com/*\"]",
        config -> new MetadataMapAction(field, Map.of(), Globs.list(name, config)));
  }

  /** Glob lists shared by the removal actions. */
  static final class Globs {
    private Globs() {}

    static List<Pattern> list(String action, JsonNode config) {
      if (!config.isArray() || config.isEmpty()) {
        throw new IllegalArgumentException(action + " expects a non-empty list of keys or globs");
      }
      List<Pattern> out = new ArrayList<>();
      config.forEach(g -> out.add(RuleMatch.glob(g.asText())));
      return out;
    }
  }
}
