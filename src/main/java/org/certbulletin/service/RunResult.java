package org.certbulletin.service;

import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import org.certbulletin.model.WeekId;

/**
 * How a scheduled run ended.
 *
 * @param retry true when another attempt could still succeed (recipients still due, data missing)
 * @param heldUntil when the due week is approved but not released yet: its release time, when the
 *     run is to be made again
 * @param corrections the weeks other than the due week that a publish published a correction of
 *     (version 2 or later), each with the lists sent an earlier version: the lists to send the
 *     correction to
 */
public record RunResult(
    long runId,
    WeekId week,
    boolean succeeded,
    boolean retry,
    String detail,
    Optional<Instant> heldUntil,
    Map<WeekId, List<String>> corrections) {

  public RunResult {
    Objects.requireNonNull(heldUntil, "heldUntil == null");
    Map<WeekId, List<String>> copy = new TreeMap<>();
    corrections.forEach((corrected, lists) -> copy.put(corrected, List.copyOf(lists)));
    corrections = Collections.unmodifiableMap(copy);
  }

  public RunResult(
      long runId,
      WeekId week,
      boolean succeeded,
      boolean retry,
      String detail,
      Optional<Instant> heldUntil) {
    this(runId, week, succeeded, retry, detail, heldUntil, Map.of());
  }
}
