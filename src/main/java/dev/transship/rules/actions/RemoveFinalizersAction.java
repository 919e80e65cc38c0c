package dev.transship.rules.actions;

import com.fasterxml.jackson.databind.JsonNode;
import dev.transship.rules.ActionContext;
import dev.transship.rules.ActionDescriptor;
import dev.transship.rules.ActionType;
import dev.transship.rules.ObjectAction;
import dev.transship.rules.ParameterDoc;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Removes finalizers matching globs. Velero restores finalizers (since v1.11); one whose controller
 * is absent in the target blocks deletion forever.
 */
public final class RemoveFinalizersAction implements ObjectAction {
  private final List<Pattern> globs;

  private RemoveFinalizersAction(List<Pattern> globs) {
    this.globs = globs;
  }

  @Override
  public void apply(ActionContext ctx) {
    List<String> kept = new ArrayList<>();
    for (String finalizer : ctx.object().finalizers()) {
      if (globs.stream().anyMatch(p -> p.matcher(finalizer).matches())) {
        ctx.info("finalizer-removed", "removed finalizer " + finalizer);
      } else {
        kept.add(finalizer);
      }
    }
    if (kept.size() != ctx.object().finalizers().size()) {
      ctx.object().setFinalizers(kept);
    }
  }

  public static final ActionType TYPE = new ActionDescriptor(
      "removeFinalizers",
      "Remove finalizers matching any glob; each removal is reported.",
      List.of(ParameterDoc.required("(list)", "list", "finalizer names or globs")),
      "- removeFinalizers: [\"*.k8s.aws/*\", \"*.k8s.aws\"]",
      RemoveFinalizersAction::create);

  private static ObjectAction create(JsonNode config) {
    return new RemoveFinalizersAction(MetadataMapAction.Globs.list("removeFinalizers", config));
  }
}
