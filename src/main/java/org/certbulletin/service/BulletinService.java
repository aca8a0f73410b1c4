package org.certbulletin.service;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.TreeMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.certbulletin.ingest.DataDirectory;
import org.certbulletin.ingest.InvalidDataException;
import org.certbulletin.ingest.Location;
import org.certbulletin.ingest.Problem;
import org.certbulletin.ingest.WeekWriter;
import org.certbulletin.model.Bulletin;
import org.certbulletin.model.Week;
import org.certbulletin.model.WeekId;
import org.certbulletin.mail.DeliveryReport;
import org.certbulletin.mail.DkimKeys;
import org.certbulletin.mail.ListDelivery;
import org.certbulletin.mail.ListEdition;
import org.certbulletin.mail.MessageFactory;
import org.certbulletin.mail.OutboxSender;
import org.certbulletin.mail.SmtpSender;
import org.certbulletin.model.Config;
import org.certbulletin.model.DistributionList;
import org.certbulletin.model.Issuer;
import org.certbulletin.model.SmtpSettings;
import org.certbulletin.model.Tlp;
import org.certbulletin.publish.ArchivePublisher;
import org.certbulletin.files.AtomicFiles;
import org.certbulletin.publish.BatchRenderer;
import org.certbulletin.publish.ProgressListener;
import org.certbulletin.files.LockFile;
import org.certbulletin.publish.PublishReport;
import org.certbulletin.publish.WeekFailure;
import org.certbulletin.publish.EditionFiles;
import org.certbulletin.files.OutputLayout;
import org.certbulletin.render.BulletinRenderer;
import org.certbulletin.render.Format;
import org.certbulletin.render.MailBodies;
import org.certbulletin.render.RenderedBulletin;
import org.certbulletin.store.Database;
import org.certbulletin.store.DeliveryLedger;
import org.simplejavamail.utils.mail.dkim.DkimSigner;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The operations the command line and the scheduler offer: validate, build, and later publish and send. */
public final class BulletinService {

  private static final Logger log = LoggerFactory.getLogger(BulletinService.class);

  private final Workspace workspace;
  private final DataDirectory data;
  private final OutputLayout layout;
  private BulletinRenderer renderer;

