package org.certbulletin.http;

import java.util.Optional;
import org.certbulletin.model.Principal;

/**
 * How the server learns who sends a request: from an API token ({@code Authorization: Bearer}) or a
 * person's session cookie. The access service answers; the server asks nothing else about accounts.
 */
public interface Gate {

  /** A signed-in person: who, and the token their forms and scripts must echo (CSRF). */
  record Session(Principal principal, String csrfToken) {}

  /** The principal of an API token, if the token is known, unexpired and its user enabled. */
  Optional<Principal> token(String secret);

  /** The session of a session cookie's value, if it is live. */
  Optional<Session> session(String id);

  /**
   * Signs a person in.
   *
   * @return the new session's id (the cookie's value) and its CSRF token; empty if refused, for
   *     whatever reason (a refusal never says whether the user exists)
   */
  Optional<SignedIn> login(String name, char[] password, String from);

  /** Ends a session. */
  void logout(String id);

  /** A new session: the cookie's value and the session. */
  record SignedIn(String id, Session session) {}

  /** Writes one line of the audit log. */
  void audit(
      Principal who, String operation, String target, String from, String outcome, String detail);
}
