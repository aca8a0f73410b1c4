package org.certbulletin.service;

import jakarta.mail.Session;
import java.io.IOException;
import java.time.Clock;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import org.certbulletin.ingest.DataDirectory;
import org.certbulletin.ingest.WeekWriter;
import org.certbulletin.mail.DkimKeys;
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
import org.certbulletin.model.Bulletin;
import org.certbulletin.model.Config;
import org.certbulletin.model.DeliveryReport;
import org.certbulletin.model.DistributionList;
import org.certbulletin.model.Format;
import org.certbulletin.model.InvalidDataException;
import org.certbulletin.model.SmtpSettings;
import org.certbulletin.model.Week;
import org.certbulletin.model.WeekId;
import org.certbulletin.publish.InputFingerprint;
import org.certbulletin.render.MailBodies;
import org.certbulletin.store.Database;
import org.certbulletin.store.DeliveryLedger;
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
    DataDirectory data = bulletins.data();
    // the inputs' digest is taken before they are read: an edit in between only costs a render
    String key =
        new InputFingerprint(data, bulletins.workspace().templates()).of(id) + " " + list.name();
    Config main = data.config();
    Locale language = list.language().orElse(main.mainLanguage());
    Bulletin full = data.bulletin(id, language);
    ListClearance.check(list, id, full.week().tlp(), data.weekFile(id).toString());
    Bulletin bulletin = full.editionFor(list.clearance());
    Week edition = bulletin.week();
    EditionParts parts = EditionParts.of(bulletin.config(), id, edition.tlp(), language);
    EditionCache cache = new EditionCache(bulletins.layout().editionCache(id, list.name()));
    EditionCache.Entry rendered =
        cache
            .read(key)
            .orElseGet(
                () -> {
                  EditionCache.Entry fresh = render(bulletin, parts, list);
                  cache.write(key, fresh);
                  return fresh;
                });
    return new ListEdition(
        list, edition, rendered.bodies(), rendered.pdf(), parts.attachmentName());
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
    Outgoing outgoing = reviews.outgoing(bulletins);
    if (!outgoing.leaves(id) && bulletins.data().weeks().contains(id)) {
      throw ServiceFailure.Conflict.state(id + " may not be sent yet: " + outgoing.whyNot(id));
    }
    if (outgoing.approvalRequired() || !outgoing.withheld().isEmpty()) {
      return new MailService(bulletins.releasing(outgoing), transport, reviews)
          .deliver(id, listName, options);
    }
    return deliver(id, listName, options);
  }

  private DeliveryReport deliver(WeekId id, String listName, SendOptions options)
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
    MessagePlan plan =
        new MessagePlan(
            edition,
            DkimKeys.signer(config.dkim(), options.environment()),
            MailOpenPgp.of(
                data.signingCertificate(),
                () -> data.config().openpgp().orElseThrow(),
                options.environment(),
                options.clock(),
                () -> data.keyring(list)));
    if (options.dryRun() || config.smtp().isEmpty()) {
      return new OutboxDelivery(
              bulletins.layout().outbox(id, list.name()),
              new OutboxLimit(options.outboxLimit(), options.force()),
              options.stopRequested())
          .deliver(edition, session -> messages(plan, config, session), recipients);
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
      MessageFactory messages = messages(plan, config, sender.session());
      return new ListDelivery(ledger, ListDelivery.Policy.of(smtp), options.clock())
          .deliver(edition, messages, recipients, sender, options.stopRequested());
    }
  }

  /** The messages of {@code plan}, headed as the edition's language names the issuer. */
  private MessageFactory messages(MessagePlan plan, Config main, Session session) {
    return plan.messages(
        bulletins.data().config(plan.edition().list().language().orElse(main.mainLanguage())),
        session);
  }
}
