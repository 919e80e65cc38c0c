package dev.transship.lint.checks;

import com.fasterxml.jackson.databind.JsonNode;
import dev.transship.archive.ItemKey;
import dev.transship.cloud.EcrHosts;
import dev.transship.finding.ObjectRef;
import dev.transship.finding.Severity;
import dev.transship.kube.Json;
import dev.transship.kube.KubeObject;
import dev.transship.lint.Check;
import dev.transship.lint.CheckInfo;
import dev.transship.lint.LintContext;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Iterator;

/**
 * ECR pull secrets whose token has expired. The password of an ECR auth is a base64 JSON token
 * with an {@code expiration} in Unix seconds; it is decoded to read that field only and never
 * printed.
 */
public final class EcrTokenExpiredCheck implements Check {
  static final CheckInfo INFO = new CheckInfo("ecr-token-expired", Severity.ERROR, "ECR pull secret holds an expired token",
      "ECR tokens last 12 hours. A restored pull secret is stale, so pods fail with ImagePullBackOff.",
      "Let transship restore mint a fresh one (ecrToRegistry marks it), or refresh it with a token refresher in the target.");

  @Override
  public CheckInfo info() {
    return INFO;
  }

  @Override
  public void inspect(ItemKey key, KubeObject object, LintContext ctx) {
    if (!"Secret".equals(object.kind())) {
      return;
    }
    JsonNode auths = switch (object.node().path("type").asText()) {
      case "kubernetes.io/dockerconfigjson" -> config(object, ".dockerconfigjson").path("auths");
      // The older format is the auths map itself.
      case "kubernetes.io/dockercfg" -> config(object, ".dockercfg");
      default -> Json.object();
    };
    for (Iterator<String> it = auths.fieldNames(); it.hasNext(); ) {
      String host = it.next();
      if (!EcrHosts.isPrivateAuthKey(host)) {
        continue;
      }
      JsonNode auth = auths.path(host);
      String password = auth.path("password").asText("");
      if (password.isEmpty() && auth.has("auth")) {
        String userPass = new String(safeDecode(auth.path("auth").asText()), StandardCharsets.UTF_8);
        password = userPass.substring(userPass.indexOf(':') + 1);
      }
      long expiration = decode(password).path("expiration").asLong(0);
      Instant now = ctx.options().now();
      if (expiration > 0 && Instant.ofEpochSecond(expiration).isBefore(now)) {
        ctx.report(INFO, ObjectRef.of(object, key), "the token for " + host + " expired at " + Instant.ofEpochSecond(expiration));
      } else if (expiration == 0) {
        ctx.report(INFO, ObjectRef.of(object, key), "holds a token for " + host + " whose expiry cannot be read; ECR tokens last 12 hours");
      }
    }
  }

  /** The config from data (base64) or stringData (plain, as manifests in a repository write it). */
  private static JsonNode config(KubeObject secret, String key) {
    JsonNode plain = secret.node().path("stringData").path(key);
    if (plain.isTextual()) {
      try {
        return Json.parse(plain.asText().getBytes(StandardCharsets.UTF_8));
      } catch (Exception e) {
        return Json.object();
      }
    }
    return decode(secret.node().path("data").path(key).asText(""));
  }

  private static JsonNode decode(String base64) {
    try {
      return Json.parse(safeDecode(base64));
    } catch (Exception e) {
      return Json.object();
    }
  }

  private static byte[] safeDecode(String base64) {
    try {
      return Base64.getDecoder().decode(base64.trim());
    } catch (IllegalArgumentException e) {
      return new byte[0];
    }
  }
}
