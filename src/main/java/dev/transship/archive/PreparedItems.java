package dev.transship.archive;

import dev.transship.TransshipException;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RunnableFuture;

/**
 * The items of a tarball (or of a spool) in order, each already prepared (typically parsed when a
 * rule wants it) on pool threads while the caller reads further: the reading thread inflates and
 * splits the tar, the pool parses, and the caller gets the results in order.
 *
 * @param <T> what {@code prepare} makes of one item
 */
public final class PreparedItems<T> implements AutoCloseable {
  /** Batches of at most this many items... */
  private static final int BATCH_ITEMS = 64;
  /** ...or this many bytes go to a pool thread together. */
  private static final int BATCH_BYTES = 256 << 10;

  /** Turns one item into what the caller needs; runs on pool threads, so it must be thread-safe. */
  public interface Preparation<T> {
    T prepare(RawItem item) throws TransshipException;
  }

  private final RawItemSource source;
  private final Preparation<T> preparation;
  private final ExecutorService pool;
  private final int window;
  private final ArrayDeque<RunnableFuture<List<T>>> inFlight = new ArrayDeque<>();
  private Iterator<T> current = List.<T>of().iterator();
  private boolean exhausted;

  public PreparedItems(RawItemSource source, Preparation<T> preparation, int threads) {
    this.source = source;
    this.preparation = preparation;
    this.pool = Pools.daemon(threads, "parse");
    this.window = 2 * threads;
  }

  /** The next prepared item in tarball order, or null at the end. */
  public T next() throws TransshipException {
    while (!current.hasNext()) {
      fill();
      if (inFlight.isEmpty()) {
        return null;
      }
      try {
        current = Pools.join(inFlight.poll()).iterator();
      } catch (IOException e) {
        throw new TransshipException("cannot prepare items (" + e.getMessage() + ")");
      }
    }
    return current.next();
  }

  /** Reads ahead until the window is full, so the pool has work while the caller consumes. */
  private void fill() throws TransshipException {
    while (!exhausted && inFlight.size() < window) {
      List<RawItem> batch = new ArrayList<>();
      long bytes = 0;
      while (batch.size() < BATCH_ITEMS && bytes < BATCH_BYTES) {
        RawItem item = source.nextRaw();
        if (item == null) {
          exhausted = true;
          break;
        }
        batch.add(item);
        bytes += item.raw().length;
      }
      if (batch.isEmpty()) {
        return;
      }
      inFlight.add(Pools.start(pool, () -> {
        List<T> prepared = new ArrayList<>(batch.size());
        for (RawItem item : batch) {
          prepared.add(preparation.prepare(item));
        }
        return prepared;
      }));
    }
  }

  @Override
  public void close() throws IOException {
    pool.shutdownNow();
    source.close();
  }
}
