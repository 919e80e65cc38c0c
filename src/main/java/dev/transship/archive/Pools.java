package dev.transship.archive;

import dev.transship.TransshipException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.concurrent.RunnableFuture;
import java.util.concurrent.atomic.AtomicInteger;

/** The thread pools that parse and compress ahead of the reading thread, and how their failures come back. */
final class Pools {
  private Pools() {}

  /** Daemon threads: a pool left behind by an error never keeps the JVM alive. */
  static ExecutorService daemon(int threads, String name) {
    AtomicInteger count = new AtomicInteger();
    return Executors.newFixedThreadPool(threads, r -> {
      Thread t = new Thread(r, "transship-" + name + "-" + count.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
  }

  /** Hands a task to the pool; {@link #join} takes its result. */
  static <T> RunnableFuture<T> start(ExecutorService pool, Callable<T> work) {
    RunnableFuture<T> task = new FutureTask<>(work);
    pool.execute(task);
    return task;
  }

  /**
   * The task's result. A task no pool thread has begun runs here: on two busy cores, waiting for a
   * worker to be scheduled cost the thread everyone waits on seconds per gigabyte.
   */
  static <T> T join(RunnableFuture<T> task) throws TransshipException, IOException {
    task.run(); // does nothing once a worker has begun it
    return await(task);
  }

  /** The task's result, or the exception it failed with, as thrown in the task. */
  private static <T> T await(Future<T> future) throws TransshipException, IOException {
    try {
      return future.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted");
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof TransshipException t) {
        throw t;
      } else if (cause instanceof UncheckedIOException u) {
        throw u.getCause();
      } else if (cause instanceof RuntimeException r) {
        throw r;
      } else if (cause instanceof Error r) {
        throw r;
      }
      throw new IllegalStateException(cause);
    }
  }
}
