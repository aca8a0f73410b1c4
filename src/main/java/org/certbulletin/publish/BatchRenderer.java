package org.certbulletin.publish;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Function;
import org.certbulletin.model.InvalidDataException;
import org.certbulletin.model.WeekId;
import org.certbulletin.render.RenderException;

/**
 * Renders many weeks on several threads with a bounded number in flight, so memory stays bounded,
 * and hands each result to the calling thread as it completes. A week with bad data or content the
 * renderer cannot lay out is a failure of that week; anything else stops the batch.
 */
public final class BatchRenderer {

  /** The result of one week: its files, or why it could not be rendered. */
  public record Outcome(
      WeekId week, Optional<EditionFiles> files, Optional<RuntimeException> failure) {}

  private final int threads;

  public BatchRenderer(int threads) {
    if (threads < 1) {
      throw new IllegalArgumentException("threads < 1: " + threads);
    }
    this.threads = threads;
  }

  /** One thread per core. */
  public static BatchRenderer perCore() {
    return new BatchRenderer(Runtime.getRuntime().availableProcessors());
  }

  public void run(
      List<WeekId> weeks, Function<WeekId, EditionFiles> render, Consumer<Outcome> onResult)
      throws InterruptedException {
    if (weeks.isEmpty()) {
      return;
    }
    AtomicInteger counter = new AtomicInteger();
    ExecutorService pool =
        Executors.newFixedThreadPool(
            Math.min(threads, weeks.size()),
            task -> {
              Thread thread = new Thread(task, "render-" + counter.incrementAndGet());
              thread.setDaemon(true);
              return thread;
            });
    try {
      CompletionService<Outcome> done = new ExecutorCompletionService<>(pool);
      Deque<WeekId> waiting = new ArrayDeque<>(weeks);
      int inFlight = 0;
      while (inFlight < threads * 2 && !waiting.isEmpty()) {
        submit(done, waiting.poll(), render);
        inFlight++;
      }
      while (inFlight > 0) {
        Future<Outcome> next = done.take();
        inFlight--;
        Outcome outcome = resultOf(next);
        if (!waiting.isEmpty()) {
          submit(done, waiting.poll(), render);
          inFlight++;
        }
        onResult.accept(outcome);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  private static void submit(
      CompletionService<Outcome> done, WeekId week, Function<WeekId, EditionFiles> render) {
    done.submit(
        () -> {
          try {
            return new Outcome(week, Optional.of(render.apply(week)), Optional.empty());
          } catch (InvalidDataException | RenderException e) {
            return new Outcome(week, Optional.empty(), Optional.of(e));
          }
        });
  }

  private static Outcome resultOf(Future<Outcome> future) throws InterruptedException {
    try {
      return future.get();
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException runtime) {
        throw runtime;
      }
      if (cause instanceof Error error) {
        throw error;
      }
      throw new IllegalStateException(cause);
    }
  }
}
