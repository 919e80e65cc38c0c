package dev.transship.convert.registry;

import com.fasterxml.jackson.databind.JsonNode;
import dev.transship.archive.ItemKey;
import dev.transship.archive.RawItem;
import dev.transship.cloud.EcrHosts;
import dev.transship.finding.Severity;
import dev.transship.kube.Container;
import dev.transship.kube.KubeObject;
import dev.transship.kube.PodTemplate;
import dev.transship.kube.PodTemplates;
import dev.transship.rules.ActionContext;
import dev.transship.rules.ConverterConfig;
import dev.transship.rules.ConverterDescriptor;
import dev.transship.rules.ConverterSpec;
import dev.transship.rules.ObjectAction;
import dev.transship.rules.ParameterDoc;
import dev.transship.rules.SeenValues;
import dev.transship.rules.UnmatchedValues;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Moves images off private ECR (cloud-mapping.md §6): GKE nodes have no AWS credentials, so an ECR
 * image fails to pull. Every container of every pod spec is rewritten through the {@code
 * registries} map; ECR Public images pull anonymously and stay. Pull-secret references stay too;
 * the secrets themselves lose their expired ECR token and are minted fresh at restore time.
 */
public final class EcrToRegistry implements ObjectAction {
  /** Each change this converter makes comes with a finding of its own. */
  @Override
  public boolean reportsItsChanges() {
    return true;
  }

  private final RegistryMap registries;
  /** From the index pass: private ECR registries of container images, and the map keys some image matched. */
  private final SeenValues seenRegistries = new SeenValues();
  private final Set<String> matchedSources = new HashSet<>();

  EcrToRegistry(RegistryMap registries) {
    this.registries = registries;
  }

  /**
   * A key occurs when some container image of a pod template is under it (host, or host and path):
   * an image is the only thing the map rewrites by key. Pull secrets are not read here.
   */
  @Override
  public void observe(ItemKey key, KubeObject object) {
    for (PodTemplate template : PodTemplates.in(object)) {
      for (Container container : template.containers()) {
        String image = container.image();
        String host = EcrHosts.privateHostOfImage(image);
        if (host != null) {
          seenRegistries.add(host);
          registries.sourcesOf(image).forEach(matchedSources::add);
        }
      }
    }
  }

  @Override
  public List<UnmatchedValues> unmatched() {
    UnmatchedValues unmatched = seenRegistries.unmatched("registries", true, registries.sources(), matchedSources,
        "ECR registries of images");
    return unmatched == null ? List.of() : List.of(unmatched);
  }

  /** Of the Secrets its rule matches, only pull secrets: Opaque and Helm release Secrets pass through as bytes. */
  @Override
  public boolean mayApply(RawItem item) {
    return !item.path().key().resource().equals("secrets") || EcrPullSecret.mayBe(item);
  }

  @Override
  public void apply(ActionContext ctx) {
    if (EcrPullSecret.applies(ctx.object())) {
      EcrPullSecret.convert(ctx, registries::targetHosts, "add the ECR registry to registries, or delete the secret if nothing pulls from it");
      return;
    }
    for (PodTemplate template : PodTemplates.in(ctx.object())) {
      for (Container container : template.containers()) {
        rewrite(ctx, template, container);
      }
    }
  }

  private void rewrite(ActionContext ctx, PodTemplate template, Container container) {
    String image = container.image();
    String host = EcrHosts.hostOfImage(image);
    String where = template.path() + " " + container.describe();
    if (EcrHosts.isPublic(host)) {
      ctx.info("ecr-public-image", where + ": " + image + " is on ECR Public, which GKE pulls anonymously; left as it is");
      return;
    }
    if (!EcrHosts.isPrivate(host)) {
      return;
    }
    Optional<String> rewritten = registries.rewrite(image);
    if (rewritten.isPresent()) {
      container.setImage(rewritten.get());
      ctx.report(Severity.INFO, "ecr-image-rewritten", where + ": " + image + " -> " + rewritten.get(),
          "copy the image before the restore, e.g. crane copy " + image + " " + rewritten.get());
      return;
    }
    String hint = EcrHosts.awsSystem(host)
        ? "this is an AWS-owned image of an EKS add-on or App Mesh: the workload is an EKS system component, leave it out of the move"
        : "add '" + host + ": <target image prefix>' to registries and copy the images there";
    ctx.error("ecr-image-unmapped", where + ": " + image + " is on ECR registry " + host
        + ", which has no mapping in registries; GKE cannot pull it", hint);
  }

  /** The annotation that marks a pull secret for {@code transship restore} to mint afresh. */
  public static final String REGENERATE = EcrPullSecret.REGENERATE;

  public static final ConverterSpec SPEC = new ConverterDescriptor(
      "ecrToRegistry",
      "Rewrite private ECR images in every container, init container and ephemeral container of Pods and "
          + "workload templates through the registries map (an unmapped ECR registry is an error; ECR Public images "
          + "stay). Pull secrets holding ECR credentials lose the expired token (data becomes {\"auths\":{}}) and are "
          + "marked transship.dev/regenerate-pull-secret: <target registry host> to be minted fresh at restore time.",
      List.of(ParameterDoc.required("registries", "map",
          "ECR registry host (or host/path) -> target image prefix, e.g. 123456789012.dkr.ecr.us-east-1.amazonaws.com: "
              + "europe-west1-docker.pkg.dev/acme-prod/shop")),
      """
          - name: ecr-to-artifact-registry
            match: {resources: [pods, deployments.apps, statefulsets.apps, daemonsets.apps, jobs.batch, cronjobs.batch, secrets]}
            actions:
              - convert: ecrToRegistry
                with:
                  registries:
                    123456789012.dkr.ecr.us-east-1.amazonaws.com: europe-west1-docker.pkg.dev/acme-prod/shop
          """,
      EcrToRegistry::create);

  private static ObjectAction create(ConverterConfig config) {
    JsonNode registries = config.node("registries");
    if (registries == null || !registries.isObject()) {
      throw new IllegalArgumentException("registries must be a map of ECR registry -> target image prefix");
    }
    return new EcrToRegistry(RegistryMap.of(config.map("registries")));
  }
}
