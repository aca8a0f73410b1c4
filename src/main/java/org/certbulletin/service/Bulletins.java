package org.certbulletin.service;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Supplier;
import org.certbulletin.files.OutputLayout;
import org.certbulletin.imports.AdvisoryImporter;
import org.certbulletin.imports.ImportReport;
import org.certbulletin.ingest.DataDirectory;
import org.certbulletin.model.Amendments;
import org.certbulletin.model.AuditEntry;
import org.certbulletin.model.Config;
import org.certbulletin.model.DeliveryReport;
import org.certbulletin.model.Format;
import org.certbulletin.model.HttpSettings;
import org.certbulletin.model.Principal;
import org.certbulletin.model.Problem;
import org.certbulletin.model.ProgramName;
import org.certbulletin.model.ProgressListener;
import org.certbulletin.model.Role;
import org.certbulletin.model.TallyDefinition;
import org.certbulletin.model.UntranslatedText;
import org.certbulletin.model.Week;
import org.certbulletin.model.WeekId;
import org.certbulletin.model.WeekReview;
import org.certbulletin.model.WeekVersion;
import org.certbulletin.publish.ArchivePublisher;
import org.certbulletin.publish.PublishReport;
import org.certbulletin.render.Messages;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * What the doors (the command line, the daemon, the HTTP API) may ask of the bulletin: validate,
 * build, publish, start a week, import, send. It answers in {@code service} and {@code model} types
 * and fails with a {@link ServiceFailure}. It acts for one principal, from one place: each change
 * it makes (a build, a publish, a new week, an import, a send), and each it refuses or fails to
 * make, is written to the audit log under the name of the HTTP operation that asks for it ({@code
 * buildWeek}, {@code publish}, {@code startWeek}, {@code importAdvisories}, {@code importTallies},
 * {@code sendWeek}), whichever door asked.
 */
public final class Bulletins {

  private static final Logger log = LoggerFactory.getLogger(Bulletins.class);

  /** Where advisories come from. */
  public enum AdvisorySource {
    /** CSAF 2.0 documents: files, folders, https addresses, ROLIE feeds, provider metadata. */
    CSAF,
    /** CVE JSON 5 records: files or folders. */
    CVE,
    /** CISA's Known Exploited Vulnerabilities catalogue: one file or https address. */
    KEV,
    /** FIRST's EPSS scores: one CSV file (gzipped or not) or https address. */
    EPSS
  }

  private final BulletinService bulletins;
  private final Supplier<MailService> mail;
  private final Supplier<AccessService> access;
  private final Supplier<ReviewDesk> reviews;
  private final Principal by;
  private final String from;

  Bulletins(
      BulletinService bulletins,
      Supplier<MailService> mail,
      Supplier<AccessService> access,
      Supplier<ReviewDesk> reviews,
      Principal by,
      String from) {
    this.bulletins = bulletins;
    this.mail = mail;
    this.access = access;
    this.reviews = reviews;
    this.by = Objects.requireNonNull(by, "by == null");
    this.from = Objects.requireNonNull(from, "from == null");
  }

  /** The weeks that have a data file, oldest first. */
  public List<WeekId> weeks() {
    return call(() -> bulletins.data().weeks());
  }

  /** The newest week that has a data file. */
  public WeekId latestWeek() {
    return call(bulletins::latestWeek);
  }

  /** The names of the distribution lists {@code config.json} declares, in its order. */
  public List<String> distributionLists() {
    return call(() -> bulletins.data().config().lists().stream().map(l -> l.name()).toList());
  }

  /** The bulletin's languages, the main one first: one edition each. */
  public List<Locale> languages() {
    return call(() -> bulletins.data().config().languages());
  }

  /** Where {@code config.json} says the HTTP API listens beside the scheduler, if it says so. */
  public Optional<String> httpListen() {
    return call(() -> bulletins.data().config().http().map(HttpSettings::listen));
  }

  /**
   * The reverse proxies {@code config.json} says the HTTP API stands behind ({@code
   * http.trusted_proxies}): only their forwarded headers are believed.
   */
  public List<String> httpTrustedProxies() {
    return call(
        () -> bulletins.data().config().http().map(HttpSettings::trustedProxies).orElse(List.of()));
  }

  /** See {@link BulletinService#validate}. */
  public List<Problem> validate(List<WeekId> weeks) {
    return call(() -> bulletins.validate(weeks));
  }

