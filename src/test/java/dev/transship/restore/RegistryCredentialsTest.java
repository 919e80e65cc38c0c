package dev.transship.restore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.auth.oauth2.AccessToken;
import com.google.auth.oauth2.GoogleCredentials;
import com.sun.net.httpserver.HttpServer;
import dev.transship.TransshipException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.services.ecr.EcrClient;

/** The ECR and Google providers against a local ECR JSON endpoint and in-memory Google credentials. */
class RegistryCredentialsTest {
  private static final String CANARY = "canary-token-7f3a";
  private static final String REGISTRY = "123456789012.dkr.ecr.eu-west-3.amazonaws.com";

  private HttpServer ecr;
  private final List<String> requests = new ArrayList<>();
  private volatile int status = 200;
  private volatile String body;

  @BeforeEach
  void startEcr() throws IOException {
    ecr = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    ecr.createContext("/", exchange -> {
      String request = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      synchronized (requests) {
        requests.add(exchange.getRequestHeaders().getFirst("X-Amz-Target") + " " + request
            + " " + exchange.getRequestHeaders().getFirst("Authorization"));
      }
      byte[] reply = body.getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().add("Content-Type", "application/x-amz-json-1.1");
      exchange.sendResponseHeaders(status, reply.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(reply);
      }
    });
    ecr.start();
  }

  @AfterEach
  void stopEcr() {
    ecr.stop(0);
  }

  private RegistryCredentials localEcr() {
    URI endpoint = URI.create("http://127.0.0.1:" + ecr.getAddress().getPort());
    return RegistryCredentials.ecr(region -> EcrClient.builder().region(region).endpointOverride(endpoint)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDEXAMPLE", "not-a-secret")))
        .build());
  }

  @Test
  void ecrAsksTheRegistrysRegionAndAccountAndSplitsTheToken() throws Exception {
    String token = Base64.getEncoder().encodeToString(("AWS:" + CANARY).getBytes(StandardCharsets.UTF_8));
    body = "{\"authorizationData\":[{\"authorizationToken\":\"" + token + "\",\"expiresAt\":1.7E9,"
        + "\"proxyEndpoint\":\"https://" + REGISTRY + "\"}]}";

    RegistryLogin login = localEcr().login(REGISTRY);

    assertEquals("AWS", login.username());
    assertEquals(CANARY, login.password());
    assertFalse(login.toString().contains(CANARY), "a login never prints its password");
    assertEquals(1, requests.size());
    String request = requests.get(0);
    assertTrue(request.startsWith("AmazonEC2ContainerRegistry_V20150921.GetAuthorizationToken "), request);
    assertTrue(request.contains("\"registryIds\":[\"123456789012\"]"), request);
    assertTrue(request.contains("/eu-west-3/ecr/aws4_request"), "signed for the registry's region: " + request);
  }

  @Test
  void ecrRefusalIsAOneLineErrorWithoutTheToken() {
    status = 400;
    body = "{\"__type\":\"AccessDeniedException\",\"message\":\"User is not authorized to perform ecr:GetAuthorizationToken\"}";

    TransshipException e = assertThrows(TransshipException.class, () -> localEcr().login(REGISTRY));

    assertTrue(e.getMessage().startsWith("cannot get an ECR token for " + REGISTRY), e.getMessage());
    assertTrue(e.getMessage().contains("not authorized"), e.getMessage());
  }

  @Test
  void ecrWithNoAuthorizationDataIsAnError() {
    body = "{\"authorizationData\":[]}";

    TransshipException e = assertThrows(TransshipException.class, () -> localEcr().login(REGISTRY));

    assertEquals("ECR returned no authorization token for " + REGISTRY, e.getMessage());
  }

  @Test
  void ecrRefusesAHostThatIsNotEcrWithoutCallingIt() {
    body = "{}";

    TransshipException e = assertThrows(TransshipException.class, () -> localEcr().login("ghcr.io"));

    assertTrue(e.getMessage().contains("is not an ECR registry host"), e.getMessage());
    assertTrue(requests.isEmpty());
  }

  @Test
  void gcpUsesTheAccessTokenWithTheOauth2User() throws Exception {
    AccessToken token = new AccessToken(CANARY, Date.from(Instant.now().plusSeconds(3600)));
    RegistryCredentials gcp = RegistryCredentials.gcp(() -> GoogleCredentials.create(token));

    RegistryLogin login = gcp.login("europe-docker.pkg.dev");

    assertEquals("oauth2accesstoken", login.username());
    assertEquals(CANARY, login.password());
  }

  @Test
  void gcpWithoutApplicationDefaultCredentialsIsAOneLineError() {
    RegistryCredentials gcp = RegistryCredentials.gcp(() -> {
      throw new IOException("Your default credentials were not found.");
    });

    TransshipException e = assertThrows(TransshipException.class, () -> gcp.login("gcr.io"));

    assertEquals("cannot get a Google access token from application default credentials for gcr.io: "
        + "Your default credentials were not found.", e.getMessage());
  }

  @Test
  void gcpCredentialsThatCannotRefreshAreAnErrorNotACrash() {
    // an expired token with no way to refresh it, as a revoked or copied-in credential would be
    AccessToken expired = new AccessToken(CANARY, Date.from(Instant.now().minusSeconds(60)));
    RegistryCredentials gcp = RegistryCredentials.gcp(() -> GoogleCredentials.create(expired));

    TransshipException e = assertThrows(TransshipException.class, () -> gcp.login("gcr.io"));

    assertTrue(e.getMessage().startsWith("cannot get a Google access token"), e.getMessage());
    assertFalse(e.getMessage().contains(CANARY));
  }
}
