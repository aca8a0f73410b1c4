package org.certbulletin.service;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.certbulletin.files.JsonMapping;
import org.certbulletin.model.ReviewAct;
import org.certbulletin.model.WeekId;
import org.certbulletin.model.WeekReview;
import org.certbulletin.model.WeekVersion;

/**
 * What an auditor asks of a week: who drafted, submitted, approved and published each version and
 * when ({@link #review()}), what each list received of each version, and whether each recipient of
 * an earlier version was sent its correction.
 *
 * @param at when the report was made
 */
public record WeekReport(WeekId week, Instant at, WeekReview review, List<ListReport> lists) {

  public WeekReport {
    Objects.requireNonNull(week, "week == null");
    Objects.requireNonNull(at, "at == null");
    Objects.requireNonNull(review, "review == null");
    lists = List.copyOf(lists);
  }

  /**
   * The report as JSON, the same from every door: {@code cert-bulletin report --json} and the
   * {@code getReport} operation.
   */
  public Map<String, Object> json() {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("week", week.toString());
    json.put("at", at.toString());
    json.putAll(reviewJson(review));
    json.remove("week");
    List<Map<String, Object>> listsJson = new ArrayList<>();
    for (ListReport list : lists) {
      Map<String, Object> one = new LinkedHashMap<>();
      one.put("list", list.list());
      List<Map<String, Object>> deliveries = new ArrayList<>();
      for (VersionDelivery d : list.versions()) {
        Map<String, Object> delivery = new LinkedHashMap<>();
        delivery.put("version", d.version());
        delivery.put("editions", d.editions());
        delivery.put("sent", d.sent());
        delivery.put("pending", d.pending());
        delivery.put("inFlight", d.inFlight());
        delivery.put("uncertain", d.uncertain());
        delivery.put("failed", d.failed());
        deliveries.add(delivery);
      }
      one.put("versions", deliveries);
      List<Map<String, Object>> corrections = new ArrayList<>();
      for (CorrectionStatus c : list.corrections()) {
        Map<String, Object> correction = new LinkedHashMap<>();
        correction.put("recipient", c.recipient());
        correction.put("received", c.received());
        correction.put("latest", c.latest());
        correction.put("state", c.state());
        corrections.add(correction);
      }
      one.put("corrections", corrections);
      listsJson.add(one);
    }
    json.put("lists", listsJson);
    return json;
  }