  /** See {@link BulletinService#untranslated}. */
  public List<UntranslatedText> untranslated(List<WeekId> weeks) {
    return call(() -> bulletins.untranslated(weeks));
  }

  /** See {@link BulletinService#build}; audited. */
  public BuildResult build(WeekId week, Set<Format> formats) {
    return call(
        () ->
            audited(
                "buildWeek",
                week.toString(),
                () -> bulletins.build(week, formats),
                built ->
                    built.edition().label()
                        + ": "
                        + built.written().size()
                        + " file(s) written, "
                        + built.unchanged().size()
                        + " unchanged"));
  }

  /** See {@link BulletinService#buildAll}; audited as one build of every week. */
  public BatchReport buildAll(Set<Format> formats, ProgressListener progress)
      throws InterruptedException {
    return audited(
        "buildWeek",
        "all weeks",
        () -> bulletins.buildAll(formats, progress),
        report ->
            report.built().size()
                + " week(s) built, "
                + report.failed().size()
                + " failed"
                + (report.failed().isEmpty() ? "" : ": " + report.failed().keySet()));
  }

  /**
   * Brings the public archive up to date (see {@link BulletinService#publish}), taking out
   * published weeks whose data is gone only if {@code allowRemoval}.
   */
  public PublishResult publish(ProgressListener progress, boolean allowRemoval)
      throws InterruptedException {
    return audited(
        "publish",
        allowRemoval ? "archive, removal allowed" : "archive",
        () -> {
          ReviewDesk desk = reviews.get();
          Outgoing outgoing = desk.outgoing(bulletins);
          BulletinService releasing = bulletins.releasing(outgoing);
          if (releasing.data().weeks().isEmpty() && !bulletins.data().weeks().isEmpty()) {
            // every week is held back: nothing to publish yet, which is no failure
            return new PublishResult(
                new OutputLayout(bulletins.workspace().out()).site(),
                List.of(),
                List.of(),
                Map.of(),
                false,
                outgoing.withheld());
          }
          PublishReport report =
              releasing.publish(
                  progress,
                  allowRemoval ? ArchivePublisher.Removal.ALLOW : ArchivePublisher.Removal.REFUSE);
          desk.published(outgoing, by, report.failed().keySet());
          Map<WeekId, FailedWeek> failed = new TreeMap<>();
          report.failed().forEach((week, failure) -> failed.put(week, FailedWeek.of(failure)));
          return new PublishResult(
              new OutputLayout(bulletins.workspace().out()).site(),
              report.built(),
              report.skipped(),
              failed,
              report.changed(),
              outgoing.withheld());
        },
        result ->
            (result.changed() ? "changed" : "nothing changed")
                + ": "
                + result.built().size()
                + " built, "
                + result.unchanged().size()
                + " unchanged, "
                + result.failed().size()
                + " failed"
                + (result.failed().isEmpty() ? "" : " " + result.failed().keySet())
                + (result.withheld().isEmpty()
                    ? ""
                    : "; held back: " + result.withheld().keySet()));
  }

  /**
   * Where {@code week} stands in review, and its versions; for those cleared for everything its
   * file holds, as the file itself is (notes and reasons may quote it).
   */
  public WeekReview review(WeekId week) {
    return call(
        () -> {
          requireCleared(week);
          return reviews.get().review(week, liveBytes(week));
        });
  }

  /**
   * Refuses a principal not cleared for the most restricted content {@code week}'s file holds: who
   * may not read the week may not review it or read its report.
   */
  private void requireCleared(WeekId week) {
    liveBytes(week)
        .map(WeekDocuments::highestMarking)
        .filter(marking -> !by.cleared(marking))
        .ifPresent(
            marking -> {
              throw new ServiceFailure.Forbidden(
                  "the file of week "
                      + week
                      + " holds content marked "
                      + marking.label()
                      + ", above the clearance of "
                      + by.actor()
                      + " ("
                      + by.clearance().label()
                      + ")");
            });
  }

  /**
   * The auditor's report of {@code week}: who drafted, submitted, approved and published each
   * version, what each list received of each, and whether each recipient of an earlier version was
   * sent its correction. It names recipients, so it takes the operator or admin role.
   */
  public WeekReport report(WeekId week) {
    return call(
        () -> {
          if (!by.has(Role.OPERATOR) && !by.has(Role.ADMIN)) {
            throw new ServiceFailure.Forbidden(
                by.actor()
                    + " may not read the report of a week: it takes the operator or admin role");
          }
          requireCleared(week);
          WeekReview review = reviews.get().review(week, liveBytes(week));
          if (review.versions().isEmpty() && liveBytes(week).isEmpty()) {
            throw new ServiceFailure.NotFound(
                "week " + week + " has no file and no version in the state database");
          }
          return access.get().weekReports().report(week, review, bulletins.data().config());
        });
  }

