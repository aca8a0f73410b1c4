package org.certbulletin.mail;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.certbulletin.store.DeliveryLedger.Entry;
import org.certbulletin.store.DeliveryLedger.Status;

/**
 * What the ledger's states mean for a list's current recipients: which deliveries are due before a
 * run, and which failed, are deferred or are uncertain after it. Entries of recipients no longer on
 * the list are left out.
 */
final class DeliveryStates {

  private DeliveryStates() {}

  /** The deliveries still queued, in the ledger's order, and how many were sent before. */
  record Due(List<Entry> queued, int alreadySent) {

    Due {
      queued = List.copyOf(queued);
    }
  }

  /** Why the recipients not sent to were not: refused, deferred, or unknown. */
  record Outcomes(
      Map<String, String> failed, Map<String, String> deferred, List<String> uncertain) {}

  static Due due(List<Entry> entries, Set<String> current) {
    List<Entry> due = new ArrayList<>();
    int alreadySent = 0;
    for (Entry entry : entries) {
      if (!current.contains(entry.recipient())) {
        continue;
      }
      if (entry.status() == Status.SENT) {
        alreadySent++;
      } else if (entry.status() == Status.QUEUED) {
        due.add(entry);
      }
    }
    return new Due(due, alreadySent);
  }

  /**
   * The outcomes after run {@code runId}: a delivery still being sent is deferred when a run in
   * {@code live} other than this one holds it, uncertain otherwise (its run died, or this one lost
   * the connection mid-message).
   *
   * @param stopped why this run stopped, or null if it did not
   */
  static Outcomes outcomes(
      List<Entry> entries, Set<String> current, Set<String> live, String runId, String stopped) {
    Map<String, String> failed = new LinkedHashMap<>();
    Map<String, String> deferred = new LinkedHashMap<>();
    List<String> uncertain = new ArrayList<>();
    for (Entry entry : entries) {
      if (!current.contains(entry.recipient())) {
        continue;
      }
      switch (entry.status()) {
        case FAILED -> failed.put(entry.recipient(), entry.lastError().orElse("refused"));
        case QUEUED ->
            deferred.put(
                entry.recipient(),
                entry
                    .lastError()
                    .orElse(stopped != null ? "not attempted: " + stopped : "not attempted"));
        case SENDING -> {
          if (entry.claimedBy().filter(by -> !by.equals(runId) && live.contains(by)).isPresent()) {
            deferred.put(
                entry.recipient(), "being sent by another run that is still going, right now");
            continue;
          }
          uncertain.add(
              entry.recipient()
                  + " "
                  + entry.messageId().orElse("")
                  + entry.lastError().map(e -> " (" + e + ")").orElse(""));
        }
        case SENT -> {}
      }
    }
    return new Outcomes(failed, deferred, uncertain);
  }
}
