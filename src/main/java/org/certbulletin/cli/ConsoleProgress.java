package org.certbulletin.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.certbulletin.model.ProgressListener;
import org.certbulletin.model.WeekId;

/**
 * Shows the progress of a long run: a progress bar when standard error is a terminal, otherwise a
 * plain line every tenth of the way (for logs and CI).
 */
final class ConsoleProgress implements ProgressListener {

  private final PrintWriter lines;
  private final boolean terminal;
  private ProgressBar bar;
  private String task;
  private int total;
  private int done;
  private int failed;
  private long started;

  ConsoleProgress(PrintWriter lines, boolean terminal) {
    this.lines = lines;
    this.terminal = terminal;
  }

  /** Progress of a command: a bar on the terminal, else lines on the command's standard error. */
  static ConsoleProgress of(PrintWriter err) {
    return new ConsoleProgress(err, isTerminal());
  }

  /**
   * True when standard input and output are a terminal. On Java 17 that is exactly when {@code
   * System.console()} exists (from Java 22 it exists for any process, so this would need {@code
   * Console.isTerminal()} there).
   */
  @SuppressWarnings("SystemConsoleNull")
  private static boolean isTerminal() {
    return System.console() != null;
  }

  @Override
  public synchronized void start(String task, int total) {
    this.task = task;
    this.total = total;
    this.done = 0;
    this.failed = 0;
    this.started = System.nanoTime();
    if (total == 0) {
      return;
    }
    if (terminal) {
      bar =
          new ProgressBarBuilder()
              .setTaskName(task)
              .setInitialMax(total)
              .setStyle(ProgressBarStyle.ASCII)
              .setUpdateIntervalMillis(200)
              .setConsumer(new ConsoleProgressBarConsumer(System.err))
              .setUnit(" weeks", 1)
              .showSpeed()
              .build();
    } else {
      lines.printf(Locale.ROOT, "%s: %d week%s to render%n", task, total, total == 1 ? "" : "s");
      lines.flush();
    }
  }

  @Override
  public synchronized void step(WeekId week, Step outcome) {
    done++;
    if (outcome == Step.FAILED) {
      failed++;
    }
    if (bar != null) {
      bar.step();
      bar.setExtraMessage(failed == 0 ? week.toString() : week + " (" + failed + " failed)");
    } else if (total > 0 && (done == total || done % Math.max(1, total / 10) == 0)) {
      lines.printf(
          Locale.ROOT,
          "%s: %d/%d weeks (%d%%), %d failed, %.1f s%n",
          task,
          done,
          total,
          done * 100 / total,
          failed,
          Duration.ofNanos(System.nanoTime() - started).toMillis() / 1000.0);
      lines.flush();
    }
  }

  @Override
  public synchronized void finish() {
    if (bar != null) {
      bar.close();
      bar = null;
    }
  }
}