  /**
   * Submits {@code week} for review as it is now, with {@code note} (for a correction: what changed
   * and why); audited as {@code submitWeek}.
   *
   * @throws ServiceFailure.BadInput if the week does not validate
   * @throws ServiceFailure.Conflict if it is in review or approved already, or published unchanged
   */
  public WeekVersion submit(WeekId week, Optional<String> note) {
    return call(
        () ->
            audited(
                "submitWeek",
                week.toString(),
                () -> {
                  require(Role.ANALYST, "submit a week for review");
                  requireCleared(week);
                  byte[] bytes = checkedBytes(week, "submitted");
                  requireAChange(week, bytes);
                  return reviews.get().submit(week, by, bytes, note);
                },
                v -> "version " + v.number() + " in review, " + v.contentHash().orElse("")));
  }

  /**
   * Approves {@code week}'s version in review, as it is now; audited as {@code approveWeek}.
   *
   * @throws ServiceFailure.BadInput if the week does not validate
   * @throws ServiceFailure.Conflict if it is not in review, changed since it was submitted, or the
   *     approver edited or submitted it and the configuration asks for four eyes
   */
  public WeekVersion approve(WeekId week) {
    return call(
        () ->
            audited(
                "approveWeek",
                week.toString(),
                () -> {
                  require(Role.REVIEWER, "approve a week");
                  requireCleared(week);
                  byte[] bytes = checkedBytes(week, "approved");
                  return reviews.get().approve(week, by, bytes);
                },
                v ->
                    "version "
                        + v.number()
                        + " approved, "
                        + v.contentHash().orElse("")
                        + v.releaseAt().map(r -> ", release at " + r).orElse("")));
  }

  /** Sends {@code week}'s version in review back to its editors; audited as {@code rejectWeek}. */
  public WeekVersion reject(WeekId week, String reason) {
    return call(
        () ->
            audited(
                "rejectWeek",
                week.toString(),
                () -> {
                  require(Role.REVIEWER, "reject a week");
                  requireCleared(week);
                  return reviews.get().reject(week, by, reason);
                },
                v -> "version " + v.number() + " sent back: " + reason));
  }

  /**
   * Records that {@code by} changed {@code week}'s file: see {@link ReviewDesk#edited}. A review
   * that cannot be recorded (the state database is down) is logged: the change is made, and its
   * content no longer matches what was submitted or approved, which is what a review checks.
   */
  Optional<String> recordEdit(WeekId week) {
    Optional<byte[]> bytes = liveBytes(week);
    if (bytes.isEmpty()) {
      return Optional.empty();
    }
    try {
      return reviews.get().edited(week, by, bytes.get());
    } catch (RuntimeException e) {
      log.error("cannot record the edit of {} by {}: {}", week, by.actor(), e.getMessage());
      return Optional.empty();
    }
  }

  /**
   * Refuses to submit, as a correction of a published week, content that changes nothing a reader
   * sees (only its layout, say): a correction mail with no change would puzzle every recipient.
   */
  private void requireAChange(WeekId week, byte[] bytes) {
    WeekChanges changes = changesFrom(week, bytes);
    if (changes.against().isPresent() && changes.changes().isEmpty()) {
      throw ServiceFailure.Conflict.state(
          week
              + " is published as version "
              + changes.against().get()
              + " and this content changes nothing a reader sees: a correction needs a change;"
              + " edit the week, then submit it");
    }
  }

  /**
   * What {@code week}'s file changes from its last published version: what a reviewer reads before
   * approving. For those cleared for everything the file holds.
   *
   * @throws ServiceFailure.NotFound if the week has no file
   */
  public WeekChanges changes(WeekId week) {
    return call(
        () -> {
          requireCleared(week);
          byte[] bytes =
              liveBytes(week)
                  .orElseThrow(
                      () -> new ServiceFailure.NotFound("week " + week + " has no data file"));
          return changesFrom(week, bytes);
        });
  }

