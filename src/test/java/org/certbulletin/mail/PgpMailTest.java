package org.certbulletin.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bouncycastle.openpgp.PGPSecretKeyRing;
import org.certbulletin.model.DeliveryReport;
import org.certbulletin.model.WeekId;
import org.certbulletin.service.BulletinService;
import org.certbulletin.service.MailService;
import org.certbulletin.service.SendOptions;
import org.certbulletin.testing.DkimCheck;
import org.certbulletin.testing.Gpg;
import org.certbulletin.testing.PgpKeys;
import org.certbulletin.testing.SampleWorkspace;
import org.certbulletin.testing.SampleWorkspaceExtension;
import org.certbulletin.testing.TestSmtp;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * OpenPGP and DKIM as the receiving side checks them: messages received by a real SMTP server
 * (GreenMail), PGP/MIME signatures and clear-signed text verified by {@code gpg}, encrypted
 * messages decrypted with the recipient's secret key, DKIM verified by Apache James jDKIM against
 * the public key; each with a control that a message altered after signing fails.
 */
@ExtendWith(SampleWorkspaceExtension.class)
class PgpMailTest {

  private static final WeekId W51 = WeekId.parse("2024-W51");
  private static final String BANK = "security@bank.example";
  private static final String ENERGY = "cert@energy.example";
  private static final String TELECOM = "soc@telecom.example";

