package org.certbulletin.mail;

/**
 * Keeps sending under a rate: at most one message per interval. When the server asks to slow down,
 * the rate halves (down to one message every ten seconds).
 */
final class Pacer {

  private static final double SLOWEST = 0.1;

  private double perSecond;
  private long next;

  Pacer(double perSecond) {
    this.perSecond = perSecond;
    this.next = System.nanoTime();
  }

  /** Waits until the next message may go. */
  void await() throws InterruptedException {
    long now = System.nanoTime();
    if (next > now) {
      long wait = next - now;
      Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
      now = next;
    }
    next = Math.max(now, next) + (long) (1e9 / perSecond);
  }

  void slowDown() {
    perSecond = Math.max(SLOWEST, perSecond / 2);
  }

  double perSecond() {
    return perSecond;
  }
}
