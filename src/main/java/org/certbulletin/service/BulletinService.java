package org.certbulletin.service;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.certbulletin.files.AtomicFolder;
import org.certbulletin.files.LockFile;
import org.certbulletin.files.LockHeldException;
import org.certbulletin.files.OutputLayout;
import org.certbulletin.ingest.DataDirectory;
import org.certbulletin.ingest.PinnedVersion;
import org.certbulletin.ingest.TallyImport;
import org.certbulletin.ingest.TallySheet;
import org.certbulletin.ingest.WeekWriter;
import org.certbulletin.model.Bulletin;
import org.certbulletin.model.Config;
import org.certbulletin.model.DistributionList;
import org.certbulletin.model.Format;
import org.certbulletin.model.InvalidDataException;
import org.certbulletin.model.Location;
import org.certbulletin.model.Problem;
import org.certbulletin.model.ProgramName;
import org.certbulletin.model.ProgressListener;
import org.certbulletin.model.StateSettings;
import org.certbulletin.model.Tlp;
import org.certbulletin.model.UntranslatedText;
import org.certbulletin.model.Week;
import org.certbulletin.model.WeekId;
import org.certbulletin.pgp.SigningKey;
import org.certbulletin.publish.ArchivePublisher;
import org.certbulletin.publish.BatchRenderer;
import org.certbulletin.publish.EditionFiles;
import org.certbulletin.publish.InputFingerprint;
import org.certbulletin.publish.PublishReport;
import org.certbulletin.publish.SiteGenerations;
import org.certbulletin.publish.SupersededVersion;
import org.certbulletin.publish.WeekFailure;
import org.certbulletin.render.BulletinRenderer;
import org.certbulletin.render.Messages;
import org.certbulletin.render.RenderedBulletin;
import org.certbulletin.render.UnprintedTextException;
import org.certbulletin.store.Database;
import org.certbulletin.store.DatabaseLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The operations on editions that the command line and the scheduler offer: validate, build and
 * publish. Email goes through {@link MailService}.
 */
public final class BulletinService {

  private static final Logger log = LoggerFactory.getLogger(BulletinService.class);

  private final Workspace workspace;
  private final Map<String, String> environment;
  private final DataDirectory data;
  private final OutputLayout layout;
  private final SharedRendering shared;
  private final Outgoing outgoing;

  /** A service that needs no secrets: it validates, builds and imports, but cannot sign. */
  public BulletinService(Workspace workspace) {
    this(workspace, Map.of());
  }

  /**
   * A service that reads its secrets (the OpenPGP signing key a publish signs with) from {@code
   * environment}.
   */
  public BulletinService(Workspace workspace, Map<String, String> environment) {
    this(workspace, environment, null, new DataDirectory(workspace.data()), Outgoing.EVERYTHING);
  }

  private BulletinService(
      Workspace workspace,
      Map<String, String> environment,
      SharedRendering shared,
      DataDirectory data,
      Outgoing outgoing) {
    this.workspace = workspace;
    this.outgoing = outgoing;
    this.environment = Map.copyOf(environment);
    this.data = data;
    this.layout = new OutputLayout(workspace.out());
    this.shared = shared == null ? new SharedRendering(workspace.templates()) : shared;
  }

  /**
   * A service over the same folders that reads the data folder afresh (this one keeps what it has
   * read) and shares this one's warm renderer, render slots and weeks built: what a long-running
   * server uses per request.
   */
  public BulletinService reread() {
    return new BulletinService(
        workspace, environment, shared, new DataDirectory(workspace.data()), Outgoing.EVERYTHING);
  }

  /**
   * A service that publishes and sends {@code release}'s view of the weeks (each approved week as
   * approved, those not approved or not released left out) and shares this one's renderer.
   */
  BulletinService releasing(Outgoing outgoing) {
    return new BulletinService(
        workspace,
        environment,
        shared,
        data.published(outgoing.pinned(), hidden(outgoing), outgoing.revisions()),
        outgoing);
  }

  /** The weeks {@code outgoing} holds back and pins no version of: left out as if they had none. */
  private static Set<WeekId> hidden(Outgoing outgoing) {
    Set<WeekId> hidden = new HashSet<>(outgoing.withheld().keySet());
    hidden.removeAll(outgoing.pinned().keySet());
    return hidden;
  }

