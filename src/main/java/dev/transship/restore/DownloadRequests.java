package dev.transship.restore;

import dev.transship.TransshipException;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.KubernetesClientTimeoutException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * One file of a backup, fetched as {@code velero backup download} fetches it (velero.md §2.3):
 * create a DownloadRequest, watch it until Velero has signed {@code status.downloadURL}, GET that
 * URL from the object store, delete the request.
 */
final class DownloadRequests {
  /** The client for signed URLs of the object store. */
  static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(30))
      .followRedirects(HttpClient.Redirect.NORMAL).build();
  /** How long the object store may take to start answering. */
  private static final Duration RESPONSE_TIMEOUT = Duration.ofMinutes(2);

  private final VeleroNamespace velero;

  DownloadRequests(VeleroNamespace velero) {
    this.velero = velero;
  }

  /** A name no other request has: the target's, as velero names its own, and a random suffix. */
  static String requestName(String targetName) {
    String suffix = HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong()).substring(0, 10);
    return targetName.substring(0, Math.min(targetName.length(), 242)) + "-" + suffix;
  }

  /**
   * Streams the file {@code kind} of {@code target}; empty when the object store has no such file.
   * The request is deleted once the store has answered: the signed URL does not need it any more.
   */
  Optional<InputStream> open(String kind, String target, Duration timeout) throws TransshipException {
    Wording wording = new Wording(
        (request, waited) -> "Velero did not process DownloadRequest " + request + " (" + kind + " of " + target + ") within "
            + Durations.text(waited) + "; check that the Velero server is running",
        reason -> "cannot request " + kind + " of " + target + ": " + reason);
    return fetch(kind, target, requestName(target), timeout, wording, url -> get(url, kind + " of " + target));
  }

  /** How a caller words the two ways Velero's API can fail it: no signed URL in time, or a refused call. */
  record Wording(BiFunction<String, Duration, String> timedOut, Function<String, String> refused) {}

  /** Reads what a signed URL points at. */
  interface SignedUrlReader<T> {
    T read(String url) throws TransshipException;
  }

  /**
   * The request's life: create it, watch it until Velero has signed {@code status.downloadURL},
   * let {@code reader} fetch the URL, and delete the request whatever happened.
   */
  <T> T fetch(String kind, String target, String requestName, Duration timeout, Wording wording, SignedUrlReader<T> reader)
      throws TransshipException {
    var requests = velero.of(VeleroApi.DOWNLOAD_REQUESTS);
    try {
      requests.resource(VeleroApi.resource(RestoreObjects.downloadRequest(kind, target, requestName, velero.name()))).create();
      GenericKubernetesResource processed = requests.withName(requestName).waitUntilCondition(r -> r != null
          && VeleroApi.DOWNLOAD_PROCESSED.equals(VeleroApi.json(r).path("status").path("phase").asText())
          && !VeleroApi.json(r).path("status").path("downloadURL").asText("").isEmpty(), timeout.toMillis(), TimeUnit.MILLISECONDS);
      return reader.read(VeleroApi.json(processed).path("status").path("downloadURL").asText());
    } catch (KubernetesClientTimeoutException e) {
      throw new TransshipException(wording.timedOut().apply(velero.where(requestName), timeout));
    } catch (KubernetesClientException e) {
      throw new TransshipException(wording.refused().apply(KubeErrors.describe(e)));
    } finally {
      try {
        requests.withName(requestName).delete();
      } catch (KubernetesClientException ignored) {
        // Velero deletes expired requests itself.
      }
    }
  }

  private static Optional<InputStream> get(String url, String what) throws TransshipException {
    try {
      HttpResponse<InputStream> response = HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(RESPONSE_TIMEOUT).GET().build(),
          HttpResponse.BodyHandlers.ofInputStream());
      if (response.statusCode() == 200) {
        return Optional.of(response.body());
      }
      response.body().close();
      if (response.statusCode() == 404) {
        return Optional.empty();
      }
      // The URL is signed: it is a credential for ten minutes, so it is not printed.
      throw new TransshipException("downloading " + what + " failed with HTTP " + response.statusCode());
    } catch (IOException | IllegalArgumentException e) {
      throw new TransshipException("cannot download " + what + ": " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new TransshipException("interrupted while downloading " + what);
    }
  }
}
