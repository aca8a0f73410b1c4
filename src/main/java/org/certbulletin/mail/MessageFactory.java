package org.certbulletin.mail;

import jakarta.activation.DataHandler;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.internet.MimeUtility;
import jakarta.mail.util.ByteArrayDataSource;
import java.io.UnsupportedEncodingException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import org.certbulletin.files.Digests;
import org.certbulletin.model.DistributionList;
import org.certbulletin.model.EmailAddress;
import org.certbulletin.model.Issuer;
import org.certbulletin.pgp.Keyring;
import org.certbulletin.store.DeliveryLedger;
import org.simplejavamail.utils.mail.dkim.DkimMessage;
import org.simplejavamail.utils.mail.dkim.DkimSigner;

/**
 * Builds one message per recipient for a list's edition: {@code multipart/mixed} holding the body
 * ({@code multipart/alternative} of plain text and HTML, or plain text alone) and the PDF. The body
 * is built and encoded once and shared; only the headers differ between recipients. The Message-ID
 * is the same for every attempt to the same recipient of the same edition, so a receiver can tell a
 * repeat.
 *
 * <p>With OpenPGP, the body is signed once for all the recipients of the edition (it is the same
 * for each of them: the per-recipient unsubscribe link is a header, the return path is the
 * envelope's, both outside the signature): PGP/MIME, or for a text list that asks for it, a
 * clear-signed text and a signed PDF. A list that encrypts encrypts that signed body to each
 * recipient's key, message by message.
 */
public final class MessageFactory {

  private final ListEdition edition;
  private final Session session;
  private final InternetAddress from;
  private final String domain;
  private final String listId;
  private final Optional<DkimSigner> dkim;
  private final Optional<MailOpenPgp> openpgp;
  private final PreparedContent content;
  private final String subject;
  private final SubscriberHeaders subscriberHeaders;

  public MessageFactory(
      ListEdition edition,
      Issuer issuer,
      String fromAddress,
      Optional<String> fromName,
      Session session,
      Optional<DkimSigner> dkim,
      Optional<MailOpenPgp> openpgp)
      throws MessagingException {
    this(edition, issuer, fromAddress, fromName, session, dkim, openpgp, SubscriberHeaders.NONE);
  }

