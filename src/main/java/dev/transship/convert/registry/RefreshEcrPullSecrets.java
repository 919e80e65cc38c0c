package dev.transship.convert.registry;

import dev.transship.archive.RawItem;
import dev.transship.rules.ActionContext;
import dev.transship.rules.ConverterDescriptor;
import dev.transship.rules.ConverterSpec;
import dev.transship.rules.ObjectAction;
import java.util.List;

/**
 * For a move that keeps its ECR registries (a new EKS cluster): the pull secrets' ECR tokens in the
 * backup expired 12 hours after they were made, so, as in {@link EcrToRegistry}, their ECR entries
 * are removed and the secret is marked for a fresh token of the same registry at restore time.
 */
public final class RefreshEcrPullSecrets implements ObjectAction {
  @Override
  public boolean reportsItsChanges() {
    return true;
  }

  @Override
  public boolean mayApply(RawItem item) {
    return EcrPullSecret.mayBe(item);
  }

  @Override
  public void apply(ActionContext ctx) {
    if (EcrPullSecret.applies(ctx.object())) {
      EcrPullSecret.convert(ctx, List::of, "");
    }
  }

  public static final ConverterSpec SPEC = new ConverterDescriptor(
      "refreshEcrPullSecrets",
      "Remove the expired ECR tokens from registry pull secrets and mark each secret to be minted afresh for the same ECR "
          + "registries when the plan restores it (annotation " + EcrPullSecret.REGENERATE + "); other registries' entries stay. "
          + "For moves whose images stay in ECR; ecrToRegistry does the same while moving them.",
      List.of(),
      "- convert: refreshEcrPullSecrets",
      config -> new RefreshEcrPullSecrets());
}
