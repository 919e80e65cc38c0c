package dev.transship.convert;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.transship.kube.Json;
import dev.transship.kube.KubeObject;
import dev.transship.rules.ActionContext;
import dev.transship.rules.ConverterDescriptor;
import dev.transship.rules.ConverterSpec;
import dev.transship.rules.ObjectAction;
import dev.transship.rules.ParameterDoc;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * ECR images and pull secrets for another registry (cloud-mapping.md §6, Velero #3813). Images
 * move to the mapped registry; ECR {@code dockerconfigjson} Secrets hold a token that expired 12 h
 * after it was minted, so instead of copying it the Secret is marked for {@code transship restore}
 * to mint a fresh one, and its stale data is replaced by an empty placeholder. Pull-secret
 * references in pods stay as they are.
 */
public final class EcrToRegistry implements ObjectAction {
  public static final Pattern ECR_HOST = Pattern.compile("\\d{12}\\.dkr\\.ecr(-fips)?\\.[a-z0-9-]+\\.amazonaws\\.com(\\.cn)?");
  public static final String REGENERATE = "transship.dev/regenerate-pull-secret";

  private final Map<String, String> registries;

  EcrToRegistry(Map<String, String> registries) {
    this.registries = registries;
  }

  @Override
  public void apply(ActionContext ctx) {
    KubeObject object = ctx.object();
    if ("Secret".equals(object.kind())) {
      pullSecret(ctx, object);
      return;
    }
    for (ObjectNode container : PodTemplates.containers(object)) {
      String image = container.path("image").asText("");
      int slash = image.indexOf('/');
      String host = slash < 0 ? "" : image.substring(0, slash);
      if (host.equals("public.ecr.aws")) {
        ctx.info("ecr-public-image", "container " + container.path("name").asText() + ": " + image + " is public and pulls from anywhere");
        continue;
      }
      if (!ECR_HOST.matcher(host).matches()) {
        continue;
      }
      String target = registries.get(host);
      if (target == null) {
        ctx.error("ecr-image-unmapped", "container " + container.path("name").asText() + ": image " + image
            + " is in ECR registry " + host + ", which has no mapping: the target cannot pull it without AWS credentials",
            "copy the images (e.g. gcrane cp or crane copy) and add " + host + " to the registries parameter");
        continue;
      }
      String moved = target.replaceAll("/+$", "") + image.substring(slash);
      container.put("image", moved);
      ctx.info("ecr-image-moved", "container " + container.path("name").asText() + ": " + image + " -> " + moved);
    }
  }

  private void pullSecret(ActionContext ctx, KubeObject secret) {
    if (!"kubernetes.io/dockerconfigjson".equals(secret.node().path("type").asText())) {
      return;
    }
    JsonNode config = dockerConfig(secret);
    if (config == null) {
      return;
    }
    List<String> ecrHosts = new ArrayList<>();
    for (Iterator<String> it = config.path("auths").fieldNames(); it.hasNext(); ) {
      String host = it.next().replaceFirst("^https?://", "");
      if (ECR_HOST.matcher(host).matches()) {
        ecrHosts.add(host);
      }
    }
    if (ecrHosts.isEmpty()) {
      return;
    }
    String target = registries.getOrDefault(ecrHosts.get(0), ecrHosts.get(0));
    String targetHost = target.contains("/") ? target.substring(0, target.indexOf('/')) : target;
    secret.setAnnotation(REGENERATE, targetHost);
    ObjectNode data = KubeObject.objectAt(secret.node(), "data");
    data.put(".dockerconfigjson", Base64.getEncoder().encodeToString("{\"auths\":{}}".getBytes(StandardCharsets.UTF_8)));
    ctx.info("pull-secret-regenerate", "ECR pull secret for " + String.join(", ", ecrHosts)
        + ": its token expires 12 h after minting, so it is emptied and marked to be minted fresh for " + targetHost + " at restore time");
  }

  private static JsonNode dockerConfig(KubeObject secret) {
    String encoded = secret.node().path("data").path(".dockerconfigjson").asText(null);
    if (encoded == null) {
      return null;
    }
    try {
      return Json.parse(Base64.getDecoder().decode(encoded));
    } catch (Exception e) {
      return null;
    }
  }

  public static final ConverterSpec SPEC = new ConverterDescriptor(
      "ecrToRegistry",
      "Move ECR images to another registry in every container of every pod template, and mark ECR pull secrets "
          + "(tokens expire after 12 h) to be minted fresh at restore time instead of copying the stale token.",
      List.of(ParameterDoc.required("registries", "map", "ECR registry host -> target image prefix")),
      "- convert: ecrToRegistry\n  with:\n    registries:\n      123456789012.dkr.ecr.us-east-1.amazonaws.com: europe-west1-docker.pkg.dev/my-project/images",
      config -> new EcrToRegistry(config.map("registries")));
}
