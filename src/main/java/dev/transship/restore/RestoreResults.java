package dev.transship.restore;

import com.fasterxml.jackson.databind.JsonNode;
import dev.transship.TransshipException;
import dev.transship.archive.Gzip;
import dev.transship.kube.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A Restore's detailed warnings and errors, fetched as {@code velero restore describe --details}
 * does: a DownloadRequest of kind RestoreResults, Velero signs {@code status.downloadURL}, we GET
 * it and gunzip {@code {"warnings":Result,"errors":Result}} (velero.md §2.3, §3.2).
 */
final class RestoreResults {
  private static final DateTimeFormatter REQUEST_SUFFIX = DateTimeFormatter.ofPattern("yyyyMMddHHmmss");

  /** Messages by scope: "velero", "cluster", or "namespace NS". */
  record Messages(Map<String, List<String>> warnings, Map<String, List<String>> errors) {
    static Messages parse(JsonNode results) {
      return new Messages(byScope(results.path("warnings")), byScope(results.path("errors")));
    }

    private static Map<String, List<String>> byScope(JsonNode result) {
      Map<String, List<String>> out = new TreeMap<>();
      add(out, "velero", result.path("velero"));
      add(out, "cluster", result.path("cluster"));
      result.path("namespaces").fields().forEachRemaining(ns -> add(out, "namespace " + ns.getKey(), ns.getValue()));
      return out;
    }

    private static void add(Map<String, List<String>> out, String scope, JsonNode messages) {
      List<String> list = new ArrayList<>();
      messages.forEach(m -> list.add(m.asText()));
      if (!list.isEmpty()) {
        out.put(scope, list);
      }
    }
  }

  private final DownloadRequests downloads;

  RestoreResults(VeleroNamespace velero) {
    this.downloads = new DownloadRequests(velero);
  }

  /** The name {@code velero} itself gives such a request: the Restore's name and a timestamp. */
  static String requestName(String restoreName) {
    return restoreName + "-" + ZonedDateTime.now(ZoneOffset.UTC).format(REQUEST_SUFFIX);
  }

  Messages fetch(String restoreName, Duration timeout) throws TransshipException {
    DownloadRequests.Wording wording = new DownloadRequests.Wording(
        (request, waited) -> "Velero did not answer DownloadRequest " + request + " within " + waited,
        reason -> "cannot fetch the results of Restore " + restoreName + ": " + reason);
    return Messages.parse(downloads.fetch("RestoreResults", restoreName, requestName(restoreName), timeout, wording,
        url -> download(url, timeout)));
  }

  private JsonNode download(String url, Duration timeout) throws TransshipException {
    try {
      HttpResponse<byte[]> response = DownloadRequests.HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(timeout).GET().build(),
          HttpResponse.BodyHandlers.ofByteArray());
      if (response.statusCode() != 200) {
        // The URL is signed: it is a credential for ten minutes, so it is not printed.
        throw new TransshipException("downloading restore results failed with HTTP " + response.statusCode());
      }
      return Json.parse(gunzip(response.body()));
    } catch (IOException e) {
      throw new TransshipException("cannot download restore results: " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new TransshipException("interrupted while downloading restore results");
    }
  }

  private static byte[] gunzip(byte[] body) throws IOException {
    boolean gzipped = body.length >= 2 && (body[0] & 0xff) == 0x1f && (body[1] & 0xff) == 0x8b;
    return gzipped ? Gzip.decompress(body) : body; // some stores serve it already decoded
  }
}
