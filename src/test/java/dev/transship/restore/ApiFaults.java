package dev.transship.restore;

import io.fabric8.kubernetes.client.server.mock.KubernetesMixedDispatcher;
import io.fabric8.mockwebserver.ServerRequest;
import io.fabric8.mockwebserver.ServerResponse;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * A mock API server's dispatcher in CRUD mode with faults in front: a request a fault matches gets
 * the fault's answer (an API error, or an answer that comes too late) instead of the CRUD store's.
 */
final class ApiFaults extends KubernetesMixedDispatcher {
  /** One injected fault: which requests, what they get, and how many more times (negative: always). */
  static final class Fault {
    private final String method;
    private final Predicate<String> path;
    private final AtomicInteger remaining;
    private final AtomicInteger skip;
    private final int code;
    private final Duration delay;
    final AtomicInteger hits = new AtomicInteger();

    private Fault(String method, Predicate<String> path, int skip, int times, int code, Duration delay) {
      this.method = method;
      this.path = path;
      this.skip = new AtomicInteger(skip);
      this.remaining = new AtomicInteger(times);
      this.code = code;
      this.delay = delay;
    }

    private boolean takes(RecordedRequest request) {
      if (!method.equalsIgnoreCase(request.getMethod()) || !path.test(request.getPath())) {
        return false;
      }
      if (skip.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
        return false;
      }
      return remaining.getAndUpdate(n -> n > 0 ? n - 1 : n) != 0;
    }
  }

  private final Map<ServerRequest, Queue<ServerResponse>> responses;
  private final List<Fault> faults = new CopyOnWriteArrayList<>();
  /** Every request the server saw, "METHOD path", in order. */
  final List<String> seen = new CopyOnWriteArrayList<>();

  private ApiFaults(Map<ServerRequest, Queue<ServerResponse>> responses) {
    super(responses);
    this.responses = responses;
  }

  static ApiFaults crud() {
    return new ApiFaults(new HashMap<>());
  }

  Map<ServerRequest, Queue<ServerResponse>> responses() {
    return responses;
  }

  /**
   * Requests of {@code method} to {@code path} fail with {@code code}, always. The path is matched
   * without the query, unless it has one: then requests whose path and query start with it.
   */
  Fault fail(String method, String path, int code) {
    return fail(method, path, code, 0, -1);
  }

  /** As {@link #fail(String, String, int)}, after {@code skip} matching requests went through, {@code times} times. */
  Fault fail(String method, String path, int code, int skip, int times) {
    return add(new Fault(method, matching(path), skip, times, code, Duration.ZERO));
  }

  /** Requests that the CRUD store carries out but whose answer comes {@code delay} late (longer than the client waits). */
  Fault hang(String method, String path, Duration delay) {
    return add(new Fault(method, matching(path), 0, -1, 0, delay));
  }

  private static Predicate<String> matching(String path) {
    return path.contains("?") ? p -> p.startsWith(path) : p -> p.split("\\?", 2)[0].equals(path);
  }

  void clear() {
    faults.clear();
  }

  private Fault add(Fault fault) {
    faults.add(fault);
    return fault;
  }

  @Override
  public MockResponse dispatch(RecordedRequest request) {
    seen.add(request.getMethod() + " " + request.getPath());
    for (Fault fault : faults) {
      if (fault.takes(request)) {
        fault.hits.incrementAndGet();
        if (!fault.delay.isZero()) {
          return super.dispatch(request).setBodyDelay(fault.delay);
        }
        return new MockResponse().setResponseCode(fault.code).setHeader("Content-Type", "application/json")
            .setBody(status(fault.code, request));
      }
    }
    return super.dispatch(request);
  }

  private static String status(int code, RecordedRequest request) {
    String reason = switch (code) {
      case 403 -> "Forbidden";
      case 409 -> "Conflict";
      case 404 -> "NotFound";
      default -> "InternalError";
    };
    String message = "injected " + code + " for " + request.getMethod() + " " + request.getPath().replaceAll("\\?.*", "");
    return "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"metadata\":{},\"status\":\"Failure\",\"message\":\"" + message
        + "\",\"reason\":\"" + reason + "\",\"code\":" + code + "}";
  }
}
