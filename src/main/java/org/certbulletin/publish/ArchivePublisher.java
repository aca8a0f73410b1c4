package org.certbulletin.publish;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import org.certbulletin.files.LockFile;
import org.certbulletin.files.OutputLayout;
import org.certbulletin.ingest.DataDirectory;
import org.certbulletin.ingest.PinnedVersion;
import org.certbulletin.model.ArchiveEntry;
import org.certbulletin.model.Config;
import org.certbulletin.model.InvalidDataException;
import org.certbulletin.model.Location;
import org.certbulletin.model.Problem;
import org.certbulletin.model.ProgramName;
import org.certbulletin.model.ProgressListener;
import org.certbulletin.model.Tlp;
import org.certbulletin.model.WeekId;
import org.certbulletin.pgp.SigningKey;
import org.certbulletin.render.ArchiveRenderer;
import org.certbulletin.render.RenderException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings the public archive up to date with the data folder: renders the weeks whose inputs changed
 * or whose files are missing ({@link PublishPlan}), keeps the rest as they are, and writes the
 * index, the Atom feed and {@code SHA256SUMS} ({@link StagedArchive}). With a signing key, every
 * PDF and {@code SHA256SUMS} get a detached OpenPGP signature and the public key is published
 * ({@link ArchiveSignatures}). Each earlier version of a corrected week is kept at its own address
 * ({@code 2024/W51/v1/}), rendered again only when its inputs change, and never dropped by a later
 * publish while its week is in the archive. The new archive is assembled beside the old one and
 * switched in atomically; a week with bad data is reported and keeps its earlier edition, while any
 * other failure leaves the previous archive exactly as it was.
 */
public final class ArchivePublisher {

  /** Whether a publish may take published weeks whose data file is gone out of the archive. */
  public enum Removal {
    /** Stop with bad input and say which weeks would go: a missing file is more often a mistake. */
    REFUSE,
    /** Remove them: an operator's explicit decision ({@code publish --allow-removal}). */
    ALLOW
  }

  private static final Logger log = LoggerFactory.getLogger(ArchivePublisher.class);

  private final DataDirectory data;
  private final Path templates;
  private final OutputLayout layout;
  private final Function<WeekId, EditionFiles> renderer;
  private final Optional<SigningKey> signer;
  private final ArchiveRenderer pages;
  private final BatchRenderer batch;
  private final ProgressListener progress;
  private final Removal removal;
  private final List<SupersededVersion> superseded;

  public ArchivePublisher(
      DataDirectory data,
      Path templates,
      OutputLayout layout,
      Function<WeekId, EditionFiles> renderer,
      Optional<SigningKey> signer,
      BatchRenderer batch,
      ProgressListener progress,
      Removal removal) {
    this(data, templates, layout, renderer, signer, batch, progress, removal, List.of());
  }

  /**
   * A publisher that also keeps the earlier versions {@code superseded} of corrected weeks at their
   * own address.
   */
  public ArchivePublisher(
      DataDirectory data,
      Path templates,
      OutputLayout layout,
      Function<WeekId, EditionFiles> renderer,
      Optional<SigningKey> signer,
      BatchRenderer batch,
      ProgressListener progress,
      Removal removal,
      List<SupersededVersion> superseded) {
    this.data = data;
    this.templates = templates;
    this.layout = layout;
    this.renderer = renderer;
    this.signer = signer;
    this.pages = new ArchiveRenderer(templates);
    this.batch = batch;
    this.progress = progress;
    this.removal = removal;
    this.superseded = List.copyOf(superseded);
  }

  @SuppressWarnings("try") // the lock is held for the block, never read
  public PublishReport publish() throws IOException, InterruptedException {
    try (LockFile lock = LockFile.acquire(layout.publishLock(), "publish")) {
      Config config = data.config();
      PublishPlan plan = PublishPlan.of(data, templates, layout);
      refuseToLoseWeeks(plan);
      Map<WeekId, ArchiveEntry> entries = new TreeMap<>();
      Map<WeekId, WeekFailure> failed = new TreeMap<>();
      List<WeekId> built = new ArrayList<>();
      Optional<Path> generation;
      List<ArchivedVersion> versions;
      try (StagedArchive next = StagedArchive.begin(layout, plan.site())) {
        for (WeekId week : plan.weeks(PublishPlan.State.CURRENT)) {
          ArchiveEntry kept = plan.published(week).orElseThrow();
          next.keep(kept);
          entries.put(week, kept);
        }
        progress.start("publish", plan.toRender().size());
        batch.run(
            plan.toRender(),
            week -> ArchiveSignatures.sign(renderer.apply(week), signer),
            outcome -> {
              WeekId week = outcome.week();
              if (outcome.failure().isPresent()) {
                failed.put(week, WeekFailure.of(outcome.failure().get()));
                plan.keepable(week)
                    .ifPresent(
                        old -> {
                          next.keep(old);
                          entries.put(week, old);
                        });
                progress.step(week, ProgressListener.Step.FAILED);
              } else {
                entries.put(
                    week,
                    next.place(
                        outcome.files().orElseThrow(),
                        plan.inputs(week),
                        data.version(week).map(PinnedVersion::revision)));
                built.add(week);
                progress.step(week, ProgressListener.Step.BUILT);
              }
            });
        progress.finish();
        versions = earlierVersions(plan, next, failed);
        List<ArchiveEntry> published = List.copyOf(entries.values());
        Map<String, byte[]> top = new LinkedHashMap<>();
        for (Locale language : config.languages()) {
          Config edition = data.config(language);
          top.put(file(OutputLayout.INDEX_FILE, edition), pages.index(published, edition));
          top.put(file(OutputLayout.FEED_FILE, edition), pages.feed(published, edition));
        }
        signer.ifPresent(key -> top.put(OutputLayout.KEY_FILE, key.certificate().armoured()));
        next.finish(top, signer);
        generation = next.commitIfChanged();
      }
      removeRestricted(plan);
      PublishManifest.of(entries.values(), versions).save(layout.publishManifest());
      List<WeekId> unchanged = plan.weeks(PublishPlan.State.CURRENT);
      log.info(
          "published: {} built, {} unchanged, {} failed, {} removed, {} earlier version(s) kept{}",
          built.size(),
          unchanged.size(),
          failed.size(),
          plan.removed().size(),
          versions.size(),
          generation.map(g -> " -> " + g.getFileName()).orElse(" (no change)"));
      return new PublishReport(built, unchanged, failed, plan.removed(), generation);
    }
  }

