package org.certbulletin.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.certbulletin.files.OutputLayout;
import org.certbulletin.model.AuditEntry;
import org.certbulletin.model.BounceSettings;
import org.certbulletin.model.Preferences;
import org.certbulletin.model.Principal;
import org.certbulletin.model.StateSettings;
import org.certbulletin.model.Subscriber;
import org.certbulletin.model.WeekId;
import org.certbulletin.store.Database;
import org.certbulletin.store.DeliveryLedger;
import org.certbulletin.store.DeliveryRun;
import org.certbulletin.store.Subscribers;
import org.certbulletin.subscribe.BounceMailbox;
import org.certbulletin.subscribe.ReturnPath;
import org.certbulletin.subscribe.SubscriberKey;
import org.certbulletin.testing.BounceFixtures;
import org.certbulletin.testing.SampleWorkspace;
import org.certbulletin.testing.TestSmtp;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bounces and unsubscribe mail in real servers' shapes, delivered to a real IMAP mailbox
 * (GreenMail) and read by {@code bounces --imap}'s service against real ledger deliveries.
 */
class BouncesTest {

  private static final String ALICE = "alice@example.org";
  private static final String BOB = "bob@example.net";
  private static final String KEY = "a-subscriber-key-of-at-least-32-characters";
  private static final String PASSWORD = "imap-secret";

  @RegisterExtension
  static final GreenMailExtension imap =
      new GreenMailExtension(TestSmtp.patient(ServerSetupTest.IMAP))
          .withConfiguration(
              GreenMailConfiguration.aConfig()
                  .withUser("bounces@cert.example", "bounces", PASSWORD))
          .withPerMethodLifecycle(true);

  @RegisterExtension static final GreenMailExtension smtp = TestSmtp.server();

  @TempDir Path root;

  private SampleWorkspace sample;
  private Application application;
  private Map<String, String> environment;
  private Database database;
  private DeliveryLedger ledger;
  private Subscribers subscribers;
  private ReturnPath returnPath;

  @BeforeEach
  void setUp() {
    sample = SampleWorkspace.copyTo(root);
    sample.configure(
        "bounces",
        "{\"address\": \"bounces@cert.example\", \"soft_limit\": 2, \"imap\": {\"host\":"
            + " \"127.0.0.1\", \"port\": "
            + imap.getImap().getPort()
            + ", \"user\": \"bounces\", \"tls\": false}}");
    environment = Map.of(SubscriberKey.VARIABLE, KEY, BounceMailbox.PASSWORD_VARIABLE, PASSWORD);
    application = Application.open(sample.workspace(), environment, Clock.systemUTC());
    database = Database.open(StateSettings.defaults(), new OutputLayout(sample.out()));
    ledger = new DeliveryLedger(database.dataSource());
    subscribers = new Subscribers(database.dataSource());
    returnPath =
        new ReturnPath(
            new BounceSettings("bounces@cert.example", 2, Optional.empty()),
            SubscriberKey.from(environment));
  }

  @AfterEach
  void tearDown() {
    database.close();
    application.close();
  }

  @Test
  void aHardBounceReadFromTheMailboxSuspendsTheAddressOnceAndTheLedgerShowsIt() throws Exception {
    long alice = sent("2024-W51", ALICE);
    long bob = sent("2024-W51", BOB);
    deliver("postfix-hard.eml", alice, ALICE);
    deliver("exchange-ndr.eml", bob, BOB);

    MailboxRead read = application.bounces().readMailbox();

    assertThat(read.outcomes())
        .extracting(BounceOutcome::kind)
        .containsExactly(BounceOutcome.Kind.PROCESSED, BounceOutcome.Kind.PROCESSED);
    assertThat(read.outcomes().get(0).line())
        .contains("public", "hard bounce (5.1.1) of delivery " + alice, "suspended")
        .doesNotContain(ALICE);
    assertThat(status(ALICE)).hasValue(Subscriber.Status.SUSPENDED);
    assertThat(status(BOB)).hasValue(Subscriber.Status.SUSPENDED);
    assertThat(ledger.bounce(alice))
        .hasValueSatisfying(b -> assertThat(b.kind()).isEqualTo("hard"));
    assertThat(ledger.bounce(bob)).hasValueSatisfying(b -> assertThat(b.kind()).isEqualTo("hard"));
    assertThat(inbox()).as("processed messages are deleted").isZero();
    assertThat(application.scheduling().status(1).lines(true))
        .contains("    " + ALICE, "    " + BOB)
        .anySatisfy(l -> assertThat(l).contains("public", "2 suspended"));
    assertThat(application.scheduling().status(1).lines())
        .as("without --verbose, counted and not named")
        .noneSatisfy(l -> assertThat(l).contains(ALICE))
        .anySatisfy(l -> assertThat(l).contains("public", "2 suspended"));

    subscribers.move(
        subscribers.find("public", ALICE).orElseThrow().id(),
        java.util.Set.of(Subscriber.Status.SUSPENDED),
        Subscriber.Status.ACTIVE,
        "resumed",
        "operator",
        Instant.now());
    deliver("postfix-hard.eml", alice, ALICE);
    MailboxRead again = application.bounces().readMailbox();

    assertThat(again.outcomes())
        .singleElement()
        .satisfies(
            o -> {
              assertThat(o.kind()).isEqualTo(BounceOutcome.Kind.IGNORED);
              assertThat(o.line()).contains("processed before");
            });
    assertThat(status(ALICE))
        .as("the same report read again changes nothing")
        .hasValue(Subscriber.Status.ACTIVE);
    assertThat(inbox()).isZero();
  }

