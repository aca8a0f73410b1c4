package org.certbulletin.service;

import jakarta.mail.Session;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.certbulletin.files.Digests;
import org.certbulletin.ingest.DataDirectory;
import org.certbulletin.ingest.WeekWriter;
import org.certbulletin.mail.CorrectionRecipients;
import org.certbulletin.mail.DkimKeys;
import org.certbulletin.mail.EditionGroup;
import org.certbulletin.mail.EditionParts;
import org.certbulletin.mail.ListClearance;
import org.certbulletin.mail.ListDelivery;
import org.certbulletin.mail.ListEdition;
import org.certbulletin.mail.MailOpenPgp;
import org.certbulletin.mail.MailSender;
import org.certbulletin.mail.MailTransport;
import org.certbulletin.mail.MessageFactory;
import org.certbulletin.mail.MessagePlan;
import org.certbulletin.mail.OutboxDelivery;
import org.certbulletin.mail.OutboxLimit;
import org.certbulletin.mail.SubscriberHeaders;
import org.certbulletin.model.Bulletin;
import org.certbulletin.model.Config;
import org.certbulletin.model.DeliveryReport;
import org.certbulletin.model.DistributionList;
import org.certbulletin.model.Format;
import org.certbulletin.model.InvalidDataException;
import org.certbulletin.model.ProgramName;
import org.certbulletin.model.Recipient;
import org.certbulletin.model.SmtpSettings;
import org.certbulletin.model.Tlp;
import org.certbulletin.model.Week;
import org.certbulletin.model.WeekId;
import org.certbulletin.publish.InputFingerprint;
import org.certbulletin.render.MailBodies;
import org.certbulletin.render.MailChoice;
import org.certbulletin.store.Database;
import org.certbulletin.store.DeliveryLedger;
import org.certbulletin.store.Subscribers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Emails a week's bulletin to a distribution list: renders the edition the list may receive and
 * sends it to every recipient the delivery ledger says is still due, through a {@link
 * MailTransport}.
 */
public final class MailService {

  private static final Logger log = LoggerFactory.getLogger(MailService.class);

  private final BulletinService bulletins;
  private final MailTransport transport;
  private final ReviewDesk reviews;

  /**
   * Email of {@code bulletins}'s weeks through {@code transport}, for a configuration without
   * {@code approval} (a week is sent unless its release time is still ahead).
   */
  public MailService(BulletinService bulletins, MailTransport transport) {
    this(
        bulletins,
        transport,
        new ReviewDesk(
            () -> {
              throw new IllegalStateException("this mail service has no state database");
            },
            Clock.systemUTC(),
            () -> bulletins.data().config().approval()));
  }

  /** Email of the weeks {@code reviews} lets out, each as approved. */
  MailService(BulletinService bulletins, MailTransport transport, ReviewDesk reviews) {
    this.bulletins = bulletins;
    this.transport = transport;
    this.reviews = reviews;
  }

  /**
   * Renders the edition of week {@code id} that {@code list} may receive: everything above its
   * clearance left out, in its language, with the email bodies and the edition's PDF. The rendered
   * edition is kept in {@code out/state/editions/} under the digest of its inputs, so a send run
   * again (after a crash, say) reuses it unless an input changed, and sends the same bytes.
   *
   * @throws InvalidDataException if the bulletin itself is marked above the list's clearance
   */
  public ListEdition renderForList(WeekId id, DistributionList list) {
    return renderForList(id, list, 1, list.name());
  }

  /**
   * Renders as above, as version {@code version} of the week, keeping it in the state file named
   * {@code cacheName}.
   */
  private ListEdition renderForList(
      WeekId id, DistributionList list, int version, String cacheName) {
    return whole(id, list, version, cacheName).edition();
  }