  public BulletinService(Workspace workspace) {
    this.workspace = workspace;
    this.data = new DataDirectory(workspace.data());
    this.layout = new OutputLayout(workspace.out());
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
      throw InvalidDataException.of(new Problem(workspace.data().resolve("weeks").toString(), Location.START, "",
          "no week files found; add one named like 2024-W51.json"));
    }
    return weeks.get(weeks.size() - 1);
  }

  /** Every problem in the configuration and the given weeks (all weeks if none are given). */
  public List<Problem> validate(List<WeekId> weeks) {
    List<Problem> problems = new ArrayList<>();
    if (weeks.isEmpty()) {
      for (Path stray : data.strayFiles()) {
        problems.add(new Problem(stray.toString(), Location.START, "",
            "file name is not an ISO week, so this file is ignored; rename it like 2024-W51.json"));
      }
    }
    problems.addAll(data.validate(weeks.isEmpty() ? data.weeks() : weeks));
    return problems;
  }

  /**
   * Renders one week's edition at its own TLP and writes it to the output folder. Everything is
   * rendered before anything is written, and each file is replaced atomically, so a failure
   * leaves what was there before.
   */
  public BuildResult build(WeekId id, Set<Format> formats) {
    return write(render(id, formats));
  }

  /**
   * Builds every week on all cores. A week that cannot be built is reported and does not stop the
   * others.
   */
  public BatchReport buildAll(Set<Format> formats, ProgressListener progress) throws InterruptedException {
    List<WeekId> weeks = data.weeks();
    List<BuildResult> built = new ArrayList<>();
    Map<WeekId, WeekFailure> failed = new TreeMap<>();
    progress.start("build", weeks.size());
    BatchRenderer.perCore().run(weeks, week -> render(week, formats), outcome -> {
      if (outcome.failure().isPresent()) {
        failed.put(outcome.week(), WeekFailure.of(outcome.failure().get()));
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
   * Brings the public archive in {@code out/site} up to date: see {@link ArchivePublisher}.
   */
  public PublishReport publish(ProgressListener progress) throws IOException, InterruptedException {
    return new ArchivePublisher(data, workspace.templates(), layout, week -> render(week, EnumSet.allOf(Format.class)),
        BatchRenderer.perCore(), progress).publish();
  }

  private BuildResult write(EditionFiles edition) {
    WeekId id = edition.edition().id();
    boolean clear = edition.edition().tlp() == Tlp.CLEAR;
    Path folder = layout.weekFolder(id, edition.edition().tlp());
    List<Path> written = new ArrayList<>();
    List<Path> unchanged = new ArrayList<>();
    try (LockFile lock = LockFile.acquire(layout.publishLock(), "publish")) {
      for (Map.Entry<String, byte[]> file : edition.files().entrySet()) {
        Path target = folder.resolve(file.getKey());
        boolean changed = clear ? AtomicFiles.writePublic(target, file.getValue()) : AtomicFiles.write(target, file.getValue());
        (changed ? written : unchanged).add(target);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + folder + ": " + e.getMessage(), e);
    }
    log.info("built {} ({}): {} written, {} unchanged", id, edition.edition().tlp().label(), written.size(),
        unchanged.size());
    return new BuildResult(id, edition.edition().tlp(), folder, written, unchanged);
  }

  /** Renders one week's edition at its own TLP in memory: {@code bulletin.json} and the asked formats. */
  public EditionFiles render(WeekId id, Set<Format> formats) {
    Bulletin bulletin = data.bulletin(id);
    bulletin = bulletin.editionFor(bulletin.week().tlp());
    Week edition = bulletin.week();
    byte[] json = WeekWriter.write(edition);
    RenderedBulletin rendered = renderer().render(bulletin, json, formats);
    Map<String, byte[]> files = new LinkedHashMap<>();
    files.put(OutputLayout.JSON_FILE, json);
    rendered.files().forEach((format, bytes) -> files.put(format.fileName(), bytes));
    return new EditionFiles(edition, files);
  }

  /**
   * Renders the edition of week {@code id} that {@code list} may receive: everything above its
   * clearance left out, in its language, with the email bodies and the edition's PDF.
   *
   * @throws IllegalArgumentException if the bulletin itself is marked above the list's clearance
   */
  public ListEdition renderForList(WeekId id, DistributionList list) {
    Bulletin full = data.bulletin(id);
    if (!list.clearance().permits(full.week().tlp())) {
      throw new IllegalArgumentException("refusing to send " + id + " to list '" + list.name() + "': the bulletin is"
          + " marked " + full.week().tlp().label() + ", above the list's clearance " + list.clearance().label());
    }
    Bulletin cut = full.editionFor(list.clearance());
    Week edition = cut.week();
    Config config = full.config();
    if (list.language().isPresent()) {
      config = config.withIssuer(config.issuer().withLanguage(list.language().get()));
    }
    Bulletin bulletin = new Bulletin(edition, cut.previous(), cut.history(), config);
    byte[] pdf = renderer().render(bulletin, WeekWriter.write(edition), EnumSet.of(Format.PDF))
        .file(Format.PDF).orElseThrow();
    String attachment = config.issuer().shortName().replaceAll("[^A-Za-z0-9-]", "-") + "-" + id + "-"
        + edition.tlp().code().replace('+', '-') + ".pdf";
    Optional<String> web = edition.tlp() == Tlp.CLEAR
        ? config.site().baseUrl().map(base -> base.toString() + OutputLayout.archivePath(id, OutputLayout.HTML_FILE))
        : Optional.empty();
    MailBodies bodies = renderer().renderMail(bulletin, attachment, web,
        list.unsubscribe().map(DistributionList.Unsubscribe::mailto));
    return new ListEdition(list, edition, bodies, pdf, attachment);
  }

  /**
   * Sends week {@code id}'s edition to the list called {@code listName}: only to recipients the
   * delivery ledger says are still due, so it can be run again at any time. Without SMTP settings,
   * or as a dry run, the messages go to {@code out/outbox/<week>/<list>/} and nothing is recorded.
   */
  public DeliveryReport send(WeekId id, String listName, SendOptions options) throws IOException, InterruptedException {
    Config config = data.config();
    DistributionList list = config.list(listName).orElseThrow(() -> new IllegalArgumentException("no list '" + listName
        + "' in " + data.configFile() + "; lists: " + String.join(", ", config.lists().stream()
            .map(DistributionList::name).toList())));
    List<String> recipients = data.recipients(list);
    ListEdition edition = renderForList(id, list);
    Optional<DkimSigner> dkim = DkimKeys.signer(config.dkim(), options.environment());
    boolean outbox = options.dryRun() || config.smtp().isEmpty();
    String from = config.smtp().map(SmtpSettings::from).orElse(config.issuer().contact().email());
    Optional<String> fromName = config.smtp().flatMap(SmtpSettings::fromName);
    if (outbox) {
      Path folder = layout.outbox(id, list.name());
      try (OutboxSender sender = new OutboxSender(folder)) {
        MessageFactory messages = new MessageFactory(edition, config.issuer(), from, fromName,
            jakarta.mail.Session.getInstance(new java.util.Properties()), dkim);
        for (String recipient : recipients) {
          sender.send(messages.build(recipient));
        }
      } catch (jakarta.mail.MessagingException e) {
        throw new IOException("cannot write the outbox: " + e.getMessage(), e);
      }
      return new DeliveryReport(id, list.name(), edition.edition().tlp(), recipients.size(), 0, 0, Map.of(), Map.of(),
          List.of(), Optional.of(folder));
    }
    SmtpSettings smtp = config.smtp().get();
    try (Database database = Database.open(config.state(), layout);
         SmtpSender sender = new SmtpSender(smtp, options.environment())) {
      DeliveryLedger ledger = new DeliveryLedger(database.dataSource());
      if (options.resendUncertain()) {
        int requeued = ledger.requeueUncertain(id.toString(), list.name(), options.clock().instant());
        log.warn("{} {}: {} delivery(ies) with an unknown outcome queued again by request", id, list.name(), requeued);
      }
      MessageFactory messages;
      try {
        messages = new MessageFactory(edition, config.issuer(), from, fromName, sender.session(), dkim);
      } catch (jakarta.mail.MessagingException e) {
        throw new IllegalArgumentException("cannot prepare messages for '" + list.name() + "': " + e.getMessage(), e);
      }
      return new ListDelivery(ledger, new ListDelivery.Policy(smtp.ratePerSecond(), smtp.retryAttempts(),
          smtp.retryBackoff()), options.clock()).deliver(edition, messages, recipients, sender);
    }
  }

  public Workspace workspace() {
    return workspace;
  }

  /** The renderer, created on first use and shared by every thread. */
  public synchronized BulletinRenderer renderer() {
    if (renderer == null) {
      renderer = new BulletinRenderer(workspace.templates());
    }
    return renderer;
  }
}
