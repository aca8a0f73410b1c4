package org.certbulletin.mail;

import java.util.function.LongSupplier;

/**
 * Keeps sending under a rate: at most one message per interval. When the server asks to slow down,
 * the rate halves (down to one message every ten seconds).
 */
final class Pacer {

  /** Waits a number of nanoseconds. */
  @FunctionalInterface
  interface Sleeper {
    void sleep(long nanos) throws InterruptedException;
  }

  private static final double SLOWEST = 0.1;

  private final LongSupplier nanoTime;
  private final Sleeper sleeper;
  private double perSecond;
  private long next;

  /** A pacer on the system's monotonic clock that sleeps the current thread. */
  Pacer(double perSecond) {
    this(
        perSecond,
        System::nanoTime,
        nanos -> Thread.sleep(nanos / 1_000_000, (int) (nanos % 1_000_000)));
  }

  /**
   * @param nanoTime a monotonic clock in nanoseconds, like {@link System#nanoTime()}
   * @param sleeper how to wait
   */
  Pacer(double perSecond, LongSupplier nanoTime, Sleeper sleeper) {
    this.perSecond = perSecond;
    this.nanoTime = nanoTime;
    this.sleeper = sleeper;
    this.next = nanoTime.getAsLong();
  }

  /** Waits until the next message may go, and takes its turn. */
  void await() throws InterruptedException {
    awaitTurn();
    take();
  }

  /**
   * Waits until the next message may go without taking its turn: a delivery that turns out to be
   * claimed by another run does not use it up.
   */
  void awaitTurn() throws InterruptedException {
    long now = nanoTime.getAsLong();
    if (next > now) {
      sleeper.sleep(next - now);
    }
  }

  /** Takes the turn: a message goes now, the next one an interval later. */
  void take() {
    long now = nanoTime.getAsLong();
    next = Math.max(now, next) + (long) (1e9 / perSecond);
  }

  /** True if {@link #awaitTurn} would wait now: the next message is not due yet. */
  boolean mustWait() {
    return next > nanoTime.getAsLong();
  }

  void slowDown() {
    perSecond = Math.max(SLOWEST, perSecond / 2);
  }

  double perSecond() {
    return perSecond;
  }
}