  @RegisterExtension
  static GreenMailExtension greenMail =
      new GreenMailExtension(TestSmtp.patient(ServerSetupTest.SMTP))
          .withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication())
          .withPerMethodLifecycle(false);

  private static PGPSecretKeyRing ours;
  private static PGPSecretKeyRing bank;
  private static PGPSecretKeyRing energy;
  private static PGPSecretKeyRing telecom;
  private static DkimCheck dkim;

  @TempDir Path scratch;

  SampleWorkspace sample;

  @BeforeAll
  static void makeKeys() {
    ours = PgpKeys.key("SN-CERT Bulletin <bulletin@cert.example>");
    // the domain in another case than the list file's: domains compare without regard to case
    bank = PgpKeys.key("Bank CSIRT <security@Bank.Example>");
    energy = PgpKeys.key(ENERGY);
    telecom = PgpKeys.key("Telecom SOC <" + TELECOM + ">");
    dkim = DkimCheck.withNewKey();
  }

  @BeforeEach
  void setUp(SampleWorkspace sample) throws Exception {
    this.sample = sample;
    greenMail.purgeEmailFromAllMailboxes();
    sample.useLocalSmtp(greenMail.getSmtp().getPort());
    sample.configure("dkim", "{\"domain\": \"cert.example\", \"selector\": \"bulletin2024\"}");
    sample.configure("openpgp", "{\"public_key\": \"keys/signing-key.asc\"}");
    Files.createDirectories(sample.data().resolve("keys"));
    Files.write(sample.data().resolve("keys/signing-key.asc"), PgpKeys.publicKey(ours));
  }

  @Test
  void aPgpMimeMessageVerifiesWithGpgAndATamperedCopyDoesNot() throws Exception {
    MailFixture.publicSubscribers(sample, 2);

    assertThat(send("public", false).complete()).isTrue();

    byte[] raw = raw(only("reader0000@example.org"));
    Entity message = Entity.parse(raw);
    assertThat(message.contentType())
        .startsWith("multipart/signed")
        .contains("protocol=\"application/pgp-signature\"", "micalg=pgp-sha512");
    List<byte[]> parts = message.parts();
    byte[] signed = parts.get(0);
    byte[] signature = Entity.parse(parts.get(1)).body();
    assertThat(new String(signed, StandardCharsets.US_ASCII))
        .as("the signed entity is canonical: CRLF only, 7-bit, no trailing white space")
        .doesNotContainPattern("[^\r]\n")
        .doesNotContainPattern("[ \t]\r\n")
        .matches("\\p{ASCII}*");
    Gpg gpg = new Gpg(scratch);
    String status = gpgVerify(gpg, signature, signed);
    assertThat(status)
        .as("a canonical-text signature (class 01) with SHA-512 (hash 10), as micalg says")
        .containsPattern(
            "VALIDSIG " + PgpKeys.fingerprint(ours) + " \\S+ \\S+ \\S+ \\S+ \\S+ \\S+ 10 01");
    byte[] tampered = signed.clone();
    int at = indexOf(tampered, "Content-Type: text/plain".getBytes(StandardCharsets.US_ASCII));
    tampered[at + 300] ^= 1;
    assertThatThrownBy(() -> gpgVerify(gpg, signature, tampered))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("BAD signature");

    Multipart mixed = (Multipart) Entity.mime(signed).getContent();
    assertThat(mixed.getContentType()).startsWith("multipart/mixed");
    assertThat(((Multipart) mixed.getBodyPart(0).getContent()).getContentType())
        .startsWith("multipart/alternative");
    assertDkim(raw);
  }

  @Test
  void anInlineSignedTextListVerifiesWithGpgTextAndPdfAlike() throws Exception {
    sample.editConfig(
        json ->
            json.replace(
                "\"format\": \"text\"\n", "\"format\": \"text\", \"openpgp\": \"inline\"\n"));

    assertThat(send("government", false).complete()).isTrue();

    byte[] raw = raw(only("duty-officer@ministry.example"));
    MimeMessage message = Entity.mime(raw);
    Multipart mixed = (Multipart) message.getContent();
    assertThat(mixed.getCount()).isEqualTo(3);
    BodyPart text = mixed.getBodyPart(0);
    assertThat(text.getContentType()).startsWith("text/plain");
    String body = (String) text.getContent();
    assertThat(body).startsWith("-----BEGIN PGP SIGNED MESSAGE-----").contains("TLP:CLEAR");
    byte[] pdf = mixed.getBodyPart(1).getInputStream().readAllBytes();
    BodyPart pdfSignature = mixed.getBodyPart(2);
    assertThat(pdfSignature.getFileName()).isEqualTo(mixed.getBodyPart(1).getFileName() + ".asc");
    assertThat(pdfSignature.getContentType()).startsWith("application/pgp-signature");

    Gpg gpg = new Gpg(scratch);
    gpg.run(
        "--import", Files.write(scratch.resolve("ours.asc"), PgpKeys.publicKey(ours)).toString());
    Path saved = Files.writeString(scratch.resolve("body.txt"), body);
    assertThat(gpg.run("--status-fd", "1", "--verify", saved.toString()))
        .contains("VALIDSIG " + PgpKeys.fingerprint(ours));
    Files.writeString(saved, body.replace("TLP:CLEAR", "TLP:GREEN"));
    assertThatThrownBy(() -> gpg.run("--verify", saved.toString()))
        .hasMessageContaining("BAD signature");
    byte[] pdfSig = pdfSignature.getInputStream().readAllBytes();
    assertThat(gpg.verifyDetached(PgpKeys.publicKey(ours), pdfSig, pdf))
        .isEqualTo(PgpKeys.fingerprint(ours));
    byte[] otherPdf = pdf.clone();
    otherPdf[otherPdf.length / 2] ^= 1;
    assertThatThrownBy(() -> gpg.verifyDetached(PgpKeys.publicKey(ours), pdfSig, otherPdf))
        .isInstanceOf(AssertionError.class);
    assertDkim(raw);
  }

  @Test
  void anEncryptedMessageDecryptsToTheSameBulletinWhoseSignatureVerifies() throws Exception {
    encrypt("when_possible", bank, energy);

    assertThat(send("sector-partners", false).complete()).isTrue();

    byte[] encryptedRaw = raw(only(BANK));
    Entity encrypted = Entity.parse(encryptedRaw);
    assertThat(encrypted.contentType())
        .startsWith("multipart/encrypted")
        .contains("protocol=\"application/pgp-encrypted\"");
    assertThat(new String(encryptedRaw, StandardCharsets.US_ASCII))
        .as("nothing of the bulletin in clear")
        .doesNotContain("TLP:AMBER</", "Credential-stuffing", "%PDF");
    List<byte[]> parts = encrypted.parts();
    assertThat(new String(parts.get(0), StandardCharsets.US_ASCII))
        .contains("application/pgp-encrypted", "Version: 1");
    byte[] ciphertext = Entity.parse(parts.get(1)).body();
    Gpg gpg = new Gpg(scratch);
    byte[] inner = gpg.decrypt(PgpKeys.secretKey(bank), PgpKeys.PASSPHRASE, ciphertext);

    Entity signedEntity = Entity.parse(inner);
    assertThat(signedEntity.contentType()).startsWith("multipart/signed");
    List<byte[]> signedParts = signedEntity.parts();
    gpgVerify(gpg, Entity.parse(signedParts.get(1)).body(), signedParts.get(0));

    // telecom has no key: signed only, the same bulletin
    byte[] clearRaw = raw(only(TELECOM));
    Entity clear = Entity.parse(clearRaw);
    assertThat(clear.contentType()).startsWith("multipart/signed");
    assertThat(clear.parts().get(0)).isEqualTo(signedParts.get(0));
    Multipart mixed = (Multipart) Entity.mime(signedParts.get(0)).getContent();
    Multipart alternative = (Multipart) mixed.getBodyPart(0).getContent();
    assertThat((String) alternative.getBodyPart(0).getContent()).contains("TLP:AMBER");
    assertThat(mixed.getBodyPart(1).getInputStream().readAllBytes())
        .isEqualTo(
            ((Multipart) Entity.mime(clear.parts().get(0)).getContent())
                .getBodyPart(1)
                .getInputStream()
                .readAllBytes());

    // the energy key cannot open the bank's message
    assertThatThrownBy(
            () ->
                new Gpg(scratch.resolve("energy"))
                    .decrypt(PgpKeys.secretKey(energy), PgpKeys.PASSPHRASE, ciphertext))
        .isInstanceOf(AssertionError.class);
    assertDkim(encryptedRaw);
    assertDkim(clearRaw);
  }

  @Test
  void requiredEncryptionNeverSendsInClearAndSendsOnceTheKeyIsAdded() throws Exception {
    encrypt("required", bank, energy);

    DeliveryReport first = send("sector-partners", false);

    assertThat(first.sent()).isEqualTo(2);
    assertThat(first.complete()).isFalse();
    assertThat(first.deferred())
        .containsOnlyKeys(TELECOM)
        .hasValueSatisfying(
            new org.assertj.core.api.Condition<>(
                reason ->
                    reason.contains("requires encryption")
                        && reason.contains("holds no key for " + TELECOM),
                "says why"));
    assertThat(greenMail.getReceivedMessagesForDomain(TELECOM)).isEmpty();
    assertThat(greenMail.getReceivedMessagesForDomain(BANK)).hasSize(1);

    DeliveryReport again = send("sector-partners", false);
    assertThat(again.sent()).isZero();
    assertThat(again.alreadySent()).isEqualTo(2);
    assertThat(again.deferred()).containsOnlyKeys(TELECOM);
    assertThat(greenMail.getReceivedMessagesForDomain(TELECOM)).isEmpty();

    writeKeyring(bank, energy, telecom);
    DeliveryReport last = send("sector-partners", false);
    assertThat(last.sent()).isEqualTo(1);
    assertThat(last.complete()).isTrue();
    assertThat(greenMail.getReceivedMessagesForDomain(TELECOM)).hasSize(1);
    assertThat(Entity.parse(raw(only(TELECOM))).contentType()).startsWith("multipart/encrypted");
    assertThat(greenMail.getReceivedMessages()).hasSize(3);
    assertThat(send("sector-partners", false).sent()).isZero();
    assertThat(greenMail.getReceivedMessages()).hasSize(3);
  }

  /**
   * A recipient whose key is too weak to trust (RSA-1024, made with gpg) is held back as one
   * without a key is, with the reason; the list's other recipients are sent the bulletin.
   */
  @Test
  void aRecipientWithAWeakKeyIsHeldBackAndTheOthersAreSentEncrypted() throws Exception {
    assumeTrue(Gpg.installed(), "the weak key is made with gpg, which is not installed");
    Gpg partner = new Gpg(scratch.resolve("energy"));
    String weak = partner.generateKey(ENERGY, "rsa1024", "default", "2y");
    partner.addSubkey(weak, "rsa1024", "encr", "2y");
    byte[] weakKey = partner.exportPublicKey(weak);
    partner.stopAgent();
    sample.encryptSectorPartners("required");
    ByteArrayOutputStream keyring = new ByteArrayOutputStream();
    keyring.write(PgpKeys.publicKey(bank));
    keyring.write(weakKey);
    keyring.write(PgpKeys.publicKey(telecom));
    Files.write(sample.data().resolve("keys/sector-partners.asc"), keyring.toByteArray());

    DeliveryReport report = send("sector-partners", false);

    assertThat(report.sent()).isEqualTo(2);
    assertThat(report.deferred())
        .containsOnlyKeys(ENERGY)
        .hasValueSatisfying(
            new org.assertj.core.api.Condition<>(
                reason ->
                    reason.contains("requires encryption")
                        && reason.contains("RSA 1024-bit")
                        && reason.contains(weak),
                "says why"));
    assertThat(greenMail.getReceivedMessagesForDomain(ENERGY)).isEmpty();
    for (String recipient : List.of(BANK, TELECOM)) {
      assertThat(Entity.parse(raw(only(recipient))).contentType())
          .as(recipient)
          .startsWith("multipart/encrypted");
    }
  }

  @Test
  void theOutboxHoldsTheSameSignedAndEncryptedMessages() throws Exception {
    encrypt("required", bank, energy);

    DeliveryReport report = send("sector-partners", true);

    assertThat(report.deferred()).containsOnlyKeys(TELECOM);
    Map<String, byte[]> files = new HashMap<>();
    try (var list = Files.list(report.outbox().orElseThrow())) {
      for (Path file : list.toList()) {
        files.put(file.getFileName().toString(), Files.readAllBytes(file));
      }
    }
    assertThat(files.keySet())
        .containsExactlyInAnyOrder("00001-" + BANK + ".eml", "00002-" + ENERGY + ".eml");
    for (byte[] raw : files.values()) {
      assertThat(Entity.parse(raw).contentType()).startsWith("multipart/encrypted");
      assertDkim(raw);
    }
    byte[] inner =
        new Gpg(scratch)
            .decrypt(
                PgpKeys.secretKey(energy),
                PgpKeys.PASSPHRASE,
                Entity.parse(Entity.parse(files.get("00002-" + ENERGY + ".eml")).parts().get(1))
                    .body());
    assertThat(Entity.parse(inner).contentType()).startsWith("multipart/signed");
  }

  @Test
  void unsignedHtmlAndTextListsCarryAVerifiedDkimSignature() throws Exception {
    sample.editConfig(json -> json.replaceFirst("\"openpgp\": \\{[^}]*},", ""));
    MailFixture.publicSubscribers(sample, 1);

    send("public", false);
    send("government", false);

    byte[] html = raw(only("reader0000@example.org"));
    assertThat(Entity.parse(html).contentType()).startsWith("multipart/mixed");
    assertDkim(html);
    byte[] text = raw(only("soc@agency.example"));
    assertThat(Entity.parse(text).contentType()).startsWith("multipart/mixed");
    assertDkim(text);
  }

  /** The DKIM signature verifies, and fails once the body or a signed header is changed. */
  private static void assertDkim(byte[] raw) {
    assertThat(dkim.verify(raw)).isEqualTo("cert.example");
    String message = new String(raw, StandardCharsets.ISO_8859_1);
    int body = message.indexOf("\r\n\r\n") + 4;
    String alteredBody =
        message.substring(0, body) + message.substring(body).replaceFirst("[A-Za-z]", "x");
    assertThatThrownBy(() -> dkim.verify(alteredBody.getBytes(StandardCharsets.ISO_8859_1)))
        .isInstanceOf(AssertionError.class);
    String alteredSubject = message.replaceFirst("\r\nSubject: ", "\r\nSubject: Re: ");
    assertThatThrownBy(() -> dkim.verify(alteredSubject.getBytes(StandardCharsets.ISO_8859_1)))
        .isInstanceOf(AssertionError.class);
  }

  private static String gpgVerify(Gpg gpg, byte[] signature, byte[] data) throws Exception {
    gpg.verifyDetached(PgpKeys.publicKey(ours), signature, data);
    Path sig = Files.createTempFile("sig", ".asc");
    Path file = Files.createTempFile("data", ".eml");
    try {
      Files.write(sig, signature);
      Files.write(file, data);
      return gpg.run("--status-fd", "1", "--verify", sig.toString(), file.toString());
    } finally {
      Files.delete(sig);
      Files.delete(file);
    }
  }

  private void encrypt(String mode, PGPSecretKeyRing... keys) throws Exception {
    sample.encryptSectorPartners(mode);
    writeKeyring(keys);
  }

  private void writeKeyring(PGPSecretKeyRing... keys) throws Exception {
    ByteArrayOutputStream keyring = new ByteArrayOutputStream();
    for (PGPSecretKeyRing key : keys) {
      keyring.write(PgpKeys.publicKey(key));
    }
    Files.write(sample.data().resolve("keys/sector-partners.asc"), keyring.toByteArray());
  }

  private DeliveryReport send(String list, boolean dryRun) throws Exception {
    Map<String, String> environment = new HashMap<>(PgpKeys.environment(ours));
    environment.putAll(dkim.environment());
    return new MailService(new BulletinService(sample.workspace()), MailTransport.SMTP)
        .send(W51, list, new SendOptions(dryRun, false, environment, Clock.systemUTC()));
  }

  private static MimeMessage only(String recipient) {
    MimeMessage[] received = greenMail.getReceivedMessagesForDomain(recipient);
    assertThat(received).as(recipient).hasSize(1);
    return received[0];
  }

  private static byte[] raw(MimeMessage message) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    message.writeTo(out);
    return out.toByteArray();
  }

  private static int indexOf(byte[] data, byte[] what) {
    outer:
    for (int i = 0; i + what.length <= data.length; i++) {
      for (int j = 0; j < what.length; j++) {
        if (data[i + j] != what[j]) {
          continue outer;
        }
      }
      return i;
    }
    throw new AssertionError("not found: " + new String(what, StandardCharsets.US_ASCII));
  }

  /** A MIME entity as raw bytes: its header and body, and a multipart body's parts as sent. */
  @SuppressWarnings("ArrayRecordComponent") // raw bytes to take apart, never compared
  record Entity(String header, byte[] body) {

    static Entity parse(byte[] raw) {
      int end = indexOf(raw, "\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
      return new Entity(
          new String(raw, 0, end, StandardCharsets.US_ASCII).replaceAll("\r\n[ \t]+", " "),
          Arrays.copyOfRange(raw, end + 4, raw.length));
    }

    static MimeMessage mime(byte[] raw) throws Exception {
      return new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(raw));
    }

    String contentType() {
      Matcher m = Pattern.compile("(?im)^Content-Type: (.*)$").matcher(header);
      assertThat(m.find()).as("a Content-Type in " + header).isTrue();
      return m.group(1);
    }

    /** The parts' exact bytes, without the CRLF that belongs to the next boundary (RFC 2046). */
    List<byte[]> parts() {
      Matcher m = Pattern.compile("boundary=\"([^\"]+)\"").matcher(contentType());
      assertThat(m.find()).isTrue();
      String text = new String(body, StandardCharsets.ISO_8859_1);
      String delimiter = "--" + m.group(1);
      int first = text.indexOf(delimiter + "\r\n");
      int second = text.indexOf("\r\n" + delimiter + "\r\n", first);
      int close = text.indexOf("\r\n" + delimiter + "--", second);
      int start2 = second + 2 + delimiter.length() + 2;
      return List.of(
          Arrays.copyOfRange(body, first + delimiter.length() + 2, second),
          Arrays.copyOfRange(body, start2, close));
    }
  }
}
