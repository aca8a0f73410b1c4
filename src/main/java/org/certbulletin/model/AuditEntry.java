package org.certbulletin.model;

import java.time.Instant;
import java.util.Objects;

/**
 * One line of the audit log: who did (or was refused) what, to what, when and from where.
 *
 * @param id increasing in the order the entries were written
 * @param actor how the principal is named ({@link Principal#actor()})
 * @param target what the operation was about (a user, a token, a week, a list); empty for none
 * @param from where the request came from (an address, {@code local}); empty when unknown
 * @param detail more about the outcome, for people; empty for none
 */
public record AuditEntry(
    long id,
    Instant at,
    String actor,
    Principal.Kind actorKind,
    String operation,
    String target,
    String from,
    Outcome outcome,
    String detail) {

  /** How the operation ended. */
  public enum Outcome {
    /** Done. */
    OK,
    /** Not allowed: a missing role or clearance, a wrong password, a dead token. */
    REFUSED,
    /** Allowed, but something failed on the way. */
    FAILED
  }

  public AuditEntry {
    Objects.requireNonNull(at, "at == null");
    Objects.requireNonNull(actor, "actor == null");
    Objects.requireNonNull(actorKind, "actorKind == null");
    Objects.requireNonNull(operation, "operation == null");
    Objects.requireNonNull(target, "target == null");
    Objects.requireNonNull(from, "from == null");
    Objects.requireNonNull(outcome, "outcome == null");
    Objects.requireNonNull(detail, "detail == null");
  }
}
