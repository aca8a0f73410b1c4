package org.certbulletin.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayOutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.bouncycastle.openpgp.PGPSecretKeyRing;
import org.certbulletin.files.OutputLayout;
import org.certbulletin.model.BounceSettings;
import org.certbulletin.model.DeliveryReport;
import org.certbulletin.model.DistributionList;
import org.certbulletin.model.InvalidDataException;
import org.certbulletin.model.Preferences;
import org.certbulletin.model.StateSettings;
import org.certbulletin.model.Subscriber;
import org.certbulletin.model.WeekId;
import org.certbulletin.service.BulletinService;
import org.certbulletin.service.MailService;
import org.certbulletin.service.SendOptions;
import org.certbulletin.store.Database;
import org.certbulletin.store.DeliveryLedger;
import org.certbulletin.store.Subscribers;
import org.certbulletin.subscribe.ReturnPath;
import org.certbulletin.subscribe.SubscriberKey;
import org.certbulletin.subscribe.Token;
import org.certbulletin.subscribe.TokenSeal;
import org.certbulletin.testing.Gpg;
import org.certbulletin.testing.HtmlValidation;
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
 * Per-reader editions over real SMTP (GreenMail): a subscriber who chose vendors gets those
 * advisories in full and the others by title under a line that says so, the week's figures whole,
 * once, in a PGP/MIME message {@code gpg} verifies; readers who chose alike share one render and
 * one signature; each message carries its own unsubscribe link (a sealed token for its reader) and
 * tagged mailto, and is sent with its delivery's own return path.
 */
@ExtendWith(SampleWorkspaceExtension.class)
class ReaderEditionTest {

  private static final WeekId W51 = WeekId.parse("2024-W51");
  private static final String LIST = "sector-partners";
  private static final String KEY = "an unguessable subscriber key of at least 32 characters";
  private static final String WHOLE = "security@bank.example";
  private static final String VENDORS = "vendors@grid.example";
  private static final String VENDORS_TOO = "vendors@water.example";
  private static final String ENERGY = "energy@grid.example";
  private static final String ENERGY_ZH = "energy@power.example";

