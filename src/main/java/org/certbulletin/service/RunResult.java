package org.certbulletin.service;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.certbulletin.model.WeekId;

/**
 * How a scheduled run ended.
 *
 * @param retry true when another attempt could still succeed (recipients still due, data missing)
 * @param heldUntil when the due week is approved but not released yet: its release time, when the
 *     run is to be made again
 */
public record RunResult(
    long runId,
    WeekId week,
    boolean succeeded,
    boolean retry,
    String detail,
    Optional<Instant> heldUntil) {

  public RunResult {
    Objects.requireNonNull(heldUntil, "heldUntil == null");
  }
}
