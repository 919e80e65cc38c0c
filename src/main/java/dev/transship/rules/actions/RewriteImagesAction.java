package dev.transship.rules.actions;

import com.fasterxml.jackson.databind.JsonNode;
import dev.transship.rules.ActionContext;
import dev.transship.rules.ActionType;
import dev.transship.rules.ObjectAction;
import dev.transship.rules.ParameterDoc;
import java.util.List;

/** TEMPORARY placeholder until PodTemplates lands. */
public final class RewriteImagesAction implements ObjectAction {
  @Override
  public void apply(ActionContext ctx) {}

  public static final ActionType TYPE = new ActionType() {
    @Override
    public String name() {
      return "rewriteImages";
    }

    @Override
    public String summary() {
      return "";
    }

    @Override
    public List<ParameterDoc> parameters() {
      return List.of();
    }

    @Override
    public String example() {
      return "";
    }

    @Override
    public dev.transship.rules.ObjectAction create(JsonNode config) {
      return new RewriteImagesAction();
    }
  };
}
