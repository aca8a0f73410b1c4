package org.certbulletin.testing;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * Polls a condition with a generous timeout, stretched on a busy machine ({@link Patience}): tests
 * wait for what they expect, they never assert speed.
 */
public final class Eventually {

  private Eventually() {}

  public static void await(Duration timeout, String what, BooleanSupplier condition) {
    Patience patience = Patience.of(timeout);
    while (!condition.getAsBoolean()) {
      if (patience.exhausted()) {
        throw new AssertionError("timed out after " + patience + " waiting for " + what);
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