  /**
   * The earlier versions of the corrected weeks this service publishes, each read from its own
   * approved content and shown as the version that superseded it, for the archive to keep at its
   * own address.
   */
  private List<SupersededVersion> superseded() {
    List<SupersededVersion> found = new ArrayList<>();
    Set<WeekId> present = new HashSet<>(data.weeks());
    outgoing
        .superseded()
        .forEach(
            (week, versions) -> {
              if (!present.contains(week)) {
                return;
              }
              for (EarlierVersion version : versions) {
                Map<WeekId, byte[]> pinned = new HashMap<>(outgoing.pinned());
                pinned.put(week, version.content());
                Map<WeekId, PinnedVersion> shown = new HashMap<>(outgoing.revisions());
                shown.put(week, version.version());
                BulletinService earlier =
                    new BulletinService(
                        workspace,
                        environment,
                        shared,
                        data.published(pinned, hidden(outgoing), shown),
                        Outgoing.EVERYTHING);
                found.add(
                    new SupersededVersion(
                        week,
                        version.number(),
                        earlier.fingerprint(week),
                        () -> earlier.render(week, EnumSet.allOf(Format.class))));
              }
            });
    return found;
  }

  public DataDirectory data() {
    return data;
  }

  public OutputLayout layout() {
    return layout;
  }

  /** The newest week that has a data file. */
  public WeekId latestWeek() {
    List<WeekId> weeks = data.weeks();
    if (weeks.isEmpty()) {
      throw InvalidDataException.of(
          new Problem(
              workspace.data().resolve("weeks").toString(),
              Location.START,
              "",
              "no week files found; add one named like 2024-W51.json"));
    }
    return weeks.get(weeks.size() - 1);
  }

  /**
   * Starts the file of week {@code week} (default: the week after the newest week file) from the
   * newest earlier week's: its shape with every figure at zero, the issue advanced, the publication
   * time from the schedule. Never overwrites a file.
   *
   * @throws InvalidDataException if the week has a file, no earlier week has one, or the earlier
   *     week or the configuration is invalid
   */
  public NewWeek startWeek(Optional<WeekId> week) throws IOException {
    return new WeekStart(data).create(week);
  }

  /**
   * An import into the file of week {@code week}, which must exist.
   *
   * @throws org.certbulletin.model.InvalidDataException if it does not
   */
  public WeekImport importInto(WeekId week) {
    if (!java.nio.file.Files.exists(data.weekFile(week))) {
      throw org.certbulletin.model.InvalidDataException.of(
          new Problem(
              data.weekFile(week).toString(),
              Location.START,
              "",
              "the week has no file yet; start it with: " + ProgramName.command("new " + week)));
    }
    return new WeekImport(data, week);
  }

  /**
   * The week file of {@code id} with the tallies of the analysts' spreadsheet {@code sheet} (CSV or
   * XLSX) put in and checked, ready to be written (or shown, for a dry run).
   *
   * @throws org.certbulletin.model.InvalidDataException naming every problem of the sheet by row
   *     and column, or of the week it would make
   */
  public TallyImport importTallies(WeekId id, Path sheet) {
    return TallyImport.plan(data, id, TallySheet.read(sheet, id, data.config().catalogue()));
  }

  /** Every problem in the configuration and the given weeks (all weeks if none are given). */
  public List<Problem> validate(List<WeekId> weeks) {
    List<Problem> problems = new ArrayList<>();
    if (weeks.isEmpty()) {
      for (Path stray : data.strayFiles()) {
        problems.add(
            new Problem(
                stray.toString(),
                Location.START,
                "",
                "file name is not an ISO week, so this file is ignored; rename it like"
                    + " 2024-W51.json"));
      }
    }
    problems.addAll(data.validate(weeks.isEmpty() ? data.weeks() : weeks));
    problems.addAll(checkListsAndBundles());
    try {
      data.scheduleEnded(Instant.now()).ifPresent(problems::add);
    } catch (InvalidDataException e) {
      // the configuration's own problems are reported already
    }
    return problems;
  }

