package org.certbulletin.service;

import java.util.Objects;

/**
 * What became of one message of the bounce mailbox, in one line for people: {@code processed: ...},
 * {@code ignored: ...}, {@code refused: ...}. The line names the list and the delivery, never the
 * address.
 */
public record BounceOutcome(Kind kind, String line) {

  /** What became of it. */
  public enum Kind {
    /** A bounce or an unsubscribe request, acted on. */
    PROCESSED,
    /** Nothing to do: not a bounce, or a report processed before. */
    IGNORED,
    /** Claims a delivery it cannot prove: nothing changed, audited. */
    REFUSED
  }

  public BounceOutcome {
    Objects.requireNonNull(kind, "kind == null");
    Objects.requireNonNull(line, "line == null");
  }
}
