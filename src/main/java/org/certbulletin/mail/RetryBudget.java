package org.certbulletin.mail;

import java.time.Duration;
import java.util.Objects;

/**
 * How many more tries one delivery gets after temporary failures, and how long to wait before each.
 * Temporary failures (a 4xx, no connection) and requests to slow down (421) are counted apart: a
 * delivery gives up at its {@code attempts}th temporary failure or at its {@code 2 * attempts}th
 * slow-down. The wait doubles with each failure of the same kind, from {@code backoff} up to five
 * minutes.
 */
final class RetryBudget {

  /** What to do after a failure. */
  enum Action {
    /** Wait, then try again. */
    RETRY,
    /** Halve the sending rate, wait, then try again. */
    SLOW_DOWN,
    /** Give up on this recipient for this run; it stays due for the next. */
    DEFER,
    /** Give up on the run: the server is not accepting messages. */
    STOP
  }

  /** The action and, for a retry, how long to wait first ({@link Duration#ZERO} when giving up). */
  record Decision(Action action, Duration delay) {

    Decision {
      Objects.requireNonNull(action, "action == null");
      Objects.requireNonNull(delay, "delay == null");
    }
  }

  static final Duration LONGEST_WAIT = Duration.ofMinutes(5);

  private final int attempts;
  private final Duration backoff;
  private int temporaryFailures;
  private int slowDowns;

  RetryBudget(int attempts, Duration backoff) {
    if (attempts < 1) {
      throw new IllegalArgumentException("attempts < 1: " + attempts);
    }
    Objects.requireNonNull(backoff, "backoff == null");
    if (backoff.isNegative()) {
      throw new IllegalArgumentException("backoff is negative: " + backoff);
    }
    this.attempts = attempts;
    this.backoff = backoff;
  }

  /**
   * Counts {@code failure} against the budget and says what to do next.
   *
   * @throws IllegalArgumentException if the failure is not one worth retrying (TEMPORARY or
   *     SLOW_DOWN)
   */
  Decision after(SmtpFailure failure) {
    if (failure.kind() != SmtpFailure.Kind.TEMPORARY
        && failure.kind() != SmtpFailure.Kind.SLOW_DOWN) {
      throw new IllegalArgumentException("not a failure to retry: " + failure.kind());
    }
    if (failure.kind() == SmtpFailure.Kind.SLOW_DOWN && slowDowns < attempts * 2) {
      slowDowns++;
      return slowDowns < attempts * 2
          ? new Decision(Action.SLOW_DOWN, delay(slowDowns))
          : giveUp(failure);
    }
    temporaryFailures++;
    return temporaryFailures < attempts && slowDowns < attempts * 2
        ? new Decision(Action.RETRY, delay(temporaryFailures))
        : giveUp(failure);
  }

  private static Decision giveUp(SmtpFailure failure) {
    return new Decision(failure.recipientOnly() ? Action.DEFER : Action.STOP, Duration.ZERO);
  }

  private Duration delay(int step) {
    Duration delay = backoff.multipliedBy(1L << Math.min(step - 1, 20));
    return delay.compareTo(LONGEST_WAIT) > 0 ? LONGEST_WAIT : delay;
  }
}
