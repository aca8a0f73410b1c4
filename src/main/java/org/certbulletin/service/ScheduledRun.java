package org.certbulletin.service;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One run of a scheduled job, as the run history records it.
 *
 * @param job {@code publish}, or {@code send:LIST}
 * @param week the ISO week it publishes or sends ({@code 2024-W51})
 * @param trigger what started it, as {@link TriggerKind#code()} names it ({@code catch-up})
 * @param scheduled the firing it stands for
 * @param finished empty while it runs
 * @param node the daemon node that ran it ({@code rehearsal} for a rehearsal)
 * @param detail how it ended, for people
 */
public record ScheduledRun(
    long id,
    String job,
    String trigger,
    String week,
    Instant scheduled,
    Instant started,
    Optional<Instant> finished,
    Outcome outcome,
    int attempt,
    String node,
    Optional<String> detail) {

  /** How a run ended; {@code RUNNING} until it does, {@code ABANDONED} if its process died. */
  public enum Outcome {
    RUNNING,
    SUCCEEDED,
    FAILED,
    ABANDONED
  }

  public ScheduledRun {
    Objects.requireNonNull(job, "job == null");
    Objects.requireNonNull(week, "week == null");
    Objects.requireNonNull(outcome, "outcome == null");
  }

  /** How long it took, once it has finished. */
  public Optional<Duration> duration() {
    return finished.map(f -> Duration.between(started, f));
  }
}