  /**
   * The prose that an edition prints in another language than its own, in {@code config.json} and
   * the given weeks (all weeks if none are given): warnings, since the editions can still be built.
   * A file that is invalid is left out; {@link #validate} reports it.
   */
  public List<UntranslatedText> untranslated(List<WeekId> weeks) {
    List<UntranslatedText> found = new ArrayList<>();
    try {
      found.addAll(data.untranslatedConfigProse());
    } catch (InvalidDataException e) {
      return found;
    }
    for (WeekId week : weeks.isEmpty() ? data.weeks() : weeks) {
      try {
        found.addAll(data.untranslatedProse(week));
      } catch (InvalidDataException e) {
        // reported by validate
      }
    }
    return found;
  }

  /**
   * What a send or a build would only find later: each list's recipients (file, addresses) and a
   * message bundle for every language an edition is written in. Nothing when the configuration
   * itself is invalid (that is reported already).
   */
  private List<Problem> checkListsAndBundles() {
    List<Problem> problems = new ArrayList<>();
    Config config;
    try {
      config = data.config();
    } catch (InvalidDataException e) {
      return problems;
    }
    Set<Locale> languages = new LinkedHashSet<>();
    languages.addAll(config.languages());
    for (DistributionList list : config.lists()) {
      list.language().ifPresent(languages::add);
      try {
        data.recipients(list);
      } catch (InvalidDataException e) {
        problems.addAll(e.problems());
      }
    }
    KeyCheck.check(data, config, Instant.now()).stream()
        .filter(KeyCheck.Finding::error)
        .map(KeyCheck.Finding::problem)
        .forEach(problems::add);
    for (Locale language : languages) {
      try {
        Messages.load(workspace.templates(), language);
      } catch (InvalidDataException e) {
        problems.addAll(e.problems());
      }
    }
    return problems;
  }

  /**
   * Renders one week's edition at its own TLP and writes it to the output folder. Everything is
   * rendered before anything is written, and each file is replaced atomically, so a failure leaves
   * what was there before. A week built already (by this service or one it shares its renderer
   * with) from the very same inputs is written again from what that build rendered.
   */
  public BuildResult build(WeekId id, Set<Format> formats) {
    renderer(); // says what is wrong with the templates folder before its digest is taken
    String before = fingerprint(id);
    Optional<SharedRendering.Built> done = shared.built(before, formats);
    if (done.isPresent()) {
      return write(done.get().files());
    }
    SharedRendering.Built week = renderBuilt(id, formats);
    if (fingerprint(id).equals(before)) {
      shared.keep(before, week);
    }
    return write(week.files());
  }

  /**
   * The digest of every input of {@code id}'s edition: see {@link InputFingerprint}. An edition
   * kept under it is what rendering now would give.
   */
  public String fingerprint(WeekId id) {
    return new InputFingerprint(data, workspace.templates()).of(id);
  }

  /** The edition in {@code language} of the week built last from the inputs of {@code digest}. */
  Optional<SharedRendering.Part> builtPart(String digest, Locale language) {
    return shared.part(digest, language);
  }

  /**
   * Builds every week on all cores. A week that cannot be built is reported and does not stop the
   * others.
   */
  public BatchReport buildAll(Set<Format> formats, ProgressListener progress)
      throws InterruptedException {
    List<WeekId> weeks = data.weeks();
    List<BuildResult> built = new ArrayList<>();
    Map<WeekId, FailedWeek> failed = new TreeMap<>();
    progress.start("build", weeks.size());
    BatchRenderer.perCore()
        .run(
            weeks,
            week -> render(week, formats),
            outcome -> {
              if (outcome.failure().isPresent()) {
                failed.put(outcome.week(), FailedWeek.of(WeekFailure.of(outcome.failure().get())));
                progress.step(outcome.week(), ProgressListener.Step.FAILED);
              } else {
                built.add(write(outcome.files().orElseThrow()));
                progress.step(outcome.week(), ProgressListener.Step.BUILT);
              }
            });
    progress.finish();
    return new BatchReport(built, failed);
  }

  /**
   * Brings the public archive in {@code out/site} up to date: see {@link ArchivePublisher}. Never
   * removes a published week whose data file is gone; that takes {@link #publish(ProgressListener,
   * ArchivePublisher.Removal)} with {@code ALLOW}.
   */
  public PublishReport publish(ProgressListener progress) throws IOException, InterruptedException {
    return publish(progress, ArchivePublisher.Removal.REFUSE);
  }

