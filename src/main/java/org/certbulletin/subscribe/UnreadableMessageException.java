package org.certbulletin.subscribe;

/** A message of the bounce mailbox that cannot be read at all: empty, too large, not a message. */
public final class UnreadableMessageException extends Exception {

  private static final long serialVersionUID = 1L;

  public UnreadableMessageException(String message) {
    super(message);
  }

  public UnreadableMessageException(String message, Throwable cause) {
    super(message, cause);
  }
}
