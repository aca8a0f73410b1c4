package org.certbulletin.service;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * An API token as the service shows it: never its secret, which is shown once, when it is made.
 *
 * @param user the user whose roles and clearance the token acts with
 * @param lastUsed when it last authenticated a request (to the minute)
 */
public record ApiToken(
    String name,
    String user,
    Instant created,
    Optional<Instant> expires,
    Optional<Instant> revoked,
    Optional<Instant> lastUsed) {

  public ApiToken {
    Objects.requireNonNull(name, "name == null");
    Objects.requireNonNull(user, "user == null");
    Objects.requireNonNull(created, "created == null");
    Objects.requireNonNull(expires, "expires == null");
    Objects.requireNonNull(revoked, "revoked == null");
    Objects.requireNonNull(lastUsed, "lastUsed == null");
  }

  /** Whether it is neither revoked nor expired at {@code now} (its user may still be disabled). */
  public boolean active(Instant now) {
    return revoked.isEmpty() && expires.filter(e -> !now.isBefore(e)).isEmpty();
  }
}