  /**
   * Brings the public archive up to date, removing published weeks whose data is gone if allowed.
   * Nodes of a cluster share the archive folder, so they publish one at a time under a lock in the
   * shared database as well as the lock file.
   *
   * @throws LockHeldException if another run, on this node or another, is publishing
   */
  @SuppressWarnings("try") // the lock is held for the block, never read
  public PublishReport publish(ProgressListener progress, ArchivePublisher.Removal removal)
      throws IOException, InterruptedException {
    StateSettings state = data.config().state();
    if (!state.cluster()) {
      return publisher(progress, removal).publish();
    }
    try (Database database = Database.open(state, layout);
        DatabaseLock lock = DatabaseLock.acquire(database, "publish")) {
      return publisher(progress, removal).publish();
    }
  }

  private ArchivePublisher publisher(ProgressListener progress, ArchivePublisher.Removal removal) {
    Optional<SigningKey> signer =
        data.signingCertificate()
            .map(
                c ->
                    SigningKey.load(
                        c,
                        environment,
                        Instant.now(),
                        data.config().openpgp().orElseThrow().clockSkew()));
    return new ArchivePublisher(
        data,
        workspace.templates(),
        layout,
        week -> render(week, EnumSet.allOf(Format.class)),
        signer,
        BatchRenderer.perCore(),
        progress,
        removal,
        superseded());
  }

  /**
   * Writes one edition's files together: all of them change or none (a failure leaves the previous
   * edition). A CLEAR edition goes to the public archive only while nothing is published yet (a
   * first build becomes the first publish's starting point); once {@code out/site} is a published
   * archive, a build writes a preview to {@code out/preview/} and leaves the archive, its index,
   * feed and checksums to {@code publish}.
   */
  private BuildResult write(EditionFiles edition) {
    return shared.writing(() -> writeLocked(edition));
  }

  @SuppressWarnings("try") // the lock is held for the block, never read
  private BuildResult writeLocked(EditionFiles edition) {
    WeekId id = edition.edition().id();
    Tlp tlp = edition.edition().tlp();
    boolean clear = tlp == Tlp.CLEAR;
    try (LockFile lock = LockFile.acquire(layout.publishLock(), "publish")) {
      boolean published = new SiteGenerations(layout.site()).isPublished();
      Path folder = clear && published ? layout.previewFolder(id) : layout.weekFolder(id, tlp);
      AtomicFolder.Outcome outcome = AtomicFolder.replace(folder, edition.files(), clear);
      log.info(
          "built {} ({}) in {}: {} written, {} unchanged",
          id,
          tlp.label(),
          folder,
          outcome.written().size(),
          outcome.unchanged().size());
      return new BuildResult(id, tlp, folder, outcome.written(), outcome.unchanged());
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot write the edition of " + id + ": " + e.getMessage(), e);
    }
  }

  /**
   * Renders one week's edition at its own TLP in memory, in every language of the bulletin: {@code
   * bulletin.json} and the asked formats, the main language's under the plain names and each other
   * language's beside them ({@code bulletin.en.pdf}). The languages are rendered side by side while
   * fewer weeks are rendering than there are cores (a build, a publish of one new week); a batch
   * that already keeps every core busy renders them one after the other.
   */
  public EditionFiles render(WeekId id, Set<Format> formats) {
    return renderBuilt(id, formats).files();
  }

  private SharedRendering.Built renderBuilt(WeekId id, Set<Format> formats) {
    Config config = data.config();
    List<Locale> languages = config.languages();
    List<LanguageEdition> editions =
        shared.countingWeek(
            () ->
                shared.spareCores() && languages.size() > 1
                    ? renderSideBySide(id, languages, formats)
                    : languages.stream().map(language -> render(id, language, formats)).toList());
    Map<String, byte[]> files = new LinkedHashMap<>();
    List<SharedRendering.Part> parts = new ArrayList<>();
    for (LanguageEdition edition : editions) {
      files.put(name(OutputLayout.JSON_FILE, edition.language(), config), edition.json());
      edition
          .rendered()
          .files()
          .forEach(
              (format, bytes) ->
                  files.put(name(format.fileName(), edition.language(), config), bytes));
      parts.add(
          new SharedRendering.Part(
              edition.language(),
              edition.week().tlp(),
              edition.json(),
              edition.rendered().files()));
    }
    return new SharedRendering.Built(
        Set.copyOf(formats), new EditionFiles(editions.get(0).week(), files), parts);
  }