  /** Renders as above, with what the edition was rendered from. */
  private ReaderEditions.Whole whole(
      WeekId id, DistributionList list, int version, String cacheName) {
    DataDirectory data = bulletins.data();
    // the inputs' digest is taken before they are read: an edit in between only costs a render
    String fingerprint =
        new InputFingerprint(data, bulletins.workspace().templates()).of(id) + " " + list.name();
    Config main = data.config();
    Locale language = list.language().orElse(main.mainLanguage());
    Bulletin full = data.bulletin(id, language);
    ListClearance.check(list, id, full.week().tlp(), data.weekFile(id).toString());
    Bulletin bulletin = full.editionFor(list.clearance());
    // the version it is shown as comes from the state database, not the files: part of the key
    String key =
        bulletin
            .revision()
            .map(
                r ->
                    fingerprint
                        + " "
                        + language.toLanguageTag()
                        + " "
                        + Digests.sha256(r.toString().getBytes(StandardCharsets.UTF_8)))
            .orElse(fingerprint);
    Week edition = bulletin.week();
    EditionParts parts = EditionParts.of(bulletin.config(), id, edition.tlp(), language);
    EditionCache cache = new EditionCache(bulletins.layout().editionCache(id, cacheName));
    EditionCache.Entry rendered =
        cache
            .read(key)
            .orElseGet(
                () -> {
                  EditionCache.Entry fresh = render(bulletin, parts, list);
                  cache.write(key, fresh);
                  return fresh;
                });
    return new ReaderEditions.Whole(
        new ListEdition(
            list, edition, rendered.bodies(), rendered.pdf(), parts.attachmentName(), version),
        bulletin,
        key,
        parts.webPage());
  }

  private EditionCache.Entry render(Bulletin bulletin, EditionParts parts, DistributionList list) {
    byte[] pdf =
        bulletins
            .renderer()
            .render(bulletin, WeekWriter.write(bulletin), EnumSet.of(Format.PDF))
            .file(Format.PDF)
            .orElseThrow();
    MailBodies bodies =
        bulletins
            .renderer()
            .renderMail(
                bulletin,
                parts.attachmentName(),
                parts.webPage(),
                list.unsubscribe().map(DistributionList.Unsubscribe::mailto),
                SubscriberPages.manage(bulletins.data().config()),
                MailChoice.WHOLE);
    return new EditionCache.Entry(bodies, pdf);
  }

  /**
   * The editions of a first send of week {@code id}: the list's own in its language, kept in the
   * state file named after the list, and one in each other language its readers chose.
   */
  private ReaderEditions readerEditions(WeekId id, DistributionList list, int version) {
    Config config = bulletins.data().config();
    Locale own = list.language().orElse(config.mainLanguage());
    return new ReaderEditions(
        bulletins,
        id,
        list,
        language ->
            language.equals(own)
                ? whole(id, list, version, list.name())
                : whole(
                    id,
                    list.inLanguage(language),
                    version,
                    list.name() + "." + language.toLanguageTag().toLowerCase(Locale.ROOT)),
        SubscriberPages.manage(config));
  }

  /**
   * Sends week {@code id}'s edition to the list called {@code listName}: only to recipients the
   * delivery ledger says are still due, so it can be run again at any time. Without SMTP settings,
   * or as a dry run, the messages go to {@code out/outbox/<week>/<list>/} and nothing is recorded.
   *
   * <p>When the week's version is a correction (2 or later) and the ledger shows the list was sent
   * an earlier version, this sends the correction instead: to exactly the recipients the ledger
   * shows received an earlier version and who are still on the list, once each, in the language and
   * TLP edition of their list, under the ledger's key of the version ({@code 2024-W51/v2}); see
   * {@link CorrectionRecipients}. A list never sent an earlier version is sent the current version
   * as a first send, under the same key.
   */
  public DeliveryReport send(WeekId id, String listName, SendOptions options)
      throws IOException, InterruptedException {
    Outgoing outgoing = reviews.outgoing(bulletins);
    if (!outgoing.leaves(id) && bulletins.data().weeks().contains(id)) {
      throw ServiceFailure.Conflict.state(id + " may not be sent yet: " + outgoing.whyNot(id));
    }
    if (outgoing.toPublish().contains(id)) {
      // sent before it is published, an edit could still send it back to draft: once mailed, a
      // version must stay as it was, so mail follows the archive
      throw ServiceFailure.Conflict.state(
          id
              + " version "
              + outgoing.versions().get(id)
              + " is approved but not published yet; publish it first ("
              + ProgramName.command("publish")
              + "), then send it");
    }
    int version = outgoing.versions().getOrDefault(id, 1);
    if (outgoing.approvalRequired() || !outgoing.withheld().isEmpty()) {
      return new MailService(bulletins.releasing(outgoing), transport, reviews)
          .deliver(id, listName, version, options);
    }
    return deliver(id, listName, version, options);
  }

