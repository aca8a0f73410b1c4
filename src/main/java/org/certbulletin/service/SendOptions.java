package org.certbulletin.service;

import java.time.Clock;
import java.util.Map;

/**
 * How {@code send} runs.
 *
 * @param dryRun write the messages to the outbox instead of sending them
 * @param resendUncertain queue again the deliveries whose outcome is unknown (a run stopped
 *     mid-send)
 * @param environment where SMTP and DKIM secrets come from
 */
public record SendOptions(
    boolean dryRun, boolean resendUncertain, Map<String, String> environment, Clock clock) {

  public static SendOptions defaults() {
    return new SendOptions(false, false, System.getenv(), Clock.systemUTC());
  }
}