  /**
   * Keeps every earlier version of a corrected week at its own address: as it is when its inputs
   * did not change, rendered again otherwise. One that cannot be rendered is reported as a failure
   * of its week and keeps its earlier files. An earlier version published before and not among
   * {@link #superseded} now (approval since switched off, say) stays as it is unless its week
   * leaves the archive: a publish never drops a version readers were sent.
   */
  private List<ArchivedVersion> earlierVersions(
      PublishPlan plan, StagedArchive next, Map<WeekId, WeekFailure> failed) {
    List<ArchivedVersion> kept = new ArrayList<>();
    Set<String> offered = new HashSet<>();
    for (SupersededVersion version : superseded) {
      offered.add(version.week() + "/" + version.version());
      Optional<ArchivedVersion> same = plan.current(version);
      if (same.isPresent()) {
        next.keep(same.get());
        kept.add(same.get());
        continue;
      }
      try {
        kept.add(next.place(version, ArchiveSignatures.sign(version.render().get(), signer)));
      } catch (InvalidDataException | RenderException e) {
        WeekFailure failure = WeekFailure.of(e);
        failed.putIfAbsent(
            version.week(),
            new WeekFailure(
                "version "
                    + version.version()
                    + " (kept at "
                    + OutputLayout.versionPath(version.week(), version.version())
                    + "/): "
                    + failure.reason(),
                failure.badInput(),
                failure.timeLimit()));
        plan.keepable(version.week(), version.version())
            .ifPresent(
                old -> {
                  next.keep(old);
                  kept.add(old);
                });
      }
    }
    for (ArchivedVersion old : plan.publishedVersions()) {
      if (!offered.contains(old.week() + "/" + old.version())
          && !plan.removed().contains(old.week())) {
        plan.keepable(old.week(), old.version())
            .ifPresent(
                files -> {
                  next.keep(files);
                  kept.add(files);
                });
      }
    }
    return kept;
  }

  /**
   * Stops before anything is written when the data folder holds no week, holds files that are not
   * weeks, or lacks weeks that are published (unless removal is allowed): a missing mount, a wrong
   * path or a stray {@code git clean} must not empty the public archive.
   */
  private void refuseToLoseWeeks(PublishPlan plan) {
    List<Path> strays = data.strayFiles();
    if (!strays.isEmpty()) {
      throw new InvalidDataException(
          strays.stream()
              .map(
                  stray ->
                      new Problem(
                          stray.toString(),
                          Location.START,
                          "",
                          "file name is not an ISO week, so nothing would publish it; rename it"
                              + " like 2024-W51.json or move it out of "
                              + data.weeksFolder()))
              .toList());
    }
    if (plan.states().isEmpty()) {
      throw InvalidDataException.of(
          data.weeksFolder().toString(),
          "no week files found, so there is nothing to publish; check --data (the archive stays as"
              + " it is)");
    }
    if (!plan.removed().isEmpty() && removal == Removal.REFUSE) {
      throw InvalidDataException.of(
          data.weeksFolder().toString(),
          "publishing would remove "
              + plan.removed().size()
              + " published week(s) whose data file is missing: "
              + String.join(", ", plan.removed().stream().map(WeekId::toString).toList())
              + "; restore their files, or run '"
              + ProgramName.command("publish --allow-removal")
              + "' to take them out of the archive");
    }
  }

  /**
   * Restricted editions of weeks whose data is gone are removed with them; public ones leave with
   * the old generation.
   */
  private void removeRestricted(PublishPlan plan) {
    for (WeekId week : plan.removed()) {
      plan.published(week)
          .filter(e -> e.tlp() != Tlp.CLEAR)
          .ifPresent(
              e -> {
                try {
                  SiteGenerations.deleteTree(layout.weekFolder(week, e.tlp()));
                } catch (IOException failure) {
                  log.warn(
                      "cannot remove {}: {}",
                      layout.weekFolder(week, e.tlp()),
                      failure.getMessage());
                }
              });
    }
  }

  /** The name of one of the archive's own files in the language of {@code edition}. */
  private static String file(String name, Config edition) {
    return OutputLayout.inLanguage(name, edition.language(), edition.mainLanguage());
  }
}
