package dev.transship.rules.actions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.transship.kube.PodTemplates;
import dev.transship.rules.ActionContext;
import dev.transship.rules.ActionDescriptor;
import dev.transship.rules.ActionType;
import dev.transship.rules.ObjectAction;
import dev.transship.rules.ParameterDoc;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Rewrites container images by regular expression with capture groups ({@code $1}), in every
 * container, init container and ephemeral container of every pod-template holder. The first
 * matching rewrite wins (Velero's change-image-name picks one in random map order).
 */
public final class RewriteImagesAction implements ObjectAction {
  /** One {@code from} regex (whole image) and its {@code to} replacement. */
  record Rewrite(Pattern from, String to) {}

  private final List<Rewrite> rewrites;

  private RewriteImagesAction(List<Rewrite> rewrites) {
    this.rewrites = rewrites;
  }

  @Override
  public void apply(ActionContext ctx) {
    for (ObjectNode container : PodTemplates.containerNodes(ctx.object())) {
      String image = container.path("image").asText("");
      for (Rewrite r : rewrites) {
        Matcher m = r.from().matcher(image);
        if (m.matches()) {
          String rewritten = m.replaceFirst(r.to());
          if (!rewritten.equals(image)) {
            container.put("image", rewritten);
            ctx.info("image-rewritten", "container " + container.path("name").asText() + ": " + image + " -> " + rewritten);
          }
          break;
        }
      }
    }
  }

  public static final ActionType TYPE = new ActionDescriptor(
      "rewriteImages",
      "Rewrite container images (all containers of every pod template, CronJobs included) by regex; the first matching entry wins.",
      List.of(ParameterDoc.required("from", "string", "regular expression matched against the whole image"),
          ParameterDoc.required("to", "string", "replacement; $1, $2 ... are the capture groups")),
      "- rewriteImages:\n    - from: '123456789012\\.dkr\\.ecr\\.us-east-1\\.amazonaws\\.com/(.*)'\n      to: 'europe-west1-docker.pkg.dev/my-project/images/$1'",
      RewriteImagesAction::create);

  private static ObjectAction create(JsonNode config) {
    JsonNode list = config.isObject() ? com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.arrayNode().add(config) : config;
    if (!list.isArray() || list.isEmpty()) {
      throw new IllegalArgumentException("rewriteImages expects a list of {from, to}");
    }
    List<Rewrite> rewrites = new ArrayList<>();
    for (JsonNode r : list) {
      if (!r.path("from").isTextual() || !r.path("to").isTextual()) {
        throw new IllegalArgumentException("rewriteImages entries need from and to");
      }
      try {
        rewrites.add(new Rewrite(Pattern.compile(r.path("from").asText()), r.path("to").asText()));
      } catch (PatternSyntaxException e) {
        throw new IllegalArgumentException("rewriteImages: from is not a valid regular expression: " + e.getDescription());
      }
    }
    return new RewriteImagesAction(rewrites);
  }
}
