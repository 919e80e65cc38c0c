package dev.transship.convert.finalizers;

import com.fasterxml.jackson.databind.JsonNode;
import dev.transship.archive.RawItem;
import dev.transship.archive.RawText;
import dev.transship.cloud.Target;
import dev.transship.rules.ActionContext;
import dev.transship.rules.ConverterConfig;
import dev.transship.rules.ConverterDescriptor;
import dev.transship.rules.ConverterSpec;
import dev.transship.rules.ObjectAction;
import dev.transship.rules.ParameterDoc;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Strips the finalizers of cloud controllers (cloud-mapping.md §2) plus any the rule names in
 * {@code extra}. Velero restores finalizers; left in place, a finalizer whose controller is absent
 * makes deleting the object hang forever. Every catalogue entry is stripped for every target (its
 * own controller re-adds it), the target only decides which reason the finding gives. The core
 * {@code kubernetes.io/*} protections are always kept.
 */
public final class RemoveControllerFinalizers implements ObjectAction {
  /** Each change this converter makes comes with a finding of its own. */
  @Override
  public boolean reportsItsChanges() {
    return true;
  }

  static final String CHECK = "finalizer-removed";

  private final Target target;
  private final List<FinalizerGlob> extra;

  RemoveControllerFinalizers(Target target, List<FinalizerGlob> extra) {
    this.target = target;
    this.extra = extra;
  }

  /** Only an object with finalizers has any to remove. */
  private static final RawText.Needles FINALIZERS = RawText.needles("\"finalizers\"");

  @Override
  public boolean mayApply(RawItem item) {
    return FINALIZERS.mayBeIn(item);
  }

  @Override
  public void apply(ActionContext ctx) {
    List<String> finalizers = ctx.object().finalizers();
    List<String> kept = new ArrayList<>();
    for (String finalizer : finalizers) {
      Optional<String> reason = FinalizerCatalog.core(finalizer) ? Optional.empty() : reasonToRemove(finalizer);
      if (reason.isPresent()) {
        ctx.info(CHECK, "removed finalizer " + finalizer + ": " + reason.get());
      } else {
        kept.add(finalizer);
      }
    }
    if (kept.size() != finalizers.size()) {
      ctx.object().setFinalizers(kept);
    }
  }

  private Optional<String> reasonToRemove(String finalizer) {
    Optional<ControllerFinalizer> known = FinalizerCatalog.find(finalizer);
    if (known.isPresent()) {
      ControllerFinalizer f = known.get();
      return Optional.of(f.cloud().missingIn(target)
          ? "set by the " + f.controller() + ", which " + target.displayName() + " does not run; left in place it would block deletion forever"
          : "set by the " + f.controller() + ", which re-adds it on its first reconcile in " + target.displayName());
    }
    return extra.stream().filter(g -> g.matches(finalizer)).findFirst()
        .map(g -> "matches extra pattern '" + g.text() + "' of rule");
  }

  /**
   * The controller behind {@code finalizer} when it does not run on {@code target} (gke, eks,
   * same), or null; what lint reports before anything is converted.
   */
  public static String absentController(String finalizer, Target target) {
    if (FinalizerCatalog.core(finalizer)) {
      return null;
    }
    return FinalizerCatalog.find(finalizer).filter(f -> f.cloud().missingIn(target)).map(ControllerFinalizer::controller).orElse(null);
  }

  public static final ConverterSpec SPEC = new ConverterDescriptor(
      "removeControllerFinalizers",
      "Remove the finalizers of cloud controllers (AWS Load Balancer Controller, App Mesh, Karpenter, ACK, "
          + "EBS CSI attacher; GKE Ingress, L4 and NEG controllers) and of any extra pattern. Velero restores "
          + "finalizers, and one whose controller is missing in the target blocks deletion forever. "
          + "kubernetes.io/* finalizers are kept. One info finding per finalizer removed, naming its controller.",
      List.of(
          ParameterDoc.optional("target", "string", "gke (default), eks or same: which controllers the target runs, for the reason given"),
          ParameterDoc.optional("extra", "list", "more finalizer names to remove; * matches any characters")),
      """
          - name: cloud-finalizers
            actions:
              - convert: removeControllerFinalizers
                with:
                  target: gke
                  extra: ["example.com/cleanup-*"]
          """,
      RemoveControllerFinalizers::create);

  private static ObjectAction create(ConverterConfig config) {
    Target target = Target.parse(config.string("target", "gke"));
    List<FinalizerGlob> extra = new ArrayList<>();
    JsonNode list = config.node("extra");
    if (list != null && !list.isNull()) {
      if (!list.isArray()) {
        throw new IllegalArgumentException("extra must be a list of finalizer names or patterns");
      }
      for (JsonNode item : list) {
        if (!item.isTextual() || item.asText().isBlank()) {
          throw new IllegalArgumentException("extra must hold finalizer names or patterns, found " + item);
        }
        extra.add(FinalizerGlob.of(item.asText()));
      }
    }
    return new RemoveControllerFinalizers(target, extra);
  }
}
