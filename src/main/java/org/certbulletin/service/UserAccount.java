package org.certbulletin.service;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.certbulletin.model.Role;
import org.certbulletin.model.Tlp;

/**
 * A person's account as the service shows it: never its password hash.
 *
 * @param clearance the most restricted TLP label the user may receive
 * @param lockedUntil when a lockout after repeated failed sign-ins ends, if one holds or held
 */
public record UserAccount(
    String name,
    Set<Role> roles,
    Tlp clearance,
    boolean disabled,
    Optional<Instant> lockedUntil,
    Instant created,
    Instant updated) {

  public UserAccount {
    Objects.requireNonNull(name, "name == null");
    roles = Set.copyOf(roles);
    Objects.requireNonNull(clearance, "clearance == null");
    Objects.requireNonNull(lockedUntil, "lockedUntil == null");
    Objects.requireNonNull(created, "created == null");
    Objects.requireNonNull(updated, "updated == null");
  }

  /** Whether a lockout holds at {@code now}. */
  public boolean locked(Instant now) {
    return lockedUntil.filter(now::isBefore).isPresent();
  }
}