  private DeliveryReport deliver(WeekId id, String listName, int version, SendOptions options)
      throws IOException, InterruptedException {
    DataDirectory data = bulletins.data();
    Config config = data.config();
    DistributionList list =
        config
            .list(listName)
            .orElseThrow(
                () ->
                    InvalidDataException.of(
                        data.configFile().toString(),
                        "no list '"
                            + listName
                            + "'; lists: "
                            + String.join(
                                ", ",
                                config.lists().stream().map(DistributionList::name).toList())));
    List<String> configured = data.recipients(list);
    SubscriberHeaders headers = SubscriberPages.headers(config, list, options);
    try (Database database = Database.open(config.state(), bulletins.layout())) {
      List<Recipient> recipients = recipients(list, configured, database, options.clock());
      List<String> addresses = recipients.stream().map(Recipient::address).toList();
      if (config.smtp().isEmpty() || (options.dryRun() && version == 1)) {
        return toOutbox(id, list, version, recipients, headers, options);
      }
      SmtpSettings smtp = config.smtp().get();
      String key = CorrectionRecipients.key(id, version);
      DeliveryLedger ledger = new DeliveryLedger(database.dataSource());
      Optional<CorrectionRecipients> correction =
          CorrectionRecipients.of(
              ledger,
              id,
              version,
              list.name(),
              addresses,
              list.language().orElse(config.mainLanguage()).toLanguageTag(),
              options.resendUncertain());
      if (options.dryRun()) {
        return correction.isPresent()
            ? new Correcting(id, list, version, correction.get(), recipients, headers, options)
                .toOutbox()
            : toOutbox(id, list, version, recipients, headers, options);
      }
      if (options.resendUncertain()) {
        int requeued = ledger.requeueUncertain(key, list.name(), options.clock().instant());
        log.warn(
            "{} {}: {} delivery(ies) with an unknown outcome queued again by request",
            key,
            list.name(),
            requeued);
      }
      if (correction.isPresent()) {
        return new Correcting(id, list, version, correction.get(), recipients, headers, options)
            .send(ledger, smtp);
      }
      List<EditionGroup> groups =
          groups(
              readerEditions(id, list, version).parts(recipients, Optional.empty()),
              headers,
              options);
      try (MailSender sender = transport.open(smtp, options.environment())) {
        return new ListDelivery(ledger, ListDelivery.Policy.of(smtp), options.clock())
            .deliver(key, groups, sender, options.stopRequested());
      }
    }
  }

  /**
   * The list's recipients, each with what they chose: the addresses of {@code config.json} and the
   * recipients file ({@code configured}), and the list's active subscribers in the state database,
   * less the addresses suspended, unsubscribed or forgotten there.
   */
  private static List<Recipient> recipients(
      DistributionList list, List<String> configured, Database database, Clock clock) {
    Subscribers store = new Subscribers(database.dataSource());
    // each send also clears the requests never confirmed past their retention: a list nobody
    // joins for a while keeps none
    Instant now = clock.instant();
    store.purge(now.minus(Subscriptions.UNCONFIRMED_RETENTION), now);
    return Subscriptions.recipients(store, list, configured);
  }