  @Test
  void aBounceOfAMessageReallySentComesBackToItsReturnPathAndSuspendsItsRecipient()
      throws Exception {
    sample.useLocalSmtp(smtp.getSmtp().getPort());
    application
        .bulletins(Principal.system("test"), "test")
        .send(
            WeekId.parse("2024-W51"),
            "public",
            new SendOptions(false, false, environment, Clock.systemUTC()));
    MimeMessage sent =
        java.util.Arrays.stream(smtp.getReceivedMessages())
            .filter(m -> recipientOf(m).equals(ALICE))
            .findFirst()
            .orElseThrow();
    String envelope = sent.getHeader("Return-Path", null).replaceAll("[<>\\s]", "");
    String messageId = sent.getMessageID().replaceAll("[<>]", "");
    Map<String, String> values = new HashMap<>();
    values.put("RETURN_PATH", envelope);
    values.put("RECIPIENT", ALICE);
    values.put("MESSAGE_ID", messageId);
    deliver(BounceFixtures.fill("postfix-hard.eml", values));

    MailboxRead read = application.bounces().readMailbox();

    assertThat(read.outcomes())
        .singleElement()
        .satisfies(o -> assertThat(o.line()).contains("hard bounce (5.1.1)", "suspended"));
    assertThat(status(ALICE)).hasValue(Subscriber.Status.SUSPENDED);
    assertThat(status(BOB)).as("the list's other recipients stay").isEmpty();
  }

