package org.certbulletin.service;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.certbulletin.files.OutputLayout;
import org.certbulletin.ingest.DataDirectory;
import org.certbulletin.ingest.WeekWriter;
import org.certbulletin.mail.DkimKeys;
import org.certbulletin.mail.ListDelivery;
import org.certbulletin.mail.ListEdition;
import org.certbulletin.mail.MailOpenPgp;
import org.certbulletin.mail.MailSender;
import org.certbulletin.mail.MailTransport;
import org.certbulletin.mail.MessageFactory;
import org.certbulletin.mail.OutboxSender;
import org.certbulletin.mail.RecipientKeyMissing;
import org.certbulletin.model.Bulletin;
import org.certbulletin.model.Config;
import org.certbulletin.model.DeliveryReport;
import org.certbulletin.model.DistributionList;
import org.certbulletin.model.Format;
import org.certbulletin.model.InvalidDataException;
import org.certbulletin.model.SmtpSettings;
import org.certbulletin.model.Tlp;
import org.certbulletin.model.Week;
import org.certbulletin.model.WeekId;
import org.certbulletin.pgp.Certificate;
import org.certbulletin.pgp.SigningKey;
import org.certbulletin.publish.InputFingerprint;
import org.certbulletin.render.MailBodies;
import org.certbulletin.store.Database;
import org.certbulletin.store.DeliveryLedger;
import org.simplejavamail.utils.mail.dkim.DkimSigner;
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

  public MailService(BulletinService bulletins, MailTransport transport) {
    this.bulletins = bulletins;
    this.transport = transport;
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
    DataDirectory data = bulletins.data();
    // the inputs' digest is taken before they are read: an edit in between only costs a render
    String key =
        new InputFingerprint(data, bulletins.workspace().templates()).of(id) + " " + list.name();
    Config main = data.config();
    Locale language = list.language().orElse(main.mainLanguage());
    Bulletin full = data.bulletin(id, language);
    if (!list.clearance().permits(full.week().tlp())) {
      throw InvalidDataException.of(
          data.weekFile(id).toString(),
          "refusing to send "
              + id
              + " to list '"
              + list.name()
              + "': the bulletin is marked "
              + full.week().tlp().label()
              + ", above the list's clearance "
              + list.clearance().label()
              + "; send it to a list cleared for it");
    }
    Bulletin bulletin = full.editionFor(list.clearance());
    Config config = bulletin.config();
    Week edition = bulletin.week();
    String attachment =
        config.issuer().shortName().replaceAll("[^A-Za-z0-9-]", "-")
            + "-"
            + id
            + "-"
            + edition.tlp().code().replace('+', '-')
            + (language.equals(config.mainLanguage()) ? "" : "-" + language.toLanguageTag())
            + ".pdf";
    Optional<String> web =
        edition.tlp() == Tlp.CLEAR
            ? config
                .site()
                .baseUrl()
                .map(
                    base ->
                        base
                            + OutputLayout.archivePath(
                                id,
                                OutputLayout.inLanguage(
                                    OutputLayout.HTML_FILE,
                                    config.languages().contains(language)
                                        ? language
                                        : config.mainLanguage(),
                                    config.mainLanguage())))
            : Optional.empty();
    EditionCache cache = new EditionCache(bulletins.layout().editionCache(id, list.name()));
    EditionCache.Entry rendered =
        cache
            .read(key)
            .orElseGet(
                () -> {
                  EditionCache.Entry fresh = render(bulletin, attachment, web, list);
                  cache.write(key, fresh);
                  return fresh;
                });
    return new ListEdition(list, edition, rendered.bodies(), rendered.pdf(), attachment);
  }

  private EditionCache.Entry render(
      Bulletin bulletin, String attachment, Optional<String> web, DistributionList list) {
    byte[] pdf =
        bulletins
            .renderer()
            .render(bulletin, WeekWriter.write(bulletin.week()), EnumSet.of(Format.PDF))
            .file(Format.PDF)
            .orElseThrow();
    MailBodies bodies =
        bulletins
            .renderer()
            .renderMail(
                bulletin,
                attachment,
                web,
                list.unsubscribe().map(DistributionList.Unsubscribe::mailto));
    return new EditionCache.Entry(bodies, pdf);
  }

  /**
   * Sends week {@code id}'s edition to the list called {@code listName}: only to recipients the
   * delivery ledger says are still due, so it can be run again at any time. Without SMTP settings,
   * or as a dry run, the messages go to {@code out/outbox/<week>/<list>/} and nothing is recorded.
   */
  public DeliveryReport send(WeekId id, String listName, SendOptions options)
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
    List<String> recipients = data.recipients(list);
    ListEdition edition = renderForList(id, list);
    Optional<DkimSigner> dkim = DkimKeys.signer(config.dkim(), options.environment());
    Optional<MailOpenPgp> openpgp = openPgp(list, options);
    if (options.dryRun() || config.smtp().isEmpty()) {
      return toOutbox(edition, config, recipients, dkim, openpgp, options);
    }
    SmtpSettings smtp = config.smtp().get();
    try (Database database = Database.open(config.state(), bulletins.layout());
        MailSender sender = transport.open(smtp, options.environment())) {
      DeliveryLedger ledger = new DeliveryLedger(database.dataSource());
      if (options.resendUncertain()) {
        int requeued =
            ledger.requeueUncertain(id.toString(), list.name(), options.clock().instant());
        log.warn(
            "{} {}: {} delivery(ies) with an unknown outcome queued again by request",
            id,
            list.name(),
            requeued);
      }
      MessageFactory messages = messages(edition, config, sender, dkim, openpgp);
      return new ListDelivery(
              ledger,
              new ListDelivery.Policy(
                  smtp.ratePerSecond(), smtp.retryAttempts(), smtp.retryBackoff()),
              options.clock())
          .deliver(edition, messages, recipients, sender, options.stopRequested());
    }
  }

  /**
   * Writes one message per recipient to the outbox. Stopped on request (SIGTERM), it keeps the
   * files written so far and reports the recipients not written as {@link
   * DeliveryReport#deferred()} with the reason {@link ListDelivery#STOPPED}: the outbox is then
   * incomplete.
   */
  private DeliveryReport toOutbox(
      ListEdition edition,
      Config config,
      List<String> recipients,
      Optional<DkimSigner> dkim,
      Optional<MailOpenPgp> openpgp,
      SendOptions options)
      throws IOException {
    WeekId id = edition.edition().id();
    Path folder = bulletins.layout().outbox(id, edition.list().name());
    Map<String, String> notWritten = new LinkedHashMap<>();
    try (OutboxSender sender = new OutboxSender(folder)) {
      MessageFactory messages = messages(edition, config, sender, dkim, openpgp);
      if (!options.force() && !recipients.isEmpty()) {
        checkOutboxSize(folder, messages.build(recipients.get(0)), recipients.size(), options);
      }
      sender.clear();
      boolean stopped = false;
      for (String recipient : recipients) {
        // SIGTERM or Ctrl-C: stop writing, keep what is written, report the rest as not written
        stopped = stopped || options.stopRequested().getAsBoolean();
        if (stopped) {
          notWritten.put(recipient, ListDelivery.STOPPED);
          continue;
        }
        try {
          sender.send(messages.build(recipient));
        } catch (RecipientKeyMissing e) {
          notWritten.put(recipient, e.getMessage());
        }
      }
    } catch (MessagingException e) {
      throw new IOException("cannot write the outbox " + folder + ": " + e.getMessage(), e);
    }
    return new DeliveryReport(
        id,
        edition.list().name(),
        edition.edition().tlp(),
        recipients.size(),
        0,
        0,
        Map.of(),
        notWritten,
        List.of(),
        Optional.of(folder));
  }

  /**
   * Refuses, before anything is written, an outbox that would take more than the limit: every
   * message carries the edition's PDF, so a large list can fill a disk.
   */
  private static void checkOutboxSize(
      Path folder, MimeMessage sample, int count, SendOptions options)
      throws IOException, MessagingException {
    ByteCounter counter = new ByteCounter();
    sample.writeTo(counter);
    long total = Math.multiplyExact(counter.count, (long) count);
    if (total > options.outboxLimit()) {
      throw InvalidDataException.of(
          folder.toString(),
          String.format(
              Locale.ROOT,
              "%d messages of about %.1f MB each would take about %.1f MB, more than the outbox"
                  + " limit of %.1f MB; nothing was written and the outbox was left as it was. Send"
                  + " with --force to write them anyway, or raise --outbox-limit",
              count,
              counter.count / 1e6,
              total / 1e6,
              options.outboxLimit() / 1e6));
    }
  }

  /** Counts what is written to it and keeps nothing. */
  private static final class ByteCounter extends OutputStream {

    private long count;

    @Override
    public void write(int b) {
      count++;
    }

    @Override
    public void write(byte[] b, int off, int len) {
      count += len;
    }
  }

  /**
   * The list's OpenPGP keys when {@code openpgp} is configured: the CERT's secret key from the
   * environment (a send without it is refused rather than sent unsigned, since readers are told to
   * expect signed mail) and, for a list that encrypts, its keyring.
   */
  private Optional<MailOpenPgp> openPgp(DistributionList list, SendOptions options) {
    DataDirectory data = bulletins.data();
    Optional<Certificate> published = data.signingCertificate();
    if (published.isEmpty()) {
      return Optional.empty();
    }
    Instant now = options.clock().instant();
    SigningKey key =
        SigningKey.load(
            published.get(),
            options.environment(),
            now,
            data.config().openpgp().orElseThrow().clockSkew());
    return Optional.of(new MailOpenPgp(key, data.keyring(list), now));
  }

  /**
   * The messages of {@code edition}, from the issuer as the edition's language names it (the
   * configured {@code from_name} wins).
   */
  private MessageFactory messages(
      ListEdition edition,
      Config main,
      MailSender sender,
      Optional<DkimSigner> dkim,
      Optional<MailOpenPgp> openpgp) {
    Config config = bulletins.data().config(edition.list().language().orElse(main.mainLanguage()));
    String from = config.smtp().map(SmtpSettings::from).orElse(config.issuer().contact().email());
    try {
      return new MessageFactory(
          edition,
          config.issuer(),
          from,
          config.smtp().flatMap(SmtpSettings::fromName),
          sender.session(),
          dkim,
          openpgp);
    } catch (MessagingException e) {
      throw InvalidDataException.of(
          config.issuer().name(),
          "cannot prepare messages for list '" + edition.list().name() + "': " + e.getMessage());
    }
  }
}
