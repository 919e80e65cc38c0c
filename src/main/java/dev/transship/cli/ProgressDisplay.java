package dev.transship.cli;

import dev.transship.archive.Progress;
import java.io.Console;
import java.util.OptionalLong;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Progress of a long run on stderr: tarball megabytes read of the total, objects, rate and time
 * left. Only on an interactive terminal and without {@code --quiet}: a log or a pipe gets nothing.
 */
final class ProgressDisplay implements Progress, AutoCloseable {
  private final ProgressBar bar;

  private ProgressDisplay(ProgressBar bar) {
    this.bar = bar;
  }

  /** A display for a run over a tarball of {@code tarballBytes}, or {@link Progress#NONE} when nobody would see it. */
  static Progress open(String task, OptionalLong tarballBytes, boolean quiet) {
    if (quiet || !interactive()) {
      return NONE;
    }
    ProgressBar bar = new ProgressBarBuilder()
        .setTaskName(task)
        .setInitialMax(tarballBytes.orElse(-1))
        .setUnit(" MiB", 1 << 20)
        .showSpeed()
        .setStyle(ProgressBarStyle.ASCII)
        .setUpdateIntervalMillis(250)
        .continuousUpdate()
        .clearDisplayOnFinish()
        .setConsumer(new ConsoleProgressBarConsumer(System.err))
        .build();
    return new ProgressDisplay(bar);
  }

  @Override
  public void update(long items, long tarballBytesRead) {
    bar.stepTo(tarballBytesRead);
    bar.setExtraMessage(" " + items + " objects");
  }

  @Override
  public void close() {
    bar.close();
  }

  /** Closes {@code progress} when it is a display. */
  static void close(Progress progress) {
    if (progress instanceof ProgressDisplay display) {
      display.close();
    }
  }

  /** A terminal on both ends: Java 22+ answers through Console.isTerminal, older ones by having a Console at all. */
  private static boolean interactive() {
    Console console = System.console();
    if (console == null) {
      return false;
    }
    try {
      return (Boolean) Console.class.getMethod("isTerminal").invoke(console);
    } catch (ReflectiveOperationException e) {
      return true;
    }
  }
}
