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
import org.certbulletin.model.AuditEntry;
import org.certbulletin.model.DeliveryReport;
import org.certbulletin.model.Format;
import org.certbulletin.model.HttpSettings;
import org.certbulletin.model.Principal;
import org.certbulletin.model.Problem;
import org.certbulletin.model.ProgramName;
import org.certbulletin.model.ProgressListener;
import org.certbulletin.model.UntranslatedText;
import org.certbulletin.model.WeekId;
import org.certbulletin.publish.ArchivePublisher;
import org.certbulletin.publish.PublishReport;
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
  private final Principal by;
  private final String from;

  Bulletins(
      BulletinService bulletins,
      Supplier<MailService> mail,
      Supplier<AccessService> access,
      Principal by,
      String from) {
    this.bulletins = bulletins;
    this.mail = mail;
    this.access = access;
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
          PublishReport report =
              bulletins.publish(
                  progress,
                  allowRemoval ? ArchivePublisher.Removal.ALLOW : ArchivePublisher.Removal.REFUSE);
          Map<WeekId, FailedWeek> failed = new TreeMap<>();
          report.failed().forEach((week, failure) -> failed.put(week, FailedWeek.of(failure)));
          return new PublishResult(
              new OutputLayout(bulletins.workspace().out()).site(),
              report.built(),
              report.skipped(),
              failed,
              report.changed());
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
                + (result.failed().isEmpty() ? "" : " " + result.failed().keySet()));
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
                  return bulletins.startWeek(week);
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
                  WeekImport target = bulletins.importInto(week);
                  ImportReport report =
                      target.apply(
                          target.advisories(limits.fetchLimits()), change(kind, sources), dryRun);
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
      return call(() -> new TallyPlan(week, bulletins.importTallies(week, sheet), this::record));
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