  /** Writes each reader's edition to the outbox; records nothing. */
  private DeliveryReport toOutbox(
      WeekId id,
      DistributionList list,
      int version,
      List<Recipient> recipients,
      SubscriberHeaders headers,
      SendOptions options)
      throws IOException {
    List<EditionGroup> groups =
        groups(
            readerEditions(id, list, version).parts(recipients, Optional.empty()),
            headers,
            options);
    return new OutboxDelivery(
            bulletins.layout().outbox(id, list.name()),
            new OutboxLimit(options.outboxLimit(), options.force()),
            options.stopRequested())
        .deliver(groups);
  }

  /**
   * The parts' editions as groups to deliver, each with its messages; a list without readers gets
   * one group, of none, so that its report names its edition.
   */
  private List<EditionGroup> groups(
      List<ReaderEditions.Part> parts, SubscriberHeaders headers, SendOptions options) {
    List<EditionGroup> groups = new ArrayList<>();
    for (ReaderEditions.Part part : parts) {
      ListEdition edition = part.edition();
      MessagePlan plan = plan(edition, headers, options);
      Config config = bulletins.data().config();
      groups.add(
          new EditionGroup(
              part.language().toLanguageTag(),
              edition,
              session -> messages(plan, config, session),
              part.addresses()));
    }
    return groups;
  }

  /** The signing and encryption of {@code edition}'s messages, and their per-delivery headers. */
  private MessagePlan plan(ListEdition edition, SubscriberHeaders headers, SendOptions options) {
    DataDirectory data = bulletins.data();
    DistributionList list = edition.list();
    return new MessagePlan(
        edition,
        DkimKeys.signer(data.config().dkim(), options.environment()),
        MailOpenPgp.of(
            data.signingCertificate(),
            () -> data.config().openpgp().orElseThrow(),
            options.environment(),
            options.clock(),
            () -> data.keyring(list)),
        headers);
  }

  /**
   * A correction of a list: each group of its recipients (by their edition's language) sent its
   * edition of the current version, under the version's ledger key; within a language, readers who
   * chose sectors or products get their own edition of it, as a first send does.
   */
  private final class Correcting {
    private final WeekId id;
    private final DistributionList list;
    private final int version;
    private final CorrectionRecipients recipients;
    private final Map<String, Recipient> chosen = new HashMap<>();
    private final SubscriberHeaders headers;
    private final SendOptions options;
    private final ReaderEditions editions;

    Correcting(
        WeekId id,
        DistributionList list,
        int version,
        CorrectionRecipients recipients,
        List<Recipient> current,
        SubscriberHeaders headers,
        SendOptions options) {
      this.id = id;
      this.list = list;
      this.version = version;
      this.recipients = recipients;
      current.forEach(r -> chosen.putIfAbsent(r.address(), r));
      this.headers = headers;
      this.options = options;
      this.editions =
          new ReaderEditions(
              bulletins,
              id,
              list,
              locale ->
                  whole(
                      id,
                      list.inLanguage(locale),
                      version,
                      list.name()
                          + ".v"
                          + version
                          + "."
                          + locale.toLanguageTag().toLowerCase(Locale.ROOT)),
              SubscriberPages.manage(bulletins.data().config()));
    }

    DeliveryReport send(DeliveryLedger ledger, SmtpSettings smtp) throws InterruptedException {
      String key = CorrectionRecipients.key(id, version);
      log.info(
          "{} {}: correction, version {}: to the {} recipient(s) the ledger shows received an"
              + " earlier version{}",
          id,
          list.name(),
          version,
          recipients.size(),
          recipients.left().isEmpty()
              ? ""
              : "; " + recipients.left().size() + " of them left the list since");
      List<DeliveryReport> reports = new ArrayList<>();
      if (recipients.size() > 0) {
        List<EditionGroup> groups = new ArrayList<>();
        for (Map.Entry<String, List<String>> group : recipients.groups().entrySet()) {
          groups.addAll(groups(group.getKey(), group.getValue()));
        }
        try (MailSender sender = transport.open(smtp, options.environment())) {
          reports.add(
              new ListDelivery(ledger, ListDelivery.Policy.of(smtp), options.clock())
                  .deliver(key, groups, sender, options.stopRequested()));
        }
      }
      DeliveryReport report = combined(reports, Optional.empty());
      if (report.sent() == 0 && report.deferred().isEmpty()) {
        log.info(
            "{} {}: correction, version {}: nothing left to send ({} already sent it)",
            id,
            list.name(),
            version,
            report.alreadySent());
      }
      return report;
    }