  private WeekChanges changesFrom(WeekId week, byte[] bytes) {
    ReviewDesk desk = reviews.get();
    Optional<WeekVersion> published = desk.review(week, Optional.of(bytes)).lastPublished();
    Optional<byte[]> before = published.flatMap(version -> desk.content(week, version.number()));
    if (before.isEmpty()) {
      return new WeekChanges(week, Optional.empty(), List.of());
    }
    DataDirectory data = bulletins.data();
    Week old = data.published(Map.of(week, before.get()), Set.of(), Map.of()).week(week);
    Week now = data.published(Map.of(week, bytes), Set.of(), Map.of()).week(week);
    return new WeekChanges(
        week, Optional.of(published.get().number()), Amendments.between(old, now));
  }

  /**
   * The tallies of the catalogue ({@code config.json}'s included) as an editor's form shows them,
   * named in {@code language} where the bulletin has words in it (else in its main language).
   */
  public List<TallyField> tallyFields(Locale language) {
    return call(
        () -> {
          Config config = bulletins.data().config();
          Locale named =
              config.languages().stream()
                  .filter(l -> l.getLanguage().equals(language.getLanguage()))
                  .findFirst()
                  .orElse(config.languages().get(0));
          Messages words = Messages.load(bulletins.workspace().templates(), named);
          return config.catalogue().all().stream()
              .map(
                  tally ->
                      new TallyField(
                          tally.key(),
                          tally.label().orElseGet(() -> words.get("metric." + tally.key())),
                          parts(tally.breakdown(), words),
                          parts(tally.ofWhich(), words)))
              .toList();
        });
  }

  private static List<TallyField.Part> parts(List<TallyDefinition.Part> parts, Messages words) {
    return parts.stream()
        .map(
            part ->
                new TallyField.Part(
                    part.key(),
                    part.label().orElseGet(() -> words.getOr("part." + part.key(), part.key()))))
        .toList();
  }

  private Optional<byte[]> liveBytes(WeekId week) {
    return bulletins.data().rawBytes(bulletins.data().weekFile(week));
  }

  /** The bytes of {@code week}'s file, which must exist and validate. */
  private byte[] checkedBytes(WeekId week, String what) {
    byte[] bytes =
        liveBytes(week)
            .orElseThrow(
                () ->
                    new ServiceFailure.NotFound(
                        "week "
                            + week
                            + " has no file; start it first ("
                            + ProgramName.command("new " + week)
                            + ")"));
    List<Problem> problems =
        bulletins.data().check(week, bytes, bulletins.data().weekFile(week).toString());
    if (!problems.isEmpty()) {
      throw new ServiceFailure.BadInput(
          week
              + " has "
              + problems.size()
              + " problem(s) and cannot be "
              + what
              + "; fix them ("
              + ProgramName.command("validate " + week)
              + ")",
          problems);
    }
    return bytes;
  }

  private void require(Role role, String action) {
    if (!by.has(role)) {
      throw new ServiceFailure.Forbidden(
          by.actor() + " may not " + action + ": it takes the " + role.code() + " role");
    }
  }

  /**
   * Starts a week's file (see {@link BulletinService#startWeek}); audited.
   *
   * @throws ServiceFailure.Conflict ({@link ServiceFailure.Conflict#exists()}) if the week asked
   *     for has a file already
   */
  public NewWeek startWeek(Optional<WeekId> week) {
    return call(
        () ->
            audited(
                "startWeek",
                week.map(WeekId::toString).orElse("next week"),
                () -> {
                  Optional<Path> file = week.map(bulletins.data()::weekFile);
                  if (file.isPresent() && Files.exists(file.get())) {
                    throw ServiceFailure.Conflict.exists(
                        file.get()
                            + ": "
                            + week.get()
                            + " already has a file, and new never overwrites one; delete the file"
                            + " to start the week again, or name another week ("
                            + ProgramName.command("new " + week.get().next())
                            + ")");
                  }
                  NewWeek created = bulletins.startWeek(week);
                  recordEdit(created.week());
                  return created;
                },
                created -> created.week() + " from " + created.source()));
  }