  @RegisterExtension
  static GreenMailExtension greenMail =
      new GreenMailExtension(TestSmtp.patient(ServerSetupTest.SMTP))
          .withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication())
          .withPerMethodLifecycle(false);

  private static PGPSecretKeyRing ours;

  @TempDir Path scratch;

  SampleWorkspace sample;

  @BeforeAll
  static void makeKey() {
    ours = PgpKeys.key("SN-CERT Bulletin <bulletin@cert.example>");
  }

  @BeforeEach
  void setUp(SampleWorkspace sample) throws Exception {
    prepare(sample);
  }

  /** Makes {@code sample} the workspace sent from: local SMTP, OpenPGP, a public URL, bounces. */
  private void prepare(SampleWorkspace sample) throws Exception {
    this.sample = sample;
    greenMail.purgeEmailFromAllMailboxes();
    sample.useLocalSmtp(greenMail.getSmtp().getPort());
    sample.configure("openpgp", "{\"public_key\": \"keys/signing-key.asc\"}");
    Files.createDirectories(sample.data().resolve("keys"));
    Files.write(sample.data().resolve("keys/signing-key.asc"), PgpKeys.publicKey(ours));
    sample.configure("http", "{\"public_url\": \"https://cert.example/bulletins/\"}");
    sample.configure("bounces", "{\"address\": \"bounces@cert.example\"}");
  }

  @Test
  void aSubscriberGetsTheirVendorsInFullTheOthersByTitleTheFiguresWholeOnceSignedForGpg()
      throws Exception {
    subscribe(VENDORS, Optional.empty(), List.of(), List.of("Adobe", "ibm cognos controller"));

    DeliveryReport report = send();

    assertThat(report.complete()).as(report.toString()).isTrue();
    assertThat(report.sent()).isEqualTo(4);
    String own = text(only(VENDORS));
    String whole = text(only(WHOLE));
    assertThat(own)
        .as("the chosen advisories in full: their summaries and remediation")
        .contains(summary(whole, "SNC-2024-0511"), summary(whole, "SNC-2024-0513"))
        .as("the others moved down under the line, by id and title only")
        .contains(
            "2 advisories outside your choice (Adobe, IBM Cognos Controller) are listed below"
                + " by title; the attached bulletin has them in full.")
        .contains("- SNC-2024-0512: Android - ", "- SNC-2024-0514: Apache NimBLE - ")
        .doesNotContain(summary(whole, "SNC-2024-0512"), summary(whole, "SNC-2024-0514"))
        .as("no sector ticked: every incident in full")
        .contains(highlight(whole, "Credential-stuffing"));
    assertThat(section(own, "KEY FIGURES")).isEqualTo(section(whole, "KEY FIGURES")).isNotBlank();
    assertThat(section(own, "THE WEEK IN BRIEF")).isEqualTo(section(whole, "THE WEEK IN BRIEF"));
    assertThat(whole)
        .as("the control: the whole edition has no such line")
        .doesNotContain("outside your choice");
    assertThat(own)
        .as("every body links to the subscriber's page")
        .contains("https://cert.example/bulletins/subscriptions/manage");

    byte[] raw = raw(only(VENDORS));
    PgpMailTest.Entity message = PgpMailTest.Entity.parse(raw);
    assertThat(message.contentType()).startsWith("multipart/signed");
    List<byte[]> parts = message.parts();
    assertThat(
            new Gpg(scratch)
                .verifyDetached(
                    PgpKeys.publicKey(ours),
                    PgpMailTest.Entity.parse(parts.get(1)).body(),
                    parts.get(0)))
        .isEqualTo(PgpKeys.fingerprint(ours));

    assertThat(send().sent()).as("sent once: a second run sends nothing").isZero();
    assertThat(greenMail.getReceivedMessagesForDomain(VENDORS)).hasSize(1);
  }

  @Test
  void aReaderWhoseVendorsHaveNoAdvisoryThisWeekIsToldSoAndGetsTheRestByTitle() throws Exception {
    subscribe(VENDORS, Optional.empty(), List.of(), List.of("siemens"));

    assertThat(send().complete()).isTrue();

    String none = "None of this week’s advisories is about the vendors and products you chose.";
    assertThat(text(only(VENDORS)))
        .contains(none)
        .contains("4 advisories outside your choice (siemens)");
    assertThat(text(only(WHOLE)))
        .as("the control: the whole edition lists them")
        .doesNotContain(none);
  }

  @Test
  void readersWhoChoseAlikeShareOneRenderAndOneSignatureAndAnotherChoiceGetsAnother()
      throws Exception {
    // the sample in both its languages: a reader of the Chinese edition chooses too
    prepare(SampleWorkspace.copyAsShipped(scratch.resolve("shipped")));
    subscribe(VENDORS, Optional.empty(), List.of(), List.of("adobe", "IBM Cognos Controller"));
    subscribe(
        VENDORS_TOO, Optional.empty(), List.of(), List.of(" ibm  cognos controller", "ADOBE"));
    subscribe(ENERGY, Optional.empty(), DistributionList.Format.HTML, List.of("Energy"), List.of());
    subscribe(ENERGY_ZH, Optional.of(Locale.forLanguageTag("zh-CN")), List.of("energy"), List.of());

    assertThat(send().complete()).isTrue();

    assertThat(choiceFiles())
        .as("one render per distinct content: two English choices, one Chinese")
        .hasSize(3);
    assertThat(signature(only(VENDORS)))
        .as("one body, signed once, for two readers who chose alike")
        .isEqualTo(signature(only(VENDORS_TOO)))
        .isNotEqualTo(signature(only(ENERGY)));
    assertThat(text(only(VENDORS))).isNotEqualTo(text(only(ENERGY)));
    String energy = text(only(ENERGY));
    assertThat(energy)
        .as("no vendor ticked: every advisory in full")
        .contains(summary(text(only(WHOLE)), "SNC-2024-0512"))
        .contains("2 incident highlights outside your choice (Energy)")
        .contains(highlight(text(only(WHOLE)), "Credential-stuffing"));
    String html = SendTest.texts(only(ENERGY)).get("text/html");
    assertThat(html)
        .contains("outside your choice (Energy)")
        .contains("https://cert.example/bulletins/subscriptions/manage");
    assertThat(HtmlValidation.errors(html.getBytes(StandardCharsets.UTF_8))).isEmpty();
    String chinese = text(only(ENERGY_ZH));
    assertThat(chinese)
        .as("a sector chosen in the main language matches the Chinese edition's highlight")
        .contains("另有2起事件不在您选择的范围（能源行业）内")
        .contains("查看、更改、导出或删除您的订阅数据");

    assertThat(send().sent()).isZero();
    assertThat(choiceFiles()).as("a second run renders nothing new").hasSize(3);
  }

  @Test
  void eachMessageCarriesItsReadersLinkItsDeliverysMailtoAndReturnPath() throws Exception {
    subscribe(VENDORS, Optional.empty(), List.of(), List.of("adobe"));

    assertThat(send().complete()).isTrue();

    Map<String, Long> deliveries = deliveries();
    SubscriberKey key = SubscriberKey.from(Map.of(SubscriberKey.VARIABLE, KEY));
    ReturnPath returnPath =
        new ReturnPath(new BounceSettings("bounces@cert.example", 0, Optional.empty()), key);
    TokenSeal seal = new TokenSeal(key, new SecureRandom(), Clock.systemUTC());
    for (String reader : List.of(VENDORS, WHOLE)) {
      MimeMessage message = only(reader);
      String header = message.getHeader("List-Unsubscribe", null);
      Matcher m =
          Pattern.compile(
                  "<https://cert\\.example/bulletins/subscriptions/unsubscribe\\?t=([A-Za-z0-9_-]+)>,"
                      + " <mailto:([^?>]+)\\?subject=unsubscribe>")
              .matcher(header);
      assertThat(m.matches()).as(header).isTrue();
      TokenSeal.Opened opened =
          seal.open(
              URLDecoder.decode(m.group(1), StandardCharsets.UTF_8), Token.Purpose.UNSUBSCRIBE);
      assertThat(opened.token()).as(opened.refusal().toString()).isPresent();
      assertThat(opened.token().get().list()).isEqualTo(LIST);
      assertThat(opened.token().get().address()).isEqualTo(reader);
      assertThat(opened.token().get().expires()).isAfter(Instant.now().plus(Duration.ofDays(399)));
      assertThat(returnPath.read(m.group(2)))
          .contains(new ReturnPath.Tagged(ReturnPath.Kind.UNSUBSCRIBE, deliveries.get(reader)));
      assertThat(message.getHeader("List-Unsubscribe-Post", null))
          .isEqualTo("List-Unsubscribe=One-Click");
      assertThat(message.getHeader("Return-Path", null))
          .as("the envelope sender the server received")
          .isEqualTo(
              "<" + returnPath.address(ReturnPath.Kind.BOUNCE, deliveries.get(reader)) + ">");
      assertThat(returnPath.read(message.getHeader("Return-Path", null).replaceAll("[<>]", "")))
          .contains(new ReturnPath.Tagged(ReturnPath.Kind.BOUNCE, deliveries.get(reader)));
    }
    assertThat(deliveries.get(VENDORS)).isNotEqualTo(deliveries.get(WHOLE));
    assertThat(seal.open("x" + "A".repeat(60), Token.Purpose.UNSUBSCRIBE).token())
        .as("the control: a forged token does not open")
        .isEmpty();
  }

  @Test
  void aListThatNeedsTheSubscriberKeyIsNotSentWithoutIt() throws Exception {
    MailService mail = new MailService(new BulletinService(sample.workspace()), MailTransport.SMTP);

    assertThatThrownBy(
            () ->
                mail.send(
                    W51,
                    LIST,
                    new SendOptions(false, false, PgpKeys.environment(ours), Clock.systemUTC())))
        .isInstanceOf(InvalidDataException.class)
        .hasMessageContaining(SubscriberKey.VARIABLE + " is not set");
    assertThat(greenMail.getReceivedMessages()).isEmpty();

    assertThat(send().sent()).as("the control: with the key it is sent").isEqualTo(3);
  }

  @Test
  void theOutboxHoldsTheSameTailoredMessagesWithAReturnPath() throws Exception {
    subscribe(VENDORS, Optional.empty(), List.of(), List.of("adobe"));

    DeliveryReport report = send(true);

    Path outbox = report.outbox().orElseThrow();
    List<String> files;
    try (Stream<Path> listed = Files.list(outbox)) {
      files = listed.map(f -> f.getFileName().toString()).sorted().toList();
    }
    assertThat(files).hasSize(4);
    String written =
        Files.readString(
            outbox.resolve(
                files.stream().filter(f -> f.contains("vendors")).findFirst().orElseThrow()),
            StandardCharsets.ISO_8859_1);
    assertThat(written).startsWith("Return-Path: <bounces+d0.");
    MimeMessage message = PgpMailTest.Entity.mime(written.getBytes(StandardCharsets.ISO_8859_1));
    assertThat(text(message)).contains("3 advisories outside your choice (Adobe)");
    assertThat(greenMail.getReceivedMessages()).as("a dry run sends nothing").isEmpty();
  }

  private void subscribe(
      String address, Optional<Locale> language, List<String> sectors, List<String> products) {
    subscribe(address, language, DistributionList.Format.TEXT, sectors, products);
  }

  private void subscribe(
      String address,
      Optional<Locale> language,
      DistributionList.Format format,
      List<String> sectors,
      List<String> products) {
    Instant now = Instant.now();
    try (Database database = database()) {
      assertThat(
              new Subscribers(database.dataSource())
                  .add(
                      new Subscriber(
                          0,
                          LIST,
                          address,
                          Subscriber.Status.ACTIVE,
                          Subscriber.Origin.SIGNUP,
                          language,
                          Optional.of(format),
                          new Preferences(sectors, products),
                          Optional.empty(),
                          0,
                          Optional.empty(),
                          Optional.empty(),
                          now,
                          Optional.of(now),
                          now)))
          .isPresent();
    }
  }

  private Database database() {
    return Database.open(StateSettings.defaults(), new OutputLayout(sample.out()));
  }

  private Map<String, Long> deliveries() {
    Map<String, Long> ids = new HashMap<>();
    try (Database database = database()) {
      for (DeliveryLedger.Entry entry :
          new DeliveryLedger(database.dataSource()).entries(W51.toString(), LIST)) {
        ids.put(entry.recipient(), entry.id());
      }
    }
    return ids;
  }

  /** The state files of the editions rendered for readers' own choices. */
  private List<Path> choiceFiles() throws Exception {
    try (Stream<Path> files =
        Files.list(sample.out().resolve("state/editions").resolve(W51.toString()))) {
      return files.filter(f -> f.getFileName().toString().contains(".choice-")).toList();
    }
  }

  private DeliveryReport send() throws Exception {
    return send(false);
  }

  private DeliveryReport send(boolean dryRun) throws Exception {
    Map<String, String> environment = new HashMap<>(PgpKeys.environment(ours));
    environment.put(SubscriberKey.VARIABLE, KEY);
    return new MailService(new BulletinService(sample.workspace()), MailTransport.SMTP)
        .send(W51, LIST, new SendOptions(dryRun, false, environment, Clock.systemUTC()));
  }

  private static MimeMessage only(String recipient) {
    MimeMessage[] received =
        java.util.Arrays.stream(greenMail.getReceivedMessages())
            .filter(m -> SendTest.recipient(m).equals(recipient))
            .toArray(MimeMessage[]::new);
    assertThat(received).as(recipient).hasSize(1);
    return received[0];
  }

  private static String text(MimeMessage message) throws Exception {
    return SendTest.texts(message).get("text/plain").replace("\r\n", "\n");
  }

  private static byte[] signature(MimeMessage message) throws Exception {
    return PgpMailTest.Entity.parse(PgpMailTest.Entity.parse(raw(message)).parts().get(1)).body();
  }

  private static byte[] raw(MimeMessage message) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    message.writeTo(out);
    return out.toByteArray();
  }

  /** The lines of advisory {@code id}'s entry after its id line: its summary and remediation. */
  private static String summary(String text, String id) {
    Matcher m = Pattern.compile("(?m)^  " + Pattern.quote(id) + ".*\n((?:  .*\n)+)").matcher(text);
    assertThat(m.find()).as(id + " in " + text).isTrue();
    return m.group(1);
  }

  /** A highlight's entry in full, from its title line. */
  private static String highlight(String text, String title) {
    Matcher m =
        Pattern.compile("(?m)^\\* " + Pattern.quote(title) + ".*\n((?:  .*\n)+)").matcher(text);
    assertThat(m.find()).as(title + " in " + text).isTrue();
    return m.group();
  }

  /** A section of the text body: from its heading to the next heading. */
  private static String section(String text, String heading) {
    int start = text.indexOf("\n" + heading + "\n");
    assertThat(start).as(heading + " in " + text).isNotNegative();
    Matcher next = Pattern.compile("\n\n[A-Z][A-Z ]+\n").matcher(text);
    int end = next.find(start + heading.length() + 2) ? next.start() : text.length();
    return text.substring(start, end);
  }
}