  /**
   * Messages as above, each with the unsubscribe link and return path {@code subscriberHeaders}
   * makes for its delivery.
   */
  public MessageFactory(
      ListEdition edition,
      Issuer issuer,
      String fromAddress,
      Optional<String> fromName,
      Session session,
      Optional<DkimSigner> dkim,
      Optional<MailOpenPgp> openpgp,
      SubscriberHeaders subscriberHeaders)
      throws MessagingException {
    this.edition = edition;
    this.subscriberHeaders = subscriberHeaders;
    this.openpgp = openpgp;
    this.session = session;
    this.dkim = dkim;
    try {
      this.from =
          new InternetAddress(
              Headers.safe("From", fromAddress),
              Headers.safe("From", fromName.orElse(issuer.name())),
              StandardCharsets.UTF_8.name());
    } catch (UnsupportedEncodingException e) {
      throw new IllegalStateException(e);
    }
    this.domain = fromAddress.substring(fromAddress.lastIndexOf('@') + 1).toLowerCase(Locale.ROOT);
    DistributionList list = edition.list();
    try {
      String description = list.description().replace("\"", "'");
      String phrase = MimeUtility.encodeWord(description, StandardCharsets.UTF_8.name(), "Q");
      this.listId =
          Headers.safe(
              "List-Id",
              (phrase.equals(description) ? "\"" + description + "\"" : phrase)
                  + " <"
                  + list.name()
                  + "."
                  + issuer.shortName().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9-]", "-")
                  + "."
                  + domain
                  + ">");
    } catch (UnsupportedEncodingException e) {
      throw new IllegalStateException(e);
    }
    this.subject = Headers.safe("Subject", edition.bodies().subject());
    this.content = content();
  }

  /**
   * The message of delivery {@code delivery} (a ledger row): to its recipient, with the delivery's
   * own unsubscribe link and return path.
   */
  public MimeMessage build(DeliveryLedger.Entry delivery) throws MessagingException {
    return build(delivery.recipient(), delivery.id());
  }

  /**
   * The message to {@code recipient} outside the ledger (the outbox): its links and return path
   * name delivery 0, which no ledger row has.
   */
  public MimeMessage build(String recipient) throws MessagingException {
    return build(recipient, 0);
  }

  private MimeMessage build(String recipient, long delivery) throws MessagingException {
    String messageId = messageId(recipient);
    Optional<String> envelope = subscriberHeaders.envelopeSender(delivery);
    MimeMessage message = new PreparedMessage(session, messageId, bodyFor(recipient), envelope);
    message.setFrom(from);
    message.setRecipient(
        MimeMessage.RecipientType.TO, new InternetAddress(Headers.safe("To", recipient), true));
    message.setSubject(subject, StandardCharsets.UTF_8.name());
    message.setSentDate(new Date());
    message.setHeader("List-Id", listId);
    message.setHeader("Content-Language", edition.list().languageOr(Locale.ENGLISH));
    Optional<DistributionList.Unsubscribe> own = edition.list().unsubscribe();
    if (own.isPresent()) {
      String url =
          own.get().url().replace("{email}", URLEncoder.encode(recipient, StandardCharsets.UTF_8));
      message.setHeader(
          "List-Unsubscribe",
          Headers.safe(
              "List-Unsubscribe",
              "<"
                  + url
                  + ">, <mailto:"
                  + own.get().mailto()
                  + "?subject=unsubscribe%20"
                  + edition.list().name()
                  + ">"));
      message.setHeader("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
    } else {
      Optional<String> link = subscriberHeaders.listUnsubscribe(recipient, delivery);
      if (link.isPresent()) {
        message.setHeader("List-Unsubscribe", Headers.safe("List-Unsubscribe", link.get()));
        if (subscriberHeaders.oneClick()) {
          message.setHeader("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
        }
      }
    }
    message.saveChanges();
    if (dkim.isPresent()) {
      DkimMessage signed = new FixedIdDkimMessage(message, dkim.get(), messageId, envelope);
      signed.saveChanges();
      return signed;
    }
    return message;
  }

  /**
   * The body {@code recipient} gets: the list's (signed) body, encrypted to the recipient's keys
   * when the list encrypts and the keyring has a usable one.
   *
   * @throws RecipientKeyMissing when the list requires encryption and there is no usable key
   */
  private PreparedContent bodyFor(String recipient) throws RecipientKeyMissing {
    DistributionList.Encryption encrypt = edition.list().encrypt();
    if (openpgp.isEmpty() || encrypt == DistributionList.Encryption.NEVER) {
      return content;
    }
    Keyring keyring =
        openpgp
            .get()
            .keyring()
            .orElseThrow(
                () -> new IllegalStateException("list " + edition.list().name() + ": no keyring"));
    Keyring.Lookup keys = keyring.lookup(recipient, openpgp.get().now());
    if (!keys.usable().isEmpty()) {
      return PgpMime.encrypted(content, keys.encryption());
    }
    if (encrypt == DistributionList.Encryption.REQUIRED) {
      throw new RecipientKeyMissing(keys.problem().orElseThrow());
    }
    return content;
  }

  /**
   * {@code <hash of week, edition, list and recipient>@domain}: the same for every attempt; a
   * correction's ({@code <week.vN.hash@domain>}) also holds its version, so a receiver does not
   * take it for a repeat of the version it corrects.
   */
  public String messageId(String recipient) {
    String key =
        String.join(
            "\n",
            edition.edition().id().toString(),
            edition.edition().tlp().code(),
            edition.list().name(),
            EmailAddress.normalise(recipient));
    String version = edition.version() == 1 ? "" : "v" + edition.version();
    if (!version.isEmpty()) {
      key += "\n" + version;
    }
    String hash = Digests.sha256(key.getBytes(StandardCharsets.UTF_8)).substring(0, 32);
    return "<"
        + edition.edition().id().toString().toLowerCase(Locale.ROOT)
        + (version.isEmpty() ? "" : "." + version)
        + "."
        + hash
        + "@"
        + domain
        + ">";
  }

  private PreparedContent content() throws MessagingException {
    boolean inline =
        openpgp.isPresent() && edition.list().openpgp() == DistributionList.Signing.INLINE;
    String plain = edition.bodies().text();
    MimeBodyPart text =
        textPart(inline ? InlineSigning.clearSigned(plain, openpgp.get().key()) : plain, "plain");
    MimeBodyPart body;
    if (edition.list().format() == DistributionList.Format.HTML) {
      MimeBodyPart html = textPart(edition.bodies().html(), "html");
      MimeMultipart alternative = new MimeMultipart("alternative", text, html);
      body = new MimeBodyPart();
      body.setContent(alternative);
    } else {
      body = text;
    }
    MimeBodyPart pdf = new MimeBodyPart();
    pdf.setDataHandler(new DataHandler(new ByteArrayDataSource(edition.pdf(), "application/pdf")));
    pdf.setHeader("Content-Transfer-Encoding", "base64");
    pdf.setDisposition(MimeBodyPart.ATTACHMENT);
    pdf.setFileName(edition.attachmentName());
    MimeMultipart mixed = new MimeMultipart("mixed", body, pdf);
    if (inline) {
      MimeBodyPart signature = new MimeBodyPart();
      signature.setDataHandler(
          new DataHandler(
              new ByteArrayDataSource(
                  InlineSigning.detached(edition.pdf(), openpgp.get().key()),
                  "application/pgp-signature")));
      signature.setHeader("Content-Transfer-Encoding", "7bit");
      signature.setDisposition(MimeBodyPart.ATTACHMENT);
      signature.setFileName(edition.attachmentName() + ".asc");
      mixed.addBodyPart(signature);
    }
    PreparedContent prepared = PreparedContent.of(session, mixed);
    if (openpgp.isPresent() && !inline) {
      return PgpMime.signed(prepared, openpgp.get().key());
    }
    return prepared;
  }

  /**
   * A text part that no server rewrites on the way, so signatures over it hold: quoted-printable
   * (trailing spaces and long lines encoded) or base64 for text mostly outside ASCII, never 7bit or
   * 8bit. Text with a line that begins "From " is sent as base64 too: quoted-printable leaves that
   * line as it is, and a server that stores mail in mbox files may turn it into ">From ", which
   * breaks the signature (RFC 3156, section 3).
   */
  static MimeBodyPart textPart(String text, String subtype) throws MessagingException {
    MimeBodyPart part = new MimeBodyPart();
    part.setText(text, StandardCharsets.UTF_8.name(), subtype);
    String encoding = MimeUtility.getEncoding(part.getDataHandler());
    boolean fromLine = FROM_LINE.matcher(text).find();
    part.setHeader(
        "Content-Transfer-Encoding",
        encoding.equals("base64") || fromLine ? "base64" : "quoted-printable");
    return part;
  }

  private static final Pattern FROM_LINE = Pattern.compile("(?m)^From ");

  /** A signed message whose Message-ID stays ours too. */
  private static final class FixedIdDkimMessage extends DkimMessage implements EnvelopeSender {

    private final String id;
    private final Optional<String> envelopeSender;

    FixedIdDkimMessage(
        MimeMessage message, DkimSigner signer, String id, Optional<String> envelopeSender)
        throws MessagingException {
      super(message, signer);
      this.id = id;
      this.envelopeSender = envelopeSender;
    }

    @Override
    public Optional<String> envelopeSender() {
      return envelopeSender;
    }

    @Override
    protected void updateMessageID() throws MessagingException {
      setHeader("Message-ID", id);
    }
  }
}
