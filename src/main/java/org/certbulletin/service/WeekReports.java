package org.certbulletin.service;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.certbulletin.model.Config;
import org.certbulletin.model.DistributionList;
import org.certbulletin.model.WeekId;
import org.certbulletin.model.WeekReview;
import org.certbulletin.store.DeliveryLedger;
import org.certbulletin.store.DeliveryRecords;
import org.certbulletin.store.DeliveryRecords.Delivery;

/** Puts a {@link WeekReport} together from the week's review and the delivery ledger. */
final class WeekReports {

  private final DeliveryLedger ledger;
  private final DeliveryRecords records;
  private final Clock clock;

  WeekReports(DeliveryLedger ledger, DeliveryRecords records, Clock clock) {
    this.ledger = ledger;
    this.records = records;
    this.clock = clock;
  }

  WeekReport report(WeekId week, WeekReview review, Config config) {
    List<Delivery> all = records.of(week.toString());
    // a run that died leaves its row behind until the ledger forgets it: ask first, read again
    Map<String, Set<String>> sending = new TreeMap<>();
    all.stream()
        .filter(d -> d.status() == DeliveryLedger.Status.SENDING)
        .forEach(d -> sending.computeIfAbsent(d.key(), k -> new TreeSet<>()).add(d.list()));
    sending.forEach((key, lists) -> lists.forEach(list -> ledger.liveRuns(key, list)));
    all = records.of(week.toString());
    Map<String, List<Delivery>> byList = new TreeMap<>();
    all.forEach(d -> byList.computeIfAbsent(d.list(), l -> new ArrayList<>()).add(d));
    int latest = review.lastPublished().map(v -> v.number()).orElse(1);
    List<WeekReport.ListReport> lists = new ArrayList<>();
    byList.forEach(
        (list, deliveries) -> {
          String language =
              config
                  .list(list)
                  .flatMap(DistributionList::language)
                  .orElse(config.mainLanguage())
                  .toLanguageTag();
          lists.add(
              new WeekReport.ListReport(
                  list, versions(deliveries, language), corrections(deliveries, latest)));
        });
    return new WeekReport(week, clock.instant(), review, lists);
  }

  private static List<WeekReport.VersionDelivery> versions(
      List<Delivery> deliveries, String listLanguage) {
    Map<Integer, List<Delivery>> byVersion = new TreeMap<>();
    deliveries.forEach(d -> byVersion.computeIfAbsent(d.version(), v -> new ArrayList<>()).add(d));
    List<WeekReport.VersionDelivery> versions = new ArrayList<>();
    byVersion.forEach(
        (version, rows) ->
            versions.add(
                new WeekReport.VersionDelivery(
                    version,
                    new TreeSet<>(
                            rows.stream()
                                .map(
                                    d ->
                                        d.editionLanguage().orElse(listLanguage)
                                            + " "
                                            + d.editionTlp())
                                .toList())
                        .stream().toList(),
                    count(rows, DeliveryLedger.Status.SENT),
                    count(rows, DeliveryLedger.Status.QUEUED),
                    (int) rows.stream().filter(d -> state(d).equals("in flight")).count(),
                    rows.stream()
                        .filter(d -> state(d).equals("uncertain"))
                        .map(Delivery::recipient)
                        .toList(),
                    rows.stream()
                        .filter(d -> d.status() == DeliveryLedger.Status.FAILED)
                        .map(Delivery::recipient)
                        .toList())));
    return versions;
  }

  /**
   * For each recipient of a version before {@code latest} (sent, or uncertain), where its copy of
   * {@code latest} stands; empty when only one version was published.
   */
  private static List<WeekReport.CorrectionStatus> corrections(
      List<Delivery> deliveries, int latest) {
    if (latest < 2) {
      return List.of();
    }
    Map<String, Integer> received = new LinkedHashMap<>();
    Map<String, Delivery> ofLatest = new LinkedHashMap<>();
    for (Delivery d : deliveries) {
      if (d.version() == latest) {
        ofLatest.put(d.recipient(), d);
      } else if (d.version() < latest
          && (d.status() == DeliveryLedger.Status.SENT || state(d).equals("uncertain"))) {
        received.merge(d.recipient(), d.version(), Math::max);
      }
    }
    List<WeekReport.CorrectionStatus> statuses = new ArrayList<>();
    received.forEach(
        (recipient, version) ->
            statuses.add(
                new WeekReport.CorrectionStatus(
                    recipient,
                    version,
                    latest,
                    Optional.ofNullable(ofLatest.get(recipient))
                        .map(WeekReports::state)
                        .orElse("not sent"))));
    return statuses;
  }

  private static int count(List<Delivery> rows, DeliveryLedger.Status status) {
    return (int) rows.stream().filter(d -> d.status() == status).count();
  }

  private static String state(Delivery d) {
    return switch (d.status()) {
      case SENT -> "sent";
      case QUEUED -> "pending";
      case FAILED -> "failed";
      case SENDING -> d.liveRun() ? "in flight" : "uncertain";
    };
  }
}
