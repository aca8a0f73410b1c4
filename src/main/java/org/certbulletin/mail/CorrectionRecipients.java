package org.certbulletin.mail;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.certbulletin.model.WeekId;
import org.certbulletin.store.DeliveryLedger;
import org.certbulletin.store.DeliveryLedger.Entry;
import org.certbulletin.store.DeliveryLedger.Status;

/**
 * Who a list's correction goes to, read from the delivery ledger: every recipient the ledger shows
 * received an earlier version of the week (SENT under {@code 2024-W51} or {@code 2024-W51/vK}) and
 * who is still on the list, once, in the language of the edition they were last sent; and every
 * recipient an earlier version was still due to (queued: deferred, or its run stopped), as that
 * version will never be sent now that a later one is out. A delivery of an earlier version whose
 * outcome is unknown (uncertain) is not taken for received: it is named, and joins the correction
 * only on an operator's request, as the ledger resends nothing uncertain without one. A recipient
 * added to the list since gets nothing, nor does a list never sent an earlier version.
 *
 * @param groups the recipients the correction goes to, by the language tag of their edition
 * @param uncertain the recipients of an earlier version whose outcome is unknown and who are not in
 *     the correction, each with that delivery's Message-ID and why, for people
 * @param inFlight recipients an earlier version is being sent to right now, by a run still alive
 * @param left recipients of an earlier version who are no longer on the list
 * @param earlierRecipients how many of the list's current recipients received an earlier version
 */
public record CorrectionRecipients(
    Map<String, List<String>> groups,
    List<String> uncertain,
    Map<String, String> inFlight,
    List<String> left,
    int earlierRecipients) {

  public CorrectionRecipients {
    Map<String, List<String>> copy = new TreeMap<>();
    groups.forEach((language, recipients) -> copy.put(language, List.copyOf(recipients)));
    groups = Collections.unmodifiableMap(copy);
    uncertain = List.copyOf(uncertain);
    inFlight = Collections.unmodifiableMap(new TreeMap<>(inFlight));
    left = List.copyOf(left);
  }

  /**
   * The ledger's key of {@code week}'s version {@code version}: {@code 2024-W51}, {@code .../v2}.
   */
  public static String key(WeekId week, int version) {
    if (version < 1) {
      throw new IllegalArgumentException("a version number starts at 1: " + version);
    }
    return version == 1 ? week.toString() : week + "/v" + version;
  }

  /**
   * The correction of {@code week} as version {@code version} for {@code list}, whose recipients
   * are now {@code current} and whose edition is in {@code listLanguage} (the language of rows that
   * did not record theirs); empty when the list was never sent an earlier version (then a send is a
   * first send, of the current version, as any).
   *
   * @param withUncertain whether the recipients of an earlier version whose outcome is unknown join
   *     the correction (an operator's decision, after checking the mail server's log)
   */
  public static Optional<CorrectionRecipients> of(
      DeliveryLedger ledger,
      WeekId week,
      int version,
      String list,
      List<String> current,
      String listLanguage,
      boolean withUncertain) {
    if (version < 2) {
      return Optional.empty();
    }
    boolean sentBefore = false;
    Map<String, String> received = new LinkedHashMap<>();
    Map<String, String> unknown = new LinkedHashMap<>();
    Map<String, String> unknownLanguage = new LinkedHashMap<>();
    Map<String, String> inFlight = new LinkedHashMap<>();
    for (int earlier = 1; earlier < version; earlier++) {
      String key = key(week, earlier);
      List<Entry> entries = ledger.entries(key, list);
      if (entries.isEmpty()) {
        continue;
      }
      sentBefore = true;
      Map<String, String> languages = ledger.languages(key, list);
      Set<String> live =
          entries.stream().anyMatch(e -> e.status() == Status.SENDING)
              ? ledger.liveRuns(key, list)
              : Set.of();
      for (Entry entry : entries) {
        String recipient = entry.recipient();
        String language = languages.getOrDefault(recipient, listLanguage);
        if (entry.status() == Status.SENT) {
          // the latest version they got decides their edition's language
          received.put(recipient, language);
        } else if (entry.status() == Status.QUEUED) {
          // due that version and never sent it (deferred, or a run stopped): the earlier version
          // is never sent once a later one is out, so they get the latest, once, through this run
          received.putIfAbsent(recipient, language);
        } else if (entry.status() == Status.SENDING) {
          if (entry.claimedBy().filter(live::contains).isPresent()) {
            inFlight.put(
                recipient,
                "version " + earlier + " is being sent to them right now; the correction follows");
          } else {
            unknown.put(
                recipient,
                recipient
                    + " "
                    + entry.messageId().orElse("")
                    + " (version "
                    + earlier
                    + ": the outcome is unknown, so it is not taken for received and this"
                    + " correction is not sent to them without --resend-uncertain)");
            unknownLanguage.put(recipient, language);
          }
        }
      }
    }
    String own = key(week, version);
    List<Entry> admitted = ledger.entries(own, list);
    if (!sentBefore && admitted.isEmpty()) {
      return Optional.empty();
    }
    // recipients already in the correction's own rows stay in it with the language recorded then
    Map<String, String> chosen = new LinkedHashMap<>(received);
    Map<String, String> ownLanguages = ledger.languages(own, list);
    for (Entry entry : admitted) {
      chosen.putIfAbsent(
          entry.recipient(),
          ownLanguages.getOrDefault(
              entry.recipient(),
              unknownLanguage.getOrDefault(
                  entry.recipient(), received.getOrDefault(entry.recipient(), listLanguage))));
    }
    if (withUncertain) {
      unknownLanguage.forEach(chosen::putIfAbsent);
    }
    Set<String> members = new HashSet<>(current);
    Map<String, List<String>> groups = new LinkedHashMap<>();
    List<String> left = new ArrayList<>();
    chosen.forEach(
        (recipient, language) -> {
          if (members.contains(recipient)) {
            groups.computeIfAbsent(language, l -> new ArrayList<>()).add(recipient);
          } else {
            left.add(recipient);
          }
        });
    List<String> uncertain = new ArrayList<>();
    unknown.forEach(
        (recipient, why) -> {
          if (!chosen.containsKey(recipient) && members.contains(recipient)) {
            uncertain.add(why);
          }
        });
    inFlight.keySet().removeIf(r -> chosen.containsKey(r) || !members.contains(r));
    int earlierRecipients = (int) received.keySet().stream().filter(members::contains).count();
    return Optional.of(
        new CorrectionRecipients(groups, uncertain, inFlight, left, earlierRecipients));
  }

  /**
   * Whether the ledger shows {@code list} was sent a version of {@code week} before {@code
   * version}.
   */
  public static boolean sentBefore(DeliveryLedger ledger, WeekId week, int version, String list) {
    for (int earlier = 1; earlier < version; earlier++) {
      if (!ledger.entries(key(week, earlier), list).isEmpty()) {
        return true;
      }
    }
    return false;
  }

  /** Every recipient the correction goes to. */
  public int size() {
    return groups.values().stream().mapToInt(List::size).sum();
  }
}
