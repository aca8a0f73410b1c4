package org.certbulletin.subscribe;

import java.time.Instant;
import java.util.Objects;

/**
 * What a sealed link says: what it is for, whose it is and until when it holds.
 *
 * @param purpose what the link does
 * @param list the list's name
 * @param address the subscriber's normalised address
 * @param expires when the link stops working
 * @param id random, unique to this token: a single-use token is recorded as used under it
 */
public record Token(Purpose purpose, String list, String address, Instant expires, String id) {

  /** What a link does. */
  public enum Purpose {
    /** Confirms a sign-up (single use). */
    CONFIRM,
    /** Leaves the list: every message's {@code List-Unsubscribe} link. */
    UNSUBSCRIBE,
    /** Shows, exports, changes or deletes the subscriber's data. */
    MANAGE
  }

  public Token {
    Objects.requireNonNull(purpose, "purpose == null");
    Objects.requireNonNull(list, "list == null");
    Objects.requireNonNull(address, "address == null");
    Objects.requireNonNull(expires, "expires == null");
    Objects.requireNonNull(id, "id == null");
  }

  @Override
  public String toString() {
    return "Token[" + purpose + " " + list + "]";
  }
}
