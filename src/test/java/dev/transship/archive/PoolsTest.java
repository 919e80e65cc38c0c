package dev.transship.archive;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.transship.TransshipException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RunnableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class PoolsTest {
  private final ExecutorService pool = Pools.daemon(1, "test");
  private final CountDownLatch release = new CountDownLatch(1);

  @AfterEach
  void stop() {
    release.countDown();
    pool.shutdownNow();
  }

  /** Keeps the pool's only worker busy until the test ends. */
  private void occupyTheWorker() throws InterruptedException {
    CountDownLatch busy = new CountDownLatch(1);
    Pools.start(pool, () -> {
      busy.countDown();
      return release.await(10, TimeUnit.SECONDS);
    });
    assertTrue(busy.await(10, TimeUnit.SECONDS));
  }

  @Test
  void aTaskNoWorkerHasBegunRunsOnTheJoiningThread() throws Exception {
    occupyTheWorker();
    AtomicReference<Thread> ranOn = new AtomicReference<>();
    AtomicInteger runs = new AtomicInteger();
    RunnableFuture<String> task = Pools.start(pool, () -> {
      ranOn.set(Thread.currentThread());
      runs.incrementAndGet();
      return "done";
    });

    assertEquals("done", Pools.join(task), "joined without waiting for the busy worker");
    assertSame(Thread.currentThread(), ranOn.get());

    release.countDown(); // the worker now reaches the queued task, which must not run again
    pool.shutdown();
    assertTrue(pool.awaitTermination(10, TimeUnit.SECONDS));
    assertEquals(1, runs.get());
  }

  @Test
  void aTaskAWorkerHasBegunIsWaitedFor() throws Exception {
    CountDownLatch begun = new CountDownLatch(1);
    RunnableFuture<Thread> task = Pools.start(pool, () -> {
      begun.countDown();
      release.await(10, TimeUnit.SECONDS);
      return Thread.currentThread();
    });
    assertTrue(begun.await(10, TimeUnit.SECONDS));
    new Thread(() -> {
      sleepBriefly();
      release.countDown();
    }).start();

    Thread ranOn = Pools.join(task);

    assertTrue(ranOn.getName().startsWith("transship-test-"), ranOn.getName());
  }

  @Test
  void aFailureComesBackAsTheTaskThrewIt() throws Exception {
    occupyTheWorker();
    RunnableFuture<Object> task = Pools.start(pool, () -> {
      throw new TransshipException("backup.tar.gz: entry 'x' is not valid JSON");
    });

    TransshipException e = assertThrows(TransshipException.class, () -> Pools.join(task));
    assertEquals("backup.tar.gz: entry 'x' is not valid JSON", e.getMessage());
  }

  private static void sleepBriefly() {
    try {
      Thread.sleep(50);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
