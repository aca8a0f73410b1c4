package org.certbulletin.service;

import java.time.Instant;
import java.util.Objects;
import org.certbulletin.model.Principal;

/**
 * A person's signed-in session. Its {@link #toString} leaves the id and the CSRF token out.
 *
 * @param id the secret the browser holds (a cookie); only its hash is stored
 * @param principal who is signed in, with the user's roles and clearance as they are now
 * @param csrfToken what every form of this session must carry ({@link #csrfMatches})
 * @param expires the absolute end of the session, however active it is
 */
public record Session(String id, Principal principal, String csrfToken, Instant expires) {

  public Session {
    Objects.requireNonNull(id, "id == null");
    Objects.requireNonNull(principal, "principal == null");
    Objects.requireNonNull(csrfToken, "csrfToken == null");
    Objects.requireNonNull(expires, "expires == null");
  }

  /** Whether {@code presented} is this session's CSRF token, compared in constant time. */
  public boolean csrfMatches(String presented) {
    return presented != null && Secrets.same(csrfToken, presented);
  }

  @Override
  public String toString() {
    return "Session[" + principal.actor() + ", until " + expires + "]";
  }
}
