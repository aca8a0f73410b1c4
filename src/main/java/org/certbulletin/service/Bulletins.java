package org.certbulletin.service;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.BiFunction;
import java.util.function.Supplier;
import org.certbulletin.files.OutputLayout;
import org.certbulletin.imports.AdvisoryImporter;
import org.certbulletin.imports.ImportReport;
import org.certbulletin.model.DeliveryReport;
import org.certbulletin.model.Format;
import org.certbulletin.model.HttpSettings;
import org.certbulletin.model.Problem;
import org.certbulletin.model.ProgressListener;
import org.certbulletin.model.UntranslatedText;
import org.certbulletin.model.WeekId;
import org.certbulletin.publish.ArchivePublisher;
import org.certbulletin.publish.PublishReport;
import tools.jackson.databind.node.ObjectNode;

/**
 * What the doors (the command line, the daemon, the HTTP API) may ask of the bulletin: validate,
 * build, publish, start a week, import, send. It answers in {@code service} and {@code model} types
 * and fails with a {@link ServiceFailure}.
 */
public final class Bulletins {

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

  Bulletins(BulletinService bulletins, Supplier<MailService> mail) {
    this.bulletins = bulletins;
    this.mail = mail;
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

  /** See {@link BulletinService#validate}. */
  public List<Problem> validate(List<WeekId> weeks) {
    return call(() -> bulletins.validate(weeks));
  }

  /** See {@link BulletinService#untranslated}. */
  public List<UntranslatedText> untranslated(List<WeekId> weeks) {
    return call(() -> bulletins.untranslated(weeks));
  }

  /** See {@link BulletinService#build}. */
  public BuildResult build(WeekId week, Set<Format> formats) {
    return call(() -> bulletins.build(week, formats));
  }

  /** See {@link BulletinService#buildAll}. */
  public BatchReport buildAll(Set<Format> formats, ProgressListener progress)
      throws InterruptedException {
    return Failures.translate(() -> bulletins.buildAll(formats, progress));
  }

  /**
   * Brings the public archive up to date (see {@link BulletinService#publish}), taking out
   * published weeks whose data is gone only if {@code allowRemoval}.
   */
  public PublishResult publish(ProgressListener progress, boolean allowRemoval)
      throws InterruptedException {
    PublishReport report =
        Failures.translate(
            () ->
                bulletins.publish(
                    progress,
                    allowRemoval
                        ? ArchivePublisher.Removal.ALLOW
                        : ArchivePublisher.Removal.REFUSE));
    Map<WeekId, FailedWeek> failed = new TreeMap<>();
    report.failed().forEach((week, failure) -> failed.put(week, FailedWeek.of(failure)));
    return new PublishResult(
        new OutputLayout(bulletins.workspace().out()).site(),
        report.built(),
        report.skipped(),
        failed,
        report.changed());
  }

  /** See {@link BulletinService#startWeek}. */
  public NewWeek startWeek(Optional<WeekId> week) {
    return call(() -> bulletins.startWeek(week));
  }

  /**
   * Imports advisories from {@code sources} into the file of {@code week}, or on a {@code dryRun}
   * only says what would change; KEV and EPSS read one source.
   */
  public ImportResult importAdvisories(
      WeekId week, AdvisorySource kind, List<String> sources, ImportLimits limits, boolean dryRun) {
    return call(
        () -> {
          WeekImport target = bulletins.importInto(week);
          ImportReport report =
              target.apply(target.advisories(limits.fetchLimits()), change(kind, sources), dryRun);
          return new ImportResult(
              target.file(),
              report.lines(),
              report.warnings(),
              report.rejected(),
              report.changed(),
              report.summary());
        });
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

  /** See {@link BulletinService#importTallies}. */
  public TallyPlan importTallies(WeekId week, Path sheet) {
    return call(() -> new TallyPlan(bulletins.importTallies(week, sheet)));
  }

  /** See {@link MailService#send}. */
  public DeliveryReport send(WeekId week, String list, SendOptions options)
      throws InterruptedException {
    return Failures.translate(() -> mail.get().send(week, list, options));
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
