package org.certbulletin.testing;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * Polls a condition with a generous timeout: tests wait for what they expect, they never assert
 * speed.
 */
public final class Eventually {

  private Eventually() {}

  public static void await(Duration timeout, String what, BooleanSupplier condition) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out after " + timeout + " waiting for " + what);
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted waiting for " + what);
      }
    }
  }
}
