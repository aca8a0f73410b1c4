package org.certbulletin.service;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.Supplier;
import org.certbulletin.files.Digests;
import org.certbulletin.files.JsonMapping;
import org.certbulletin.ingest.DataDirectory;
import org.certbulletin.ingest.PinnedVersion;
import org.certbulletin.model.ApprovalSettings;
import org.certbulletin.model.Principal;
import org.certbulletin.model.ProgramName;
import org.certbulletin.model.ReviewAct;
import org.certbulletin.model.ReviewState;
import org.certbulletin.model.Revision;
import org.certbulletin.model.WeekId;
import org.certbulletin.model.WeekReview;
import org.certbulletin.model.WeekVersion;
import org.certbulletin.publish.PublishPlan;
import org.certbulletin.store.WeekVersions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * The rules of a week's review, on the versions in the state database: who may submit, approve and
 * reject, what an edit does to a version under review, and what may leave now. Content is compared
 * by its SHA-256, so an edit made outside cert-bulletin (a file changed in a shell) is seen too.
 * Every change is a compare-and-set in the database; one that loses a race to another person or
 * node reads again and tries once more before it says so.
 */
final class ReviewDesk {

  private static final Logger log = LoggerFactory.getLogger(ReviewDesk.class);

  private static final int ATTEMPTS = 5;

  private final Supplier<WeekVersions> versions;
  private final Clock clock;
  private final Supplier<ApprovalSettings> approval;

  /**
   * The desk on the versions {@code versions} gives (opened on first need: a CERT without approval
   * publishes without the state database), under the approval settings {@code approval} gives (read
   * for each call: a server takes a changed configuration).
   */
  ReviewDesk(Supplier<WeekVersions> versions, Clock clock, Supplier<ApprovalSettings> approval) {
    this.versions = Objects.requireNonNull(versions, "versions == null");
    this.clock = Objects.requireNonNull(clock, "clock == null");
    this.approval = Objects.requireNonNull(approval, "approval == null");
  }

  /**
   * What may leave now of {@code service}'s weeks: see {@link #outgoing(List, Instant, Function)}.
   */
  Outgoing outgoing(BulletinService service) {
    DataDirectory data = service.data();
    adoptPublished(service);
    return outgoing(data.weeks(), clock.instant(), w -> data.rawBytes(data.weekFile(w)));
  }

  /** Where {@code week} stands, its file being {@code live} (empty if it has none). */
  WeekReview review(WeekId week, Optional<byte[]> live) {
    ApprovalSettings settings = approval.get();
    List<WeekVersion> versions = versions().versions(week.toString());
    Optional<String> liveHash = live.map(Digests::sha256);
    if (versions.isEmpty()) {
      return new WeekReview(week, ReviewState.DRAFT, versions, false, settings.isRequired());
    }
    WeekVersion latest = versions.get(versions.size() - 1);
    boolean changed =
        latest.contentHash().isPresent()
            && liveHash.isPresent()
            && !latest.contentHash().equals(liveHash);
    ReviewState state =
        switch (latest.status()) {
          case DRAFT -> ReviewState.DRAFT;
          case IN_REVIEW, APPROVED -> changed ? ReviewState.DRAFT : latest.status();
          case PUBLISHED ->
              changed
                  ? ReviewState.DRAFT
                  : latest.number() > 1 ? ReviewState.CORRECTED : ReviewState.PUBLISHED;
          case CORRECTED -> ReviewState.CORRECTED;
        };
    return new WeekReview(week, state, versions, changed, settings.isRequired());
  }

