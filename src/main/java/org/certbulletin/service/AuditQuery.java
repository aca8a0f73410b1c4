package org.certbulletin.service;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Which audit entries to list: those matching every filter given, newest first, at most {@code
 * limit}; a longer answer says there is {@link AuditPage#more()}, and {@code before} (the last id
 * seen) asks for the next page.
 */
public record AuditQuery(
    Optional<String> actor,
    Optional<String> operation,
    Optional<Instant> since,
    Optional<Long> before,
    int limit) {

  /** The most entries one page may hold. */
  public static final int MAX_LIMIT = 1000;

  public AuditQuery {
    Objects.requireNonNull(actor, "actor == null");
    Objects.requireNonNull(operation, "operation == null");
    Objects.requireNonNull(since, "since == null");
    Objects.requireNonNull(before, "before == null");
  }

  /** The newest {@code limit} entries, unfiltered. */
  public static AuditQuery newest(int limit) {
    return new AuditQuery(
        Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), limit);
  }
}