    DeliveryReport toOutbox() throws IOException {
      List<DeliveryReport> reports = new ArrayList<>();
      Path folder = bulletins.layout().outbox(id, list.name()).resolve("v" + version);
      for (Map.Entry<String, List<String>> group : recipients.groups().entrySet()) {
        reports.add(
            new OutboxDelivery(
                    folder.resolve(group.getKey().toLowerCase(Locale.ROOT)),
                    new OutboxLimit(options.outboxLimit(), options.force()),
                    options.stopRequested())
                .deliver(groups(group.getKey(), group.getValue())));
      }
      return combined(reports, Optional.of(folder));
    }

    /**
     * The editions of the current version for {@code addresses}, whose earlier version was in
     * {@code language}: at the list's clearance, by their choice, and recorded in that language.
     */
    private List<EditionGroup> groups(String language, List<String> addresses) {
      Locale locale = Locale.forLanguageTag(language);
      Config config = bulletins.data().config();
      if (!config.languages().contains(locale)) {
        log.warn(
            "{} {}: {} is no longer one of the bulletin's languages; those who read it get the"
                + " list's edition",
            id,
            list.name(),
            language);
        locale = list.language().orElse(config.mainLanguage());
      }
      List<Recipient> readers =
          addresses.stream().map(a -> chosen.getOrDefault(a, Recipient.of(a))).toList();
      List<EditionGroup> groups = new ArrayList<>();
      for (EditionGroup group :
          MailService.this.groups(editions.parts(readers, Optional.of(locale)), headers, options)) {
        groups.add(
            new EditionGroup(language, group.edition(), group.messages(), group.recipients()));
      }
      return groups;
    }

    /** The groups' reports as one, with the earlier versions' uncertain and in-flight ones. */
    private DeliveryReport combined(List<DeliveryReport> reports, Optional<Path> outbox) {
      Map<String, String> failed = new TreeMap<>();
      Map<String, String> deferred = new TreeMap<>(recipients.inFlight());
      List<String> uncertain = new ArrayList<>(recipients.uncertain());
      int count = 0;
      int sent = 0;
      int alreadySent = 0;
      Tlp tlp = null;
      for (DeliveryReport report : reports) {
        count += report.recipients();
        sent += report.sent();
        alreadySent += report.alreadySent();
        failed.putAll(report.failed());
        deferred.putAll(report.deferred());
        uncertain.addAll(report.uncertain());
        tlp = tlp == null ? report.edition() : tlp.max(report.edition());
      }
      if (tlp == null) {
        // nothing rendered: the label the list's edition carries
        DataDirectory data = bulletins.data();
        tlp =
            data.bulletin(id, list.language().orElse(data.config().mainLanguage()))
                .editionFor(list.clearance())
                .week()
                .tlp();
      }
      return new DeliveryReport(
          id,
          list.name(),
          tlp,
          count,
          sent,
          alreadySent,
          failed,
          deferred,
          uncertain,
          outbox,
          Optional.of(new DeliveryReport.Correction(version, recipients.earlierRecipients())));
    }
  }

  /** The messages of {@code plan}, headed as the edition's language names the issuer. */
  private MessageFactory messages(MessagePlan plan, Config main, Session session) {
    return plan.messages(
        bulletins.data().config(plan.edition().list().language().orElse(main.mainLanguage())),
        session);
  }
}
