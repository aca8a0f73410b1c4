package org.certbulletin.http.console;

import java.util.Optional;
import org.certbulletin.model.Principal;
import org.certbulletin.model.Role;
import org.certbulletin.service.Session;

/**
 * One request to the console: who makes it (signed in, or nobody yet on the sign-in page), in which
 * language, and from which address.
 */
record Visit(Optional<Session> session, UiLanguage language, String from) {

  /** The signed-in person. */
  Principal who() {
    return session.orElseThrow(() -> new IllegalStateException("not signed in")).principal();
  }

  boolean has(Role role) {
    return session.isPresent() && who().has(role);
  }

  /** The token every form of the session carries. */
  String csrf() {
    return session.map(Session::csrfToken).orElse("");
  }
}