  /** One language's edition of a week, rendered. */
  @SuppressWarnings("ArrayRecordComponent") // the edition's JSON file; never compared or hashed
  private record LanguageEdition(
      Locale language, Week week, byte[] json, RenderedBulletin rendered) {}

  private LanguageEdition render(WeekId id, Locale language, Set<Format> formats) {
    Bulletin bulletin = data.bulletin(id, language);
    bulletin = bulletin.editionFor(bulletin.week().tlp());
    byte[] json = WeekWriter.write(bulletin);
    Bulletin edition = bulletin;
    try {
      return new LanguageEdition(
          language,
          bulletin.week(),
          json,
          shared.inSlot(() -> renderer().render(edition, json, formats)));
    } catch (UnprintedTextException e) {
      throw unprinted(id, language, e);
    }
  }

  /**
   * Renders the first language on this thread and the others on threads of their own, and fails as
   * the first of them that fails (in the order of the languages).
   */
  private List<LanguageEdition> renderSideBySide(
      WeekId id, List<Locale> languages, Set<Format> formats) {
    ExecutorService pool =
        Executors.newFixedThreadPool(
            languages.size() - 1,
            task -> {
              Thread thread = new Thread(task, "render-" + id + "-edition");
              thread.setDaemon(true);
              return thread;
            });
    try {
      List<Future<LanguageEdition>> others = new ArrayList<>();
      for (Locale language : languages.subList(1, languages.size())) {
        others.add(pool.submit(() -> render(id, language, formats)));
      }
      List<LanguageEdition> editions = new ArrayList<>();
      editions.add(render(id, languages.get(0), formats));
      for (Future<LanguageEdition> other : others) {
        editions.add(resultOf(other));
      }
      return editions;
    } finally {
      pool.shutdownNow();
    }
  }

  private static LanguageEdition resultOf(Future<LanguageEdition> edition) {
    try {
      return edition.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CancellationException("interrupted while rendering an edition");
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException runtime) {
        throw runtime;
      }
      if (e.getCause() instanceof Error error) {
        throw error;
      }
      throw new IllegalStateException(e.getCause());
    }
  }

  /**
   * The characters an edition's PDF could not draw, named at the texts of the data that hold them
   * (one problem per text), or, those no text holds, as text of the templates or messages.
   */
  private InvalidDataException unprinted(WeekId id, Locale language, UnprintedTextException e) {
    Map<Problem, List<UnprintedTextException.Unprinted>> byPlace = new LinkedHashMap<>();
    List<UnprintedTextException.Unprinted> elsewhere = new ArrayList<>();
    for (UnprintedTextException.Unprinted c : e.characters()) {
      List<Problem> places = data.placesOf(id, language, c.codePoint(), "");
      if (places.isEmpty()) {
        elsewhere.add(c);
      }
      places.forEach(place -> byPlace.computeIfAbsent(place, p -> new ArrayList<>()).add(c));
    }
    List<Problem> problems = new ArrayList<>();
    byPlace.forEach(
        (place, characters) ->
            problems.add(
                new Problem(
                    place.file(),
                    place.location(),
                    place.pointer(),
                    UnprintedTextException.problem(characters, e.edition())
                        + near(characters)
                        + "; write it another way, or name a font that has it in the"
                        + " font-family of the templates' style sheet")));
    if (!elsewhere.isEmpty()) {
      problems.add(
          new Problem(
              workspace.templates().toString(),
              Location.START,
              "",
              UnprintedTextException.problem(elsewhere, e.edition())
                  + near(elsewhere)
                  + "; it comes from the templates or messages: change that text"));
    }
    return new InvalidDataException(problems);
  }

  /** " (near '...')" with the text around the first of {@code characters}, if known. */
  private static String near(List<UnprintedTextException.Unprinted> characters) {
    String context = characters.get(0).context();
    return context.isEmpty() ? "" : " (near '" + context + "')";
  }

  private static String name(String file, Locale language, Config config) {
    return OutputLayout.inLanguage(file, language, config.mainLanguage());
  }

  public Workspace workspace() {
    return workspace;
  }

  /** The renderer, created on first use and shared by every thread. */
  public BulletinRenderer renderer() {
    return shared.renderer();
  }

  /** Runs one render of an edition once a core is free for it. */
  <T> T inRenderSlot(java.util.function.Supplier<T> render) {
    return shared.inSlot(render);
  }
}
