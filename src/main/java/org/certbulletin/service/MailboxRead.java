package org.certbulletin.service;

import java.util.List;

/**
 * One read of the bounce mailbox over IMAP: what became of each message, and how many stay in the
 * mailbox for the next read (their processing failed).
 *
 * @param outcomes each message deleted from the mailbox, in the mailbox's order
 * @param kept messages left for the next read, and why, one line each
 */
public record MailboxRead(List<BounceOutcome> outcomes, List<String> kept) {

  public MailboxRead {
    outcomes = List.copyOf(outcomes);
    kept = List.copyOf(kept);
  }

  /** How many messages were of {@code kind}. */
  public long count(BounceOutcome.Kind kind) {
    return outcomes.stream().filter(o -> o.kind() == kind).count();
  }

  /** The read in one line: {@code 3 messages: 1 processed, 2 ignored, 0 refused, 0 kept}. */
  public String summary() {
    return (outcomes.size() + kept.size())
        + " message(s): "
        + count(BounceOutcome.Kind.PROCESSED)
        + " processed, "
        + count(BounceOutcome.Kind.IGNORED)
        + " ignored, "
        + count(BounceOutcome.Kind.REFUSED)
        + " refused, "
        + kept.size()
        + " kept for the next read";
  }
}
