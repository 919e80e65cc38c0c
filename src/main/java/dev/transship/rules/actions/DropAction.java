package dev.transship.rules.actions;

import com.fasterxml.jackson.databind.JsonNode;
import dev.transship.rules.ActionContext;
import dev.transship.rules.ActionDescriptor;
import dev.transship.rules.ActionType;
import dev.transship.rules.ObjectAction;
import dev.transship.rules.ParameterDoc;
import java.util.List;

/** Leaves the object out of the converted backup; the reason is required and reported. */
public final class DropAction implements ObjectAction {
  private final String reason;

  private DropAction(String reason) {
    this.reason = reason;
  }

  @Override
  public void apply(ActionContext ctx) {
    ctx.drop("object-dropped", reason);
  }

  public static final ActionType TYPE = new ActionDescriptor(
      "drop",
      "Leave the object out of the converted backup. The reason appears in the report.",
      List.of(ParameterDoc.required("reason", "string", "why the object must not be restored")),
      "- drop: {reason: \"the target cluster runs its own ingress controller\"}",
      DropAction::create);

  private static ObjectAction create(JsonNode config) {
    String reason = config.isTextual() ? config.asText() : config.path("reason").asText("");
    if (reason.isBlank()) {
      throw new IllegalArgumentException("drop needs a reason");
    }
    return new DropAction(reason);
  }
}
