package dev.transship.restore;

import io.fabric8.kubernetes.client.KubernetesClientException;

/** One line for an API error: the HTTP code and the server's message, without the client's wrapping. */
final class KubeErrors {
  private KubeErrors() {}

  static String describe(KubernetesClientException e) {
    if (e.getStatus() != null && e.getStatus().getMessage() != null) {
      return e.getCode() + " " + e.getStatus().getMessage();
    }
    Throwable root = e;
    while (root.getCause() != null) {
      root = root.getCause();
    }
    String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    return (e.getCode() > 0 ? e.getCode() + " " : "") + message.lines().findFirst().orElse("");
  }
}
