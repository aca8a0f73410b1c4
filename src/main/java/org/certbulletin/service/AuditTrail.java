package org.certbulletin.service;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.certbulletin.model.AuditEntry;
import org.certbulletin.model.Principal;
import org.certbulletin.store.AuditLog;

/** Writes and reads the audit log for the service, at the service's clock. */
final class AuditTrail {

  private final AuditLog log;
  private final Clock clock;

  AuditTrail(AuditLog log, Clock clock) {
    this.log = log;
    this.clock = clock;
  }

  /** Records what {@code who} did or was refused. */
  void record(
      Principal who,
      String operation,
      String target,
      String from,
      AuditEntry.Outcome outcome,
      String detail) {
    record(who.actor(), who.kind(), operation, target, from, outcome, detail);
  }

  /** Records what an actor with no principal (an unknown token) was refused. */
  void record(
      String actor,
      Principal.Kind kind,
      String operation,
      String target,
      String from,
      AuditEntry.Outcome outcome,
      String detail) {
    AuditEntry entry =
        new AuditEntry(
            0,
            now(),
            actor,
            kind,
            operation,
            target == null ? "" : target,
            from == null ? "" : from,
            outcome,
            detail == null ? "" : detail);
    AccessService.store(() -> log.append(entry));
  }

  /** The entries {@code query} asks for, and whether there are more. */
  AuditPage page(AuditQuery query) {
    if (query.limit() < 1 || query.limit() > AuditQuery.MAX_LIMIT) {
      throw AccountNames.badInput(
          "/limit",
          "the limit is 1 to " + AuditQuery.MAX_LIMIT + " entries a page; not " + query.limit());
    }
    List<AuditEntry> entries =
        AccessService.store(
            () ->
                log.newest(
                    query.actor(),
                    query.operation(),
                    query.since(),
                    query.before(),
                    query.limit() + 1));
    boolean more = entries.size() > query.limit();
    return new AuditPage(more ? entries.subList(0, query.limit()) : entries, more);
  }

  /** Deletes the entries older than {@code cutoff}, returning how many. */
  int pruneBefore(Instant cutoff) {
    return AccessService.store(() -> log.pruneBefore(cutoff));
  }

  private Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MILLIS);
  }
}