  /**
   * Imports advisories from {@code sources} into the file of {@code week}, or on a {@code dryRun}
   * only says what would change; KEV and EPSS read one source.
   */
  public ImportResult importAdvisories(
      WeekId week, AdvisorySource kind, List<String> sources, ImportLimits limits, boolean dryRun) {
    return call(
        () ->
            audited(
                "importAdvisories",
                week.toString(),
                () -> {
                  requireCleared(week);
                  WeekImport target = bulletins.importInto(week);
                  ImportReport report =
                      target.apply(
                          target.advisories(limits.fetchLimits()), change(kind, sources), dryRun);
                  if (report.changed() && !dryRun) {
                    recordEdit(week);
                  }
                  return new ImportResult(
                      target.file(),
                      report.lines(),
                      report.warnings(),
                      report.rejected(),
                      report.changed(),
                      report.summary());
                },
                result ->
                    kind.name().toLowerCase(Locale.ROOT)
                        + (dryRun ? " (dry run)" : "")
                        + ": "
                        + (result.changed() ? "changed" : "unchanged")
                        + "; "
                        + result.summary()));
  }

  private static BiFunction<AdvisoryImporter, ObjectNode, ImportReport> change(
      AdvisorySource kind, List<String> sources) {
    return switch (kind) {
      case CSAF -> (importer, tree) -> importer.csaf(tree, sources);
      case CVE -> (importer, tree) -> importer.cve(tree, sources);
      case KEV -> (importer, tree) -> importer.kev(tree, sources.get(0));
      case EPSS -> (importer, tree) -> importer.epss(tree, sources.get(0));
    };
  }

  /**
   * See {@link BulletinService#importTallies}: a sheet refused is audited here, the figures written
   * by {@link TallyPlan#write()}; a plan only shown changes nothing and is not.
   */
  public TallyPlan importTallies(WeekId week, Path sheet) {
    try {
      return call(
          () -> {
            requireCleared(week);
            return new TallyPlan(
                week,
                bulletins.importTallies(week, sheet),
                (operation, target, outcome, detail) -> {
                  record(operation, target, outcome, detail);
                  if (outcome == AuditEntry.Outcome.OK) {
                    recordEdit(week);
                  }
                });
          });
    } catch (RuntimeException e) {
      recordFailure("importTallies", week.toString(), e);
      throw e;
    }
  }

  /** See {@link MailService#send}; audited, dry runs too. */
  public DeliveryReport send(WeekId week, String list, SendOptions options)
      throws InterruptedException {
    return audited(
        "sendWeek",
        week + " " + list,
        () -> mail.get().send(week, list, options),
        report ->
            report.outbox().isPresent()
                ? (options.dryRun() ? "dry run: " : "no smtp settings: ")
                    + (report.recipients() - report.deferred().size())
                    + " message(s) written to the outbox"
                : String.format(
                    Locale.ROOT,
                    "%s%d sent, %d already sent, %d failed, %d still due, %d uncertain",
                    options.resendUncertain() ? "uncertain ones queued again; " : "",
                    report.sent(),
                    report.alreadySent(),
                    report.failed().size(),
                    report.deferred().size(),
                    report.uncertain().size()));
  }

  /**
   * Runs {@code work}, writing its audit entry: OK with {@code detail} of its result, refused for
   * bad input, a name not found, a conflict or a busy lock, failed for anything else.
   */
  private <T> T audited(
      String operation, String target, Failures.Work<T> work, Function<T, String> detail)
      throws InterruptedException {
    T result;
    try {
      result = Failures.translate(work);
    } catch (InterruptedException e) {
      record(operation, target, AuditEntry.Outcome.FAILED, "interrupted");
      throw e;
    } catch (RuntimeException e) {
      recordFailure(operation, target, e);
      throw e;
    }
    record(operation, target, AuditEntry.Outcome.OK, detail.apply(result));
    return result;
  }

  private void recordFailure(String operation, String target, RuntimeException e) {
    boolean refused = e instanceof ServiceFailure && !(e instanceof ServiceFailure.Failed);
    record(
        operation,
        target,
        refused ? AuditEntry.Outcome.REFUSED : AuditEntry.Outcome.FAILED,
        e instanceof ServiceFailure ? e.getMessage() : e.getClass().getSimpleName());
  }

  /**
   * Writes an audit entry; a log that cannot be written (the state database is down) is logged and
   * does not undo or stop what was done.
   */
  private void record(String operation, String target, AuditEntry.Outcome outcome, String detail) {
    try {
      access.get().audit(by, operation, target, from, outcome, detail);
    } catch (RuntimeException e) {
      log.error(
          "cannot write the audit entry of {} {} by {}: {}",
          operation,
          target,
          by.actor(),
          e.getMessage());
    }
  }

  /** {@code work}'s result, or its failure as a {@link ServiceFailure}. */
  private static <T> T call(Failures.Work<T> work) {
    try {
      return Failures.translate(work);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ServiceFailure.Failed("interrupted", e);
    }
  }
}
