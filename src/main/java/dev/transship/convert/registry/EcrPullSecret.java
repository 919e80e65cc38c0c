package dev.transship.convert.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.transship.archive.RawItem;
import dev.transship.archive.RawText;
import dev.transship.cloud.EcrHosts;
import dev.transship.kube.Json;
import dev.transship.kube.KubeObject;
import dev.transship.rules.ActionContext;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * A registry pull secret holding ECR credentials (cloud-mapping.md §6.1, §6.2). An ECR token lasts
 * 12 hours, so the one in a backup has long expired: its entries are removed instead of copied,
 * and the secret is marked with the target registry so a fresh one is minted at restore time.
 * Nothing read from the secret's data ever reaches a finding.
 */
final class EcrPullSecret {
  static final String REGENERATE = "transship.dev/regenerate-pull-secret";
  private static final String DOCKER_CONFIG_JSON = "kubernetes.io/dockerconfigjson";
  private static final String DOCKER_CFG = "kubernetes.io/dockercfg";

  /** A pull secret's type is stored in the clear; its data is base64, so nothing else can be searched. */
  private static final RawText.Needles DOCKER_CONFIG = RawText.needles("kubernetes.io/dockerc");

  private EcrPullSecret() {}

  /** Whether a stored item could be a pull secret: any other Secret passes through unparsed. */
  static boolean mayBe(RawItem item) {
    return item.path().key().resource().equals("secrets") && DOCKER_CONFIG.mayBeIn(item);
  }

  static boolean applies(KubeObject object) {
    String type = object.node().path("type").asText();
    return object.kind().equals("Secret") && object.group().isEmpty() && (type.equals(DOCKER_CONFIG_JSON) || type.equals(DOCKER_CFG));
  }

  /**
   * @param targetHostsOf the registry hosts a fresh secret is minted for, per ECR host of the
   *     secret: where its images move, or the host itself when they stay
   */
  static void convert(ActionContext ctx, Function<String, List<String>> targetHostsOf, String unmappedHint) {
    KubeObject secret = ctx.object();
    boolean json = secret.node().path("type").asText().equals(DOCKER_CONFIG_JSON);
    String key = json ? ".dockerconfigjson" : ".dockercfg";
    JsonNode encoded = secret.node().path("data").path(key);
    if (!encoded.isTextual()) {
      return;
    }
    ObjectNode config;
    try {
      JsonNode parsed = Json.parse(Base64.getDecoder().decode(encoded.asText()));
      if (!(parsed instanceof ObjectNode object)) {
        throw new IOException("not a JSON object");
      }
      config = object;
    } catch (IOException | IllegalArgumentException e) {
      // the parser's message quotes the content: never pass it on
      ctx.warn("ecr-pull-secret-unreadable", "data " + key + " is not base64-encoded JSON; left as it is", "check the secret by hand");
      return;
    }
    JsonNode auths = json ? config.path("auths") : config;
    if (!(auths instanceof ObjectNode entries)) {
      return;
    }
    List<String> ecrHosts = new ArrayList<>();
    for (Iterator<String> it = entries.fieldNames(); it.hasNext(); ) {
      String host = EcrHosts.hostOfAuthKey(it.next());
      if (EcrHosts.isPrivate(host)) {
        ecrHosts.add(host);
        it.remove();
      }
    }
    if (ecrHosts.isEmpty()) {
      return;
    }
    ObjectNode written = config; // other registries' entries stay
    if (entries.isEmpty()) {
      written = Json.object();
      if (json) {
        written.putObject("auths");
      }
    }
    ((ObjectNode) secret.node().get("data")).put(key, Base64.getEncoder().encodeToString(Json.compact(written).getBytes(StandardCharsets.UTF_8)));

    TreeSet<String> targets = new TreeSet<>();
    List<String> unmapped = new ArrayList<>();
    for (String host : ecrHosts) {
      List<String> hosts = targetHostsOf.apply(host);
      targets.addAll(hosts);
      if (hosts.isEmpty()) {
        unmapped.add(host);
      }
    }
    String removed = "removed the ECR credentials for " + String.join(", ", ecrHosts) + " (the token expires after 12h)";
    if (!targets.isEmpty()) {
      secret.setAnnotation(REGENERATE, String.join(",", targets));
      ctx.info("ecr-pull-secret-regenerate", removed + "; a fresh one for " + String.join(", ", targets)
          + " is minted at restore time (" + REGENERATE + ")");
    }
    if (!unmapped.isEmpty()) {
      ctx.error("ecr-pull-secret-unmapped", removed + "; no target registry is mapped for " + String.join(", ", unmapped)
          + ", so none is minted", unmappedHint);
    }
    if (!entries.isEmpty()) {
      ctx.warn("ecr-pull-secret-mixed", "kept the credentials for the other registries in " + key + ": "
          + String.join(", ", names(entries)), "make sure the secret minted at restore time keeps them");
    }
  }

  private static List<String> names(ObjectNode entries) {
    List<String> names = new ArrayList<>();
    entries.fieldNames().forEachRemaining(names::add);
    return names;
  }
}
