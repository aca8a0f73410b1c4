package org.certbulletin.service;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** The scheduler daemon while it runs, as the door that started it sees it. */
public interface RunningDaemon extends AutoCloseable {

  /** Which node of the state database this is, as one line. */
  String identity();

  /** What it will do: the schedule, the next firing, the lists, one line each. */
  List<String> intentions();

  /** Runs the publishing job now, as an operator would by hand. */
  CompletableFuture<RunResult> runNow();

  /** Runs the publishing job of the firing at {@code firing} now. */
  CompletableFuture<RunResult> runNow(Instant firing);

  /** Waits until the daemon has stopped (closed, or stopped by a signal). */
  void awaitStopped() throws InterruptedException;

  /** What it did while it ran, as one line. */
  String stopSummary();

  /** Stops it, letting a running job finish within the grace period. */
  @Override
  void close();
}
