package org.certbulletin.model;

import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What sending one list's edition did.
 *
 * @param sent messages the server accepted in this run
 * @param alreadySent recipients the ledger shows as sent by an earlier run (not sent again)
 * @param failed recipients refused for good, with the reason
 * @param deferred recipients still due after temporary failures, with the last reason
 * @param uncertain recipients whose outcome is unknown (a run stopped mid-send); not sent again
 * @param outbox where messages were written instead of sent (dry run or no SMTP)
 * @param correction for a correction: its version, and how many recipients of the versions before
 *     it are on its way to
 */
public record DeliveryReport(
    WeekId week,
    String list,
    Tlp edition,
    int recipients,
    int sent,
    int alreadySent,
    Map<String, String> failed,
    Map<String, String> deferred,
    List<String> uncertain,
    Optional<Path> outbox,
    Optional<Correction> correction) {

  /**
   * A correction sent to the recipients of the week's earlier versions.
   *
   * @param version the version sent, 2 or later
   * @param earlierRecipients the list's recipients the ledger shows received an earlier version and
   *     who are still on the list: those the correction goes to
   */
  public record Correction(int version, int earlierRecipients) {}

  public DeliveryReport {
    failed = Collections.unmodifiableMap(new TreeMap<>(failed));
    deferred = Collections.unmodifiableMap(new TreeMap<>(deferred));
    uncertain = List.copyOf(uncertain);
    Objects.requireNonNull(outbox, "outbox == null");
    Objects.requireNonNull(correction, "correction == null");
  }

  /** What sending a week's first version (or a list's first send of it) did. */
  public DeliveryReport(
      WeekId week,
      String list,
      Tlp edition,
      int recipients,
      int sent,
      int alreadySent,
      Map<String, String> failed,
      Map<String, String> deferred,
      List<String> uncertain,
      Optional<Path> outbox) {
    this(
        week,
        list,
        edition,
        recipients,
        sent,
        alreadySent,
        failed,
        deferred,
        uncertain,
        outbox,
        Optional.empty());
  }

  /** True when every recipient has the bulletin. */
  public boolean complete() {
    return failed.isEmpty() && deferred.isEmpty() && uncertain.isEmpty();
  }
}