  /**
   * Records that {@code by} changed {@code week}'s file to {@code bytes}: a version under review or
   * approved goes back to draft; a published week starts its next version.
   *
   * @return what the change did to the week's review, for the editor, if anything
   */
  Optional<String> edited(WeekId week, Principal by, byte[] bytes) {
    ReviewAct act = new ReviewAct(by.user(), clock.instant());
    String hash = Digests.sha256(bytes);
    String key = week.toString();
    for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
      List<WeekVersion> versions = versions().versions(key);
      if (versions.isEmpty()) {
        if (versions().startDraft(key, 1, act)) {
          return Optional.empty();
        }
        continue;
      }
      WeekVersion latest = versions.get(versions.size() - 1);
      int n = latest.number();
      ReviewState status = latest.status();
      boolean same = latest.contentHash().filter(hash::equals).isPresent();
      if (status == ReviewState.DRAFT) {
        if (versions().edited(key, n, ReviewState.DRAFT, act)) {
          return Optional.empty();
        }
      } else if (same) {
        return Optional.empty();
      } else if (status == ReviewState.IN_REVIEW || status == ReviewState.APPROVED) {
        if (versions().edited(key, n, status, act)) {
          return Optional.of(
              week
                  + " version "
                  + n
                  + " was "
                  + (status == ReviewState.APPROVED ? "approved" : "in review")
                  + "; this change sent it back to draft: submit it for review again ("
                  + ProgramName.command("review submit " + week)
                  + ")");
        }
      } else if (versions().startDraft(key, n + 1, act)) {
        return Optional.of(
            week
                + " is published as version "
                + n
                + "; this change starts version "
                + (n + 1)
                + ", a correction: submit it for review when it is ready ("
                + ProgramName.command("review submit " + week + " --note TEXT")
                + ")");
      }
    }
    throw busy(week);
  }

  /**
   * Submits {@code week}'s file, {@code bytes}, for review as its working version.
   *
   * @throws ServiceFailure.Conflict if it is in review or approved with this content already, or
   *     published with it (a correction needs a change)
   */
  WeekVersion submit(WeekId week, Principal by, byte[] bytes, Optional<String> note) {
    ReviewAct act = new ReviewAct(by.user(), clock.instant());
    String hash = Digests.sha256(bytes);
    String key = week.toString();
    String text = note.map(String::strip).filter(t -> !t.isEmpty()).orElse(null);
    if (text != null && text.length() > 2000) {
      throw new ServiceFailure.BadInput(
          "the note is " + text.length() + " characters, more than 2000: shorten it", List.of());
    }
    for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
      List<WeekVersion> versions = versions().versions(key);
      boolean done;
      if (versions.isEmpty()) {
        done = versions().startSubmitted(key, 1, hash, bytes, act, Optional.empty(), text);
      } else {
        WeekVersion latest = versions.get(versions.size() - 1);
        int n = latest.number();
        boolean same = latest.contentHash().filter(hash::equals).isPresent();
        switch (latest.status()) {
          case DRAFT:
            done = versions().submit(key, n, hash, bytes, act, text);
            break;
          case IN_REVIEW:
          case APPROVED:
            if (same) {
              throw ServiceFailure.Conflict.state(
                  week
                      + " version "
                      + n
                      + " is "
                      + (latest.status() == ReviewState.APPROVED ? "approved" : "in review")
                      + " with this content already; "
                      + (latest.status() == ReviewState.APPROVED
                          ? "it leaves at its release time or the next publish"
                          : "a reviewer approves or rejects it ("
                              + ProgramName.command("review approve " + week)
                              + ")"));
            }
            done =
                versions().edited(key, n, latest.status(), act)
                    && versions().submit(key, n, hash, bytes, act, text);
            break;
          case PUBLISHED:
          case CORRECTED:
          default:
            if (same) {
              throw ServiceFailure.Conflict.state(
                  week
                      + " is published as version "
                      + n
                      + " with exactly this content: a correction needs a change; edit the week,"
                      + " then submit it");
            }
            done = versions().startSubmitted(key, n + 1, hash, bytes, act, Optional.of(act), text);
            break;
        }
      }
      if (done) {
        return latest(key);
      }
    }
    throw busy(week);
  }

  /**
   * Approves {@code week}'s version in review, whose content must still be {@code bytes}.
   *
   * @throws ServiceFailure.Conflict if it is not in review, changed since it was submitted, or
   *     {@code by} is its last editor or submitter and four eyes are required
   */
  WeekVersion approve(WeekId week, Principal by, byte[] bytes) {
    ReviewAct act = new ReviewAct(by.user(), clock.instant());
    String key = week.toString();
    String hash = Digests.sha256(bytes);
    for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
      WeekVersion latest = inReview(week, "approve");
      if (!latest.contentHash().filter(hash::equals).isPresent()) {
        throw ServiceFailure.Conflict.state(
            week
                + " changed since it was submitted for review"
                + latest.submitted().map(s -> " by " + s.by() + " at " + s.at()).orElse("")
                + "; what is approved must be what was submitted: submit it again ("
                + ProgramName.command("review submit " + week)
                + ")");
      }
      if (approval.get().fourEyes()) {
        Set<String> authors = new TreeSet<>();
        latest.edited().map(ReviewAct::by).map(ReviewDesk::person).ifPresent(authors::add);
        latest.submitted().map(ReviewAct::by).map(ReviewDesk::person).ifPresent(authors::add);
        if (authors.contains(person(act.by()))) {
          throw ServiceFailure.Conflict.state(
              "four eyes: "
                  + act.by()
                  + " edited or submitted "
                  + week
                  + " version "
                  + latest.number()
                  + ", so another reviewer must approve it (config.json"
                  + " approval.distinct_approver)");
        }
      }
      String submitter = latest.submitted().map(ReviewAct::by).orElse("");
      if (versions().approve(key, latest.number(), hash, submitter, act, releaseAt(bytes))) {
        return latest(key);
      }
    }
    throw busy(week);
  }

  /** Sends {@code week}'s version in review (or approved, not yet published) back to draft. */
  WeekVersion reject(WeekId week, Principal by, String reason) {
    String why = reason == null ? "" : reason.strip();
    if (why.isEmpty()) {
      throw new ServiceFailure.BadInput(
          "a rejection needs a reason, so the editor knows what to change: give one", List.of());
    }
    if (why.length() > 2000) {
      throw new ServiceFailure.BadInput(
          "the reason is " + why.length() + " characters, more than 2000: shorten it", List.of());
    }
    ReviewAct act = new ReviewAct(by.user(), clock.instant());
    String key = week.toString();
    for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
      List<WeekVersion> versions = versions().versions(key);
      WeekVersion latest = versions.isEmpty() ? null : versions.get(versions.size() - 1);
      if (latest == null
          || (latest.status() != ReviewState.IN_REVIEW
              && latest.status() != ReviewState.APPROVED)) {
        throw ServiceFailure.Conflict.state(
            week
                + " has no version in review or approved to reject"
                + (latest == null
                    ? ""
                    : " (version " + latest.number() + " is " + latest.status().code() + ")"));
      }
      if (versions().reject(key, latest.number(), latest.status(), act, why)) {
        return latest(key);
      }
    }
    throw busy(week);
  }

  /**
   * What may leave at {@code now} of {@code weeks} (those with a file), {@code live} reading a
   * week's file: with approval required, each week's newest version approved and released, or
   * published; without, every week whose own release time has come.
   */
  Outgoing outgoing(List<WeekId> weeks, Instant now, Function<WeekId, Optional<byte[]>> live) {
    Map<WeekId, String> withheld = new HashMap<>();
    Map<WeekId, Instant> releases = new HashMap<>();
    if (!approval.get().isRequired()) {
      for (WeekId week : weeks) {
        Optional<Instant> release = live.apply(week).flatMap(ReviewDesk::releaseAt);
        if (release.isPresent() && now.isBefore(release.get())) {
          withheld.put(week, "not released before " + release.get());
          releases.put(week, release.get());
        }
      }
      return new Outgoing(Map.of(), Map.of(), Set.of(), withheld, releases, false, Map.of());
    }
    WeekVersions store = versions();
    Map<String, List<WeekVersion>> all = store.all();
    Map<WeekId, byte[]> pinned = new HashMap<>();
    Map<WeekId, Integer> versions = new HashMap<>();
    Set<WeekId> toPublish = new HashSet<>();
    Set<WeekId> changedSinceApproval = new HashSet<>();
    Map<WeekId, PinnedVersion> revisions = new HashMap<>();
    Map<WeekId, List<EarlierVersion>> superseded = new HashMap<>();
    for (WeekId week : weeks) {
      List<WeekVersion> list = all.getOrDefault(week.toString(), List.of());
      Optional<WeekVersion> chosen = Optional.empty();
      for (int i = list.size() - 1; i >= 0 && chosen.isEmpty(); i--) {
        WeekVersion v = list.get(i);
        if (v.status() == ReviewState.PUBLISHED) {
          chosen = Optional.of(v);
        } else if (v.status() == ReviewState.APPROVED) {
          Optional<String> liveHash = live.apply(week).map(Digests::sha256);
          if (liveHash.isPresent() && !liveHash.equals(v.contentHash())) {
            // changed outside cert-bulletin since it was approved: as an edit through it would,
            // this takes the approval back until the week is submitted and approved again
            changedSinceApproval.add(week);
          } else if (v.releaseAt().filter(now::isBefore).isPresent()) {
            releases.put(week, v.releaseAt().get());
          } else {
            chosen = Optional.of(v);
          }
        }
      }
      if (chosen.isEmpty()) {
        withheld.put(
            week,
            changedSinceApproval.contains(week)
                ? "its file changed since it was approved; submit it for review again ("
                    + ProgramName.command("review submit " + week)
                    + ")"
                : withheldReason(week, list, releases.get(week)));
        continue;
      }
      WeekVersion v = chosen.get();
      Optional<byte[]> content = store.content(week.toString(), v.number());
      if (content.isEmpty()) {
        withheld.put(week, "version " + v.number() + " has no content in the state database");
        continue;
      }
      pinned.put(week, content.get());
      versions.put(week, v.number());
      revisions.put(week, revision(store, week, list, v));
      if (v.number() > 1) {
        superseded.put(week, earlier(store, week, list, v));
      }
      if (v.status() == ReviewState.APPROVED) {
        toPublish.add(week);
      }
      if (releases.containsKey(week)) {
        withheld.put(
            week,
            "version "
                + (v.number() + 1)
                + " is approved but not released before "
                + releases.get(week)
                + "; version "
                + v.number()
                + " stays out");
      }
    }
    return new Outgoing(
        pinned, versions, toPublish, withheld, releases, true, revisions, superseded);
  }

  /**
   * The versions of {@code week} before {@code chosen}, oldest first, each shown as superseded by
   * the one after it (which does not change when later versions come, so an earlier version's files
   * stay as they are).
   */
  private static List<EarlierVersion> earlier(
      WeekVersions store, WeekId week, List<WeekVersion> all, WeekVersion chosen) {
    List<EarlierVersion> earlier = new ArrayList<>();
    for (WeekVersion v : all) {
      if (v.number() >= chosen.number()) {
        continue;
      }
      Optional<WeekVersion> next =
          all.stream().filter(n -> n.number() == v.number() + 1).findFirst();
      Optional<byte[]> content = store.content(week.toString(), v.number());
      if (next.isEmpty() || content.isEmpty()) {
        continue;
      }
      PinnedVersion shown = revision(store, week, all, v);
      earlier.add(
          new EarlierVersion(
              v.number(),
              content.get(),
              new PinnedVersion(
                  shown
                      .revision()
                      .supersededBy(new Revision.Successor(v.number() + 1, released(next.get()))),
                  shown.earlier())));
    }
    return earlier;
  }

  /**
   * Which version {@code chosen} is, as its editions show it: its history (every version up to it,
   * each dated by its release: approval or release time, whichever is later, which does not change
   * when it is published again) and for a correction, the version it corrects.
   */
  private static PinnedVersion revision(
      WeekVersions store, WeekId week, List<WeekVersion> all, WeekVersion chosen) {
    List<Revision.Version> history =
        all.stream()
            .filter(v -> v.number() <= chosen.number())
            .map(v -> new Revision.Version(v.number(), released(v), Optional.empty()))
            .toList();
    if (chosen.number() == 1) {
      return new PinnedVersion(
          new Revision(1, history, Optional.empty(), Optional.empty()), Optional.empty());
    }
    return new PinnedVersion(
        Revision.corrected(
            history, new Revision.Correction(released(chosen), chosen.note(), List.of())),
        store.content(week.toString(), chosen.number() - 1));
  }

  /** When a version was let out: its approval, or its release time if later. */
  static Instant released(WeekVersion version) {
    Instant approved =
        version
            .approved()
            .map(ReviewAct::at)
            .orElse(version.published().map(ReviewAct::at).orElse(Instant.EPOCH));
    return version.releaseAt().filter(approved::isBefore).orElse(approved);
  }

  private static String withheldReason(WeekId week, List<WeekVersion> versions, Instant release) {
    if (release != null) {
      return "approved, not released before " + release;
    }
    if (versions.isEmpty()) {
      return "not submitted for review (" + ProgramName.command("review submit " + week) + ")";
    }
    WeekVersion latest = versions.get(versions.size() - 1);
    return switch (latest.status()) {
      case IN_REVIEW ->
          "in review since "
              + latest.submitted().map(ReviewAct::at).map(Instant::toString).orElse("?")
              + "; a reviewer"
              + latest.submitted().map(s -> " other than " + s.by()).orElse("")
              + " must approve it ("
              + ProgramName.command("review approve " + week)
              + ")";
      default ->
          "a draft"
              + latest.rejection().map(r -> ", rejected: " + r).orElse("")
              + "; it must be submitted and approved ("
              + ProgramName.command("review submit " + week)
              + ")";
    };
  }

  /**
   * When approval is required, records each week the archive holds exactly as its file is now, and
   * that has no version yet, as its published version 1: a CERT that turns approval on keeps its
   * archive, and only what changes from then on needs a review. A published week whose file changed
   * since is left to review (and the publish refuses to drop it).
   */
  private void adoptPublished(BulletinService service) {
    if (!approval.get().isRequired()) {
      return;
    }
    DataDirectory data = service.data();
    PublishPlan plan;
    try {
      plan = PublishPlan.of(data, service.workspace().templates(), service.layout());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    // the inputs' digest covers config.json, which turning approval on changes: a week the archive
    // holds counts as published as its file is now (what the next publish without approval would
    // have put out)
    List<WeekId> current =
        data.weeks().stream().filter(w -> plan.published(w).isPresent()).toList();
    if (current.isEmpty()) {
      return;
    }
    WeekVersions store = versions();
    Map<String, List<WeekVersion>> all = store.all();
    ReviewAct act = new ReviewAct("archive", clock.instant());
    for (WeekId week : current) {
      if (all.containsKey(week.toString())) {
        continue;
      }
      Optional<byte[]> bytes = data.rawBytes(data.weekFile(week));
      if (bytes.isPresent()
          && store.adopt(
              week.toString(),
              Digests.sha256(bytes.get()),
              bytes.get(),
              act,
              "published before approval was required")) {
        log.info("{} was in the archive before approval was required: kept as version 1", week);
      }
    }
  }

  /** The content of {@code version} of {@code week}, as submitted. */
  Optional<byte[]> content(WeekId week, int version) {
    return versions().content(week.toString(), version);
  }

  /** Marks the versions {@code outgoing} published as published by {@code by}. */
  void published(Outgoing outgoing, Principal by, Set<WeekId> failed) {
    ReviewAct act = new ReviewAct(by.user(), clock.instant());
    for (WeekId week : outgoing.toPublish()) {
      if (failed.contains(week)) {
        continue;
      }
      if (!versions().published(week.toString(), outgoing.versions().get(week), act)) {
        log.error(
            "{} version {} was published, but it was sent back to draft meanwhile: its approved"
                + " content is in the archive; submit and approve the week again",
            week,
            outgoing.versions().get(week));
      }
    }
  }

  private WeekVersion inReview(WeekId week, String action) {
    List<WeekVersion> versions = versions().versions(week.toString());
    if (versions.isEmpty()) {
      throw ServiceFailure.Conflict.state(
          week
              + " was never submitted for review, so there is nothing to "
              + action
              + "; submit it first ("
              + ProgramName.command("review submit " + week)
              + ")");
    }
    WeekVersion latest = versions.get(versions.size() - 1);
    if (latest.status() != ReviewState.IN_REVIEW) {
      throw ServiceFailure.Conflict.state(
          week
              + " version "
              + latest.number()
              + " is "
              + latest.status().code()
              + ", not in review, so there is nothing to "
              + action
              + (latest.status() == ReviewState.DRAFT
                  ? "; submit it first (" + ProgramName.command("review submit " + week) + ")"
                  : ""));
    }
    return latest;
  }

  /**
   * Who acted, as four eyes count people: a shell login ({@code cli:alice}) is the account of the
   * same name ({@code alice}), so alice cannot submit over HTTP and approve in a shell.
   */
  static String person(String by) {
    return by.startsWith("cli:") ? by.substring("cli:".length()) : by;
  }

  private WeekVersions versions() {
    return versions.get();
  }

  private WeekVersion latest(String key) {
    List<WeekVersion> versions = versions().versions(key);
    return versions.get(versions.size() - 1);
  }

  private static ServiceFailure.Busy busy(WeekId week) {
    return new ServiceFailure.Busy(
        "the review of " + week + " kept changing under this request; try again", null);
  }

  /** The release time a week's content names ({@code release_at}), if it names a valid one. */
  static Optional<Instant> releaseAt(byte[] content) {
    try {
      JsonNode release = JsonMapping.mapper().readTree(content).path("release_at");
      return release.isString()
          ? Optional.of(OffsetDateTime.parse(release.asString()).toInstant())
          : Optional.empty();
    } catch (JacksonException | DateTimeParseException e) {
      return Optional.empty();
    }
  }
}