  /**
   * Where a week stands in review as JSON, the same from every door ({@code getReview}, {@code
   * submitWeek}, ..., and the report): its state and each version's steps.
   */
  public static Map<String, Object> reviewJson(WeekReview review) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("week", review.week().toString());
    json.put("state", review.state().code());
    json.put("approvalRequired", review.approvalRequired());
    json.put("changedOnDisk", review.changedOnDisk());
    List<Map<String, Object>> versions = new ArrayList<>();
    for (WeekVersion v : review.versions()) {
      Map<String, Object> version = new LinkedHashMap<>();
      version.put("version", v.number());
      version.put("status", v.status().code());
      version.put("contentSha256", v.contentHash().orElse(null));
      version.put("edited", act(v.edited()));
      version.put("submitted", act(v.submitted()));
      version.put("note", v.note().orElse(null));
      version.put("approved", act(v.approved()));
      version.put("releaseAt", v.releaseAt().map(Instant::toString).orElse(null));
      version.put("published", act(v.published()));
      version.put("rejected", act(v.rejected()));
      version.put("rejection", v.rejection().orElse(null));
      versions.add(version);
    }
    json.put("versions", versions);
    return json;
  }

  private static Map<String, Object> act(Optional<ReviewAct> act) {
    if (act.isEmpty()) {
      return null;
    }
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("by", act.get().by());
    json.put("at", act.get().at().toString());
    return json;
  }

  /** {@link #json()} as indented text. */
  public String jsonText() {
    return JsonMapping.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(json());
  }

  /** The report as text for people: {@code cert-bulletin report}. */
  public List<String> lines() {
    List<String> lines = new ArrayList<>();
    lines.add(
        week
            + ": "
            + review.state().code()
            + (review.changedOnDisk() ? " (its file changed since the last review)" : "")
            + (review.approvalRequired() ? "" : " (approval is not required by config.json)"));
    for (WeekVersion v : review.versions()) {
      lines.add("version " + v.number() + ": " + v.status().code());
      v.edited().ifPresent(a -> lines.add("  drafted by    " + a.by() + " at " + a.at()));
      v.submitted().ifPresent(a -> lines.add("  submitted by  " + a.by() + " at " + a.at()));
      v.note().ifPresent(n -> lines.add("  note          " + n));
      v.approved().ifPresent(a -> lines.add("  approved by   " + a.by() + " at " + a.at()));
      v.releaseAt().ifPresent(r -> lines.add("  release at    " + r));
      v.published().ifPresent(a -> lines.add("  published by  " + a.by() + " at " + a.at()));
      v.rejected()
          .ifPresent(
              a ->
                  lines.add(
                      "  rejected by   "
                          + a.by()
                          + " at "
                          + a.at()
                          + v.rejection().map(r -> ": " + r).orElse("")));
      v.contentHash().ifPresent(h -> lines.add("  content       sha256 " + h));
    }
    if (lists.isEmpty()) {
      lines.add("no list was sent this week");
    }
    for (ListReport list : lists) {
      lines.add("list " + list.list() + ":");
      for (VersionDelivery d : list.versions()) {
        lines.add(
            String.format(
                Locale.ROOT,
                "  version %d (%s): %d sent, %d pending, %d in flight, %d uncertain, %d failed",
                d.version(),
                String.join(", ", d.editions()),
                d.sent(),
                d.pending(),
                d.inFlight(),
                d.uncertain().size(),
                d.failed().size()));
        d.uncertain().forEach(r -> lines.add("    uncertain: " + r));
        d.failed().forEach(r -> lines.add("    failed:    " + r));
      }
      if (!list.corrections().isEmpty()) {
        long done = list.corrections().stream().filter(c -> c.state().equals("sent")).count();
        lines.add(
            "  corrections: "
                + done
                + " of "
                + list.corrections().size()
                + " earlier recipient(s) sent version "
                + list.corrections().get(0).latest());
        list.corrections().stream()
            .filter(c -> !c.state().equals("sent"))
            .forEach(
                c ->
                    lines.add(
                        "    "
                            + c.state()
                            + ": "
                            + c.recipient()
                            + " (received version "
                            + c.received()
                            + ")"));
      }
    }
    return lines;
  }

  /**
   * What one list received.
   *
   * @param versions what each version's send came to, oldest first
   * @param corrections for a week published in more than one version: whether each recipient of an
   *     earlier version was sent the latest one; empty otherwise
   */
  public record ListReport(
      String list, List<VersionDelivery> versions, List<CorrectionStatus> corrections) {

    public ListReport {
      Objects.requireNonNull(list, "list == null");
      versions = List.copyOf(versions);
      corrections = List.copyOf(corrections);
    }
  }

  /**
   * One version's deliveries to a list.
   *
   * @param editions the editions sent, as {@code language TLP} ({@code en CLEAR}); the list's
   *     language where the ledger did not record one
   * @param uncertain the recipients whose outcome is unknown (the sender died after handing the
   *     message to the server): they may or may not have it
   * @param failed the recipients the server refused for good
   */
  public record VersionDelivery(
      int version,
      List<String> editions,
      int sent,
      int pending,
      int inFlight,
      List<String> uncertain,
      List<String> failed) {

    public VersionDelivery {
      editions = List.copyOf(editions);
      uncertain = List.copyOf(uncertain);
      failed = List.copyOf(failed);
    }
  }

  /**
   * Whether one recipient of an earlier version got the latest.
   *
   * @param received the earlier version it received (or may have: uncertain)
   * @param state {@code sent}, {@code pending}, {@code in flight}, {@code uncertain}, {@code
   *     failed} or {@code not sent} (no correction queued for it yet)
   */
  public record CorrectionStatus(String recipient, int received, int latest, String state) {}
}
