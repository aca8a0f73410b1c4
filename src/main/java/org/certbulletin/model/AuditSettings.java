package org.certbulletin.model;

import java.time.Duration;
import java.util.Optional;

/**
 * The audit log's settings in {@code config.json}.
 *
 * @param retain how long an entry is kept; empty (the default): entries are never deleted
 */
public record AuditSettings(Optional<Duration> retain) {

  public AuditSettings {
    retain = retain == null ? Optional.empty() : retain;
  }

  /** A retention as {@code config.json} would write it: {@code P400D}, {@code PT36H}. */
  public static String text(Duration retain) {
    return retain.equals(Duration.ofDays(retain.toDays()))
        ? "P" + retain.toDays() + "D"
        : retain.toString();
  }

  /** No retention: the log keeps every entry. */
  public static AuditSettings defaults() {
    return new AuditSettings(Optional.empty());
  }
}
