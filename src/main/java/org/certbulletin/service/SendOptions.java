package org.certbulletin.service;

import java.time.Clock;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * How {@code send} runs.
 *
 * @param dryRun write the messages to the outbox instead of sending them
 * @param resendUncertain queue again the deliveries whose outcome is unknown (a run stopped
 *     mid-send)
 * @param environment where SMTP and DKIM secrets come from
 * @param outboxLimit the most bytes of messages a run may write to the outbox without {@code force}
 * @param force write to the outbox however much it takes
 * @param stopRequested polled before each message: true stops the send there (SIGTERM)
 */
public record SendOptions(
    boolean dryRun,
    boolean resendUncertain,
    Map<String, String> environment,
    Clock clock,
    long outboxLimit,
    boolean force,
    BooleanSupplier stopRequested) {

  /** 500 MB: far above a list of thousands, far below filling a disk by mistake. */
  public static final long DEFAULT_OUTBOX_LIMIT = 500L * 1000 * 1000;

  public SendOptions {
    if (outboxLimit < 0) {
      throw new IllegalArgumentException("outboxLimit < 0: " + outboxLimit);
    }
  }

  public SendOptions(
      boolean dryRun, boolean resendUncertain, Map<String, String> environment, Clock clock) {
    this(dryRun, resendUncertain, environment, clock, DEFAULT_OUTBOX_LIMIT, false, () -> false);
  }

  public static SendOptions defaults() {
    return new SendOptions(false, false, System.getenv(), Clock.systemUTC());
  }
}
