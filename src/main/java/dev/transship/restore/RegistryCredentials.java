package dev.transship.restore;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.auth.oauth2.AccessToken;
import com.google.auth.oauth2.GoogleCredentials;
import dev.transship.TransshipException;
import dev.transship.cloud.EcrHosts;
import dev.transship.kube.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecr.model.AuthorizationData;

/**
 * Where a fresh registry login comes from, read at restore time (never from the plan). The plan's
 * {@code provider} names one: {@code ecr}, {@code gcp} (also {@code artifact-registry} and
 * {@code gcr}), or {@code dockerconfig} (also {@code docker}).
 */
@FunctionalInterface
interface RegistryCredentials {
  RegistryLogin login(String registry) throws TransshipException;

  /** Every provider name a plan may use. */
  List<String> PROVIDERS = List.of("ecr", "gcp", "artifact-registry", "gcr", "dockerconfig", "docker");

  static RegistryCredentials forProvider(String provider, Path dockerConfig) throws TransshipException {
    switch (provider) {
      case "ecr":
        return ecr(region -> EcrClient.builder().region(region).build());
      case "gcp":
      case "artifact-registry":
      case "gcr":
        return gcp(() -> GoogleCredentials.getApplicationDefault().createScoped(CLOUD_PLATFORM_SCOPE));
      case "dockerconfig":
      case "docker":
        return registry -> dockerConfig(dockerConfig, registry);
      default:
        throw new TransshipException("unknown pull-secret provider '" + provider + "' (known: " + String.join(", ", PROVIDERS) + ")");
    }
  }

  String CLOUD_PLATFORM_SCOPE = "https://www.googleapis.com/auth/cloud-platform";

  /** Opens an ECR client for a region; by default through the default AWS credential chain. */
  @FunctionalInterface
  interface EcrClients {
    EcrClient forRegion(Region region);
  }

  /** Application default credentials by default; the lookup itself may fail when none are set up. */
  @FunctionalInterface
  interface GoogleCredentialsSource {
    GoogleCredentials get() throws IOException;
  }

  /** An ECR authorization token (valid 12 h), asked in the registry's region for the registry's account. */
  static RegistryCredentials ecr(EcrClients clients) {
    return registry -> ecrLogin(clients, registry);
  }

  private static RegistryLogin ecrLogin(EcrClients clients, String registry) throws TransshipException {
    EcrHosts.Registry host = EcrHosts.parse(registry);
    if (host == null) {
      throw new TransshipException("'" + registry + "' is not an ECR registry host (ACCOUNT.dkr.ecr.REGION.amazonaws.com)");
    }
    try (EcrClient ecr = clients.forRegion(Region.of(host.region()))) {
      @SuppressWarnings("deprecation") // registryIds is deprecated only because one token serves every registry the caller may read
      List<AuthorizationData> data = ecr.getAuthorizationToken(r -> r.registryIds(host.account())).authorizationData();
      if (data.isEmpty()) {
        throw new TransshipException("ECR returned no authorization token for " + registry);
      }
      return userAndPassword(registry, data.get(0).authorizationToken());
    } catch (SdkException e) {
      throw new TransshipException("cannot get an ECR token for " + registry + ": " + e.getMessage());
    }
  }

  /** An OAuth access token; Artifact Registry and GCR take it with user {@code oauth2accesstoken}. */
  static RegistryCredentials gcp(GoogleCredentialsSource source) {
    return registry -> {
      try {
        GoogleCredentials credentials = source.get();
        credentials.refreshIfExpired();
        AccessToken token = credentials.getAccessToken();
        if (token == null || token.getTokenValue() == null || token.getTokenValue().isEmpty()) {
          throw new TransshipException("application default credentials gave no access token for " + registry);
        }
        return new RegistryLogin("oauth2accesstoken", token.getTokenValue());
      } catch (IOException | RuntimeException e) {
        // the auth library reports a missing or malformed key file as IOException and some refusals as runtime exceptions
        throw new TransshipException("cannot get a Google access token from application default credentials for " + registry + ": " + e.getMessage());
      }
    };
  }

  /** The registry's entry in a docker {@code config.json} ({@code auth}, or {@code username} and {@code password}). */
  static RegistryLogin dockerConfig(Path file, String registry) throws TransshipException {
    JsonNode auths;
    try {
      auths = Json.MAPPER.readTree(file.toFile()).path("auths");
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      // The parser's message quotes the text it choked on, which may be a password: the place only.
      String where = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
      throw new TransshipException(file + ": the docker config is not valid JSON" + where + " (details withheld: it holds credentials)");
    } catch (IOException e) {
      throw new TransshipException(file + ": cannot read the docker config: " + e.getMessage());
    }
    for (String key : List.of(registry, "https://" + registry, "https://" + registry + "/v1/", "http://" + registry)) {
      JsonNode entry = auths.path(key);
      if (entry.hasNonNull("username") && entry.hasNonNull("password")) {
        return new RegistryLogin(entry.get("username").asText(), entry.get("password").asText());
      }
      if (entry.hasNonNull("auth")) {
        return userAndPassword(registry, entry.get("auth").asText());
      }
    }
    throw new TransshipException(file + ": no login for registry " + registry + " under auths (credential helpers are not read)");
  }

  private static RegistryLogin userAndPassword(String registry, String base64) throws TransshipException {
    String decoded;
    try {
      decoded = new String(Base64.getDecoder().decode(base64), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw new TransshipException("the login for " + registry + " is not base64 user:password");
    }
    int colon = decoded.indexOf(':');
    if (colon < 1) {
      throw new TransshipException("the login for " + registry + " is not base64 user:password");
    }
    return new RegistryLogin(decoded.substring(0, colon), decoded.substring(colon + 1));
  }
}