  private static String recipientOf(MimeMessage message) {
    try {
      return message.getAllRecipients()[0].toString();
    } catch (jakarta.mail.MessagingException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void aReportToAReturnPathWithAForgedTagIsRefusedChangesNothingAndIsAudited() throws Exception {
    long alice = sent("2024-W51", ALICE);
    Map<String, String> values = values(alice, ALICE);
    values.put(
        "FORGED_RETURN_PATH",
        returnPath
            .address(ReturnPath.Kind.BOUNCE, alice)
            .replaceFirst("\\.[0-9a-f]+@", ".0123456789abcdef@"));
    deliver(BounceFixtures.fill("forged-tag.eml", values));

    MailboxRead read = application.bounces().readMailbox();

    assertThat(read.outcomes())
        .singleElement()
        .satisfies(
            o -> {
              assertThat(o.kind()).isEqualTo(BounceOutcome.Kind.REFUSED);
              assertThat(o.line()).contains("tag does not match", "nothing changed");
            });
    assertThat(status(ALICE)).isEmpty();
    assertThat(ledger.bounce(alice)).isEmpty();
    assertThat(audit(AuditEntry.Outcome.REFUSED))
        .singleElement()
        .satisfies(e -> assertThat(e.detail()).contains("tag does not match"));

    deliver("postfix-hard.eml", alice, ALICE);
    assertThat(application.bounces().readMailbox().outcomes())
        .as("control: the genuine report works")
        .extracting(BounceOutcome::kind)
        .containsExactly(BounceOutcome.Kind.PROCESSED);
    assertThat(status(ALICE)).hasValue(Subscriber.Status.SUSPENDED);
    assertThat(audit(AuditEntry.Outcome.OK)).hasSize(1);
  }

  @Test
  void aReportOfAnotherRecipientOnADeliverysGenuineReturnPathIsRefused() throws Exception {
    long mallory = sent("2024-W51", BOB);
    long alice = sent("2024-W51", ALICE);
    Map<String, String> values = values(mallory, BOB);
    values.put("OTHER_RECIPIENT", ALICE);
    deliver(BounceFixtures.fill("forged-recipient.eml", values));

    MailboxRead read = application.bounces().readMailbox();

    assertThat(read.outcomes())
        .singleElement()
        .satisfies(
            o -> {
              assertThat(o.kind()).isEqualTo(BounceOutcome.Kind.REFUSED);
              assertThat(o.line()).contains("not the recipient of delivery " + mallory);
            });
    assertThat(status(ALICE)).isEmpty();
    assertThat(status(BOB)).isEmpty();
    assertThat(ledger.bounce(mallory)).isEmpty();
    assertThat(ledger.bounce(alice)).isEmpty();
    assertThat(audit(AuditEntry.Outcome.REFUSED)).hasSize(1);

    deliver("postfix-hard.eml", mallory, BOB);
    application.bounces().readMailbox();
    assertThat(status(BOB))
        .as("control: the genuine report works")
        .hasValue(Subscriber.Status.SUSPENDED);
    assertThat(status(ALICE)).isEmpty();
  }

  @Test
  void aReportAboutAnotherMessageThanTheDeliverysIsRefused() throws Exception {
    long alice = sent("2024-W51", ALICE);
    Map<String, String> values = values(alice, ALICE);
    values.put("MESSAGE_ID", "someone-elses-message@example.org");
    deliver(BounceFixtures.fill("postfix-hard.eml", values));

    assertThat(application.bounces().readMailbox().outcomes())
        .singleElement()
        .satisfies(o -> assertThat(o.line()).contains("another message", "Message-ID"));
    assertThat(status(ALICE)).isEmpty();
  }

  @Test
  void softBouncesOfDifferentDeliveriesSuspendOnlyAtTheLimit() throws Exception {
    long first = sent("2024-W50", ALICE);
    long second = sent("2024-W51", ALICE);
    deliver("postfix-soft.eml", first, ALICE);

    assertThat(application.bounces().readMailbox().outcomes())
        .singleElement()
        .satisfies(o -> assertThat(o.line()).contains("soft bounce (4.2.2)", "1 of 2"));
    assertThat(status(ALICE)).as("one soft bounce suspends nothing").isEmpty();
    assertThat(ledger.bounce(first))
        .hasValueSatisfying(b -> assertThat(b.kind()).isEqualTo("soft"));

    Map<String, String> sameDelivery = values(first, ALICE);
    sameDelivery.put("DELIVERY", first + "-again");
    deliver(BounceFixtures.fill("postfix-soft.eml", sameDelivery));
    assertThat(application.bounces().readMailbox().outcomes())
        .singleElement()
        .satisfies(o -> assertThat(o.line()).contains("already counted"));
    assertThat(status(ALICE)).as("a second report of the same delivery counts once").isEmpty();

    deliver("postfix-soft.eml", second, ALICE);
    assertThat(application.bounces().readMailbox().outcomes())
        .singleElement()
        .satisfies(o -> assertThat(o.line()).contains("2 of 2 soft bounces in a row", "suspended"));
    assertThat(status(ALICE)).hasValue(Subscriber.Status.SUSPENDED);
  }

  @Test
  void aSubscribersSoftBouncesAreCountedOnItsRow() throws Exception {
    String carol = "carol@example.com";
    Instant now = Instant.now();
    subscribers.add(
        new Subscriber(
            0,
            "public",
            carol,
            Subscriber.Status.ACTIVE,
            Subscriber.Origin.SIGNUP,
            Optional.empty(),
            Optional.empty(),
            Preferences.EVERYTHING,
            Optional.empty(),
            0,
            Optional.empty(),
            Optional.empty(),
            now,
            Optional.of(now),
            now));
    deliver("postfix-soft.eml", sent("2024-W50", carol), carol);
    application.bounces().readMailbox();

    assertThat(subscribers.find("public", carol).orElseThrow())
        .satisfies(
            s -> {
              assertThat(s.status()).isEqualTo(Subscriber.Status.ACTIVE);
              assertThat(s.softBounces()).isEqualTo(1);
            });

    deliver("postfix-soft.eml", sent("2024-W51", carol), carol);
    application.bounces().readMailbox();

    assertThat(subscribers.find("public", carol).orElseThrow().status())
        .isEqualTo(Subscriber.Status.SUSPENDED);
  }

  @Test
  void aSuspensionIsEmailedToTheOperatorsWithoutTheAddress() throws Exception {
    sample.useLocalSmtp(smtp.getSmtp().getPort());
    long first = sent("2024-W50", ALICE);
    long second = sent("2024-W51", ALICE);
    deliver("postfix-soft.eml", first, ALICE);
    application.bounces().readMailbox();

    assertThat(smtp.getReceivedMessages()).as("one soft bounce of two is no news").isEmpty();

    deliver("postfix-soft.eml", second, ALICE);
    application.bounces().readMailbox();

    assertThat(smtp.getReceivedMessages())
        .singleElement()
        .satisfies(
            m -> {
              assertThat(m.getAllRecipients()[0].toString()).isEqualTo("soc@cert.example");
              assertThat(m.getSubject()).contains("an address of list public is suspended");
              assertThat((String) m.getContent())
                  .contains("delivery " + second, "status --verbose")
                  .doesNotContain(ALICE);
            });
  }

  @Test
  void aMessageToTheUnsubscribeAddressUnsubscribesThatDeliverysRecipientOnly() throws Exception {
    long alice = sent("2024-W51", ALICE);
    sent("2024-W51", BOB);
    deliver("unsubscribe.eml", alice, ALICE);

    assertThat(application.bounces().readMailbox().outcomes())
        .singleElement()
        .satisfies(o -> assertThat(o.line()).contains("unsubscribed"));
    assertThat(status(ALICE)).hasValue(Subscriber.Status.UNSUBSCRIBED);
    assertThat(status(BOB)).isEmpty();
    assertThat(inbox()).isZero();
  }

  @Test
  void delayWarningsAndAutomaticRepliesAreIgnoredAndDeleted() throws Exception {
    long alice = sent("2024-W51", ALICE);
    deliver("postfix-delayed.eml", alice, ALICE);
    deliver("auto-reply.eml", alice, ALICE);

    MailboxRead read = application.bounces().readMailbox();

    assertThat(read.outcomes())
        .extracting(BounceOutcome::kind)
        .containsExactly(BounceOutcome.Kind.IGNORED, BounceOutcome.Kind.IGNORED);
    assertThat(status(ALICE)).isEmpty();
    assertThat(ledger.bounce(alice)).isEmpty();
    assertThat(inbox()).isZero();
  }

  @Test
  void refusesToReadAMailboxOnAnotherMachineWithoutTls() {
    sample.editConfig(
        json ->
            json.replace(
                "\"host\": \"127.0.0.1\", \"port\"", "\"host\": \"imap.cert.example\", \"port\""));

    assertThatThrownBy(() -> application.bounces().readMailbox())
        .isInstanceOf(ServiceFailure.BadInput.class)
        .hasMessageContaining("tls is false for imap.cert.example");
  }

  /** A delivery of {@code week}'s public edition to {@code recipient}, sent. */
  private long sent(String week, String recipient) {
    Instant now = Instant.now();
    ledger.enqueue(week, "public", "CLEAR", List.of(recipient), now);
    DeliveryLedger.Entry entry =
        ledger.entries(week, "public").stream()
            .filter(e -> e.recipient().equals(recipient))
            .findFirst()
            .orElseThrow();
    try (DeliveryRun run = ledger.start(week, "public", now)) {
      assertThat(run.claim(entry.id(), "<" + messageId(entry.id()) + ">", now)).isTrue();
      run.sent(entry.id(), "250 2.0.0 Ok: queued", now);
    }
    return entry.id();
  }

  private static String messageId(long delivery) {
    return "2024-w51." + delivery + "@cert.example";
  }

  private Map<String, String> values(long delivery, String recipient) {
    Map<String, String> values = new HashMap<>();
    values.put("RETURN_PATH", returnPath.address(ReturnPath.Kind.BOUNCE, delivery));
    values.put("UNSUBSCRIBE", returnPath.address(ReturnPath.Kind.UNSUBSCRIBE, delivery));
    values.put("RECIPIENT", recipient);
    values.put("MESSAGE_ID", messageId(delivery));
    values.put("DELIVERY", Long.toString(delivery));
    return values;
  }

  private void deliver(String fixture, long delivery, String recipient) throws Exception {
    deliver(BounceFixtures.fill(fixture, values(delivery, recipient)));
  }

  private void deliver(byte[] message) throws Exception {
    GreenMailUser user = imap.getUserManager().getUser("bounces");
    user.deliver(
        new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(message)));
  }

  private int inbox() throws Exception {
    return imap.getManagers()
        .getImapHostManager()
        .getInbox(imap.getUserManager().getUser("bounces"))
        .getMessageCount();
  }

  private Optional<Subscriber.Status> status(String address) {
    return subscribers.find("public", address).map(Subscriber::status);
  }

  private List<AuditEntry> audit(AuditEntry.Outcome outcome) {
    return application
        .access()
        .listAudit(Principal.system("test"), "test", AuditQuery.newest(100))
        .entries()
        .stream()
        .filter(e -> e.operation().equals(BounceDesk.OPERATION) && e.outcome() == outcome)
        .toList();
  }
}
