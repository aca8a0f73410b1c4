package org.certbulletin.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.certbulletin.files.OutputLayout;
import org.certbulletin.model.DeliveryReport;
import org.certbulletin.model.StateSettings;
import org.certbulletin.model.WeekId;
import org.certbulletin.service.BulletinService;
import org.certbulletin.service.MailService;
import org.certbulletin.service.SendOptions;
import org.certbulletin.store.Database;
import org.certbulletin.store.DeliveryLedger;
import org.certbulletin.testing.FaultySmtpProxy;
import org.certbulletin.testing.SampleWorkspace;
import org.certbulletin.testing.SampleWorkspaceExtension;
import org.certbulletin.testing.TestSmtp;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Stops, crashes and misbehaving servers: every recipient gets the bulletin once, and nobody twice.
 */
@Tag("slow")
@ExtendWith(SampleWorkspaceExtension.class)
class DeliveryResilienceTest {

  private static final WeekId W51 = WeekId.parse("2024-W51");

  @RegisterExtension static GreenMailExtension greenMail = TestSmtp.server();

  SampleWorkspace sample;
  List<String> readers;
  FaultySmtpProxy proxy;

  @BeforeEach
  void setUp(SampleWorkspace sample) throws Exception {
    this.sample = sample;
    proxy = new FaultySmtpProxy(greenMail.getSmtp().getPort());
    sample.useLocalSmtp(proxy.port());
    readers = MailFixture.publicSubscribers(sample, 30);
  }

  @AfterEach
  void stopProxy() throws Exception {
    proxy.close();
  }

  @Test
  void aRunStoppedAfterSomeMessagesIsResumedWithoutDuplicates() throws Exception {
    assertThatThrownBy(() -> deliver(new CrashingSender(10, false)))
        .isInstanceOf(SimulatedCrash.class);

    assertThat(ledgerCounts()).isEqualTo(new DeliveryLedger.Counts(10, 19, 0, 1, 0));
    DeliveryReport second = send(false);
    assertThat(second.sent()).isEqualTo(19);
    assertThat(second.alreadySent()).isEqualTo(10);
    assertThat(second.uncertain()).as("claimed but never sent: left for the operator").hasSize(1);
    DeliveryReport third = send(true);
    assertThat(third.sent()).isEqualTo(1);
    assertThat(third.complete()).isTrue();
    assertEveryReaderGotExactlyOne();
  }

  @Test
  void aCrashAfterTheServerAcceptedAMessageNeverLeadsToASecondCopy() throws Exception {
    assertThatThrownBy(() -> deliver(new CrashingSender(5, true)))
        .isInstanceOf(SimulatedCrash.class);

    DeliveryReport resumed = send(false);

    assertThat(resumed.uncertain())
        .singleElement()
        .asString()
        .startsWith(readers.get(5) + " <2024-w51.");
    assertThat(received())
        .allSatisfy((reader, count) -> assertThat(count).as(reader).isEqualTo(1L));
    assertThat(received()).hasSize(30);
  }

  @Test
  void temporaryRefusalsAreRetriedUntilEveryoneHasIt() throws Exception {
    proxy.refuseConnections(3, "421 4.7.0 Too many connections, slow down");
    proxy.deferTransactions(3, "451 4.3.0 Temporary local problem, try again later");

    DeliveryReport report = send(false);

    assertThat(report.complete()).as(report.toString()).isTrue();
    assertThat(report.sent()).isEqualTo(30);
    assertEveryReaderGotExactlyOne();
  }

  @Test
  void aMailboxRefusedForGoodIsRecordedAndTheOthersAreDelivered() throws Exception {
    String gone = readers.get(7);
    proxy.rejectRecipient(
        gone, "550 5.1.1 <" + gone + ">: Recipient address rejected: User unknown");

    DeliveryReport report = send(false);

    assertThat(report.sent()).isEqualTo(29);
    assertThat(report.failed()).containsOnlyKeys(gone);
    assertThat(report.failed().get(gone)).contains("550", "User unknown");
    assertThat(received()).hasSize(29).doesNotContainKey(gone);
    DeliveryReport again = send(false);
    assertThat(again.sent()).as("a permanent failure is not retried").isZero();
    assertThat(ledgerStatus(gone)).isEqualTo(DeliveryLedger.Status.FAILED);
  }

  @Test
  void whenTheServerIsDownTheRunStopsAndTheNextOneDeliversEverything() throws Exception {
    proxy.refuseConnections(100, "421 4.3.2 Service not available, closing channel");

    DeliveryReport down = send(false);

    assertThat(down.sent()).isZero();
    assertThat(down.deferred()).hasSize(30);
    proxy.refuseConnections(0, "");
    DeliveryReport up = send(false);
    assertThat(up.sent()).isEqualTo(30);
    assertEveryReaderGotExactlyOne();
  }

  @Test
  void aConnectionThatBreaksBeforeTheServersAnswerLeavesTheOutcomeUncertainAndNothingIsSentTwice()
      throws Exception {
    proxy.dropAfterData(1);

    DeliveryReport report = send(false);

    assertThat(report.uncertain())
        .singleElement()
        .asString()
        .startsWith(readers.get(0) + " <2024-w51.");
    assertThat(report.sent()).isEqualTo(29);
    assertThat(send(false).sent()).isZero();
    assertEveryReaderGotExactlyOne();
  }

  @Test
  void aSessionRefusedForGoodStopsTheRunAndFailsNobody() throws Exception {
    proxy.deferTransactions(100, "553 5.7.1 Sender address rejected: not owned by user");

    DeliveryReport refused = send(false);

    assertThat(refused.failed()).isEmpty();
    assertThat(refused.deferred()).hasSize(30);
    assertThat(refused.deferred().get(readers.get(0))).contains("553");
    assertThat(refused.deferred().get(readers.get(1))).contains("the server refused the session");
    proxy.deferTransactions(0, "");
    assertThat(send(false).sent()).isEqualTo(30);
    assertEveryReaderGotExactlyOne();
  }

  @Test
  void aStopAskedForDuringTheWaitBetweenRetriesEndsTheWaitAndLeavesTheDeliveryDue()
      throws Exception {
    sample.editConfig(
        json -> json.replace("\"retry_backoff\": \"PT0.05S\"", "\"retry_backoff\": \"PT60S\""));
    proxy.deferTransactions(1000, "451 4.3.0 Temporary local problem, try again later");
    long asked = System.nanoTime() + 1_000_000_000L;
    SendOptions stopAfterASecond =
        new SendOptions(
            false,
            false,
            Map.of(),
            Clock.systemUTC(),
            SendOptions.DEFAULT_OUTBOX_LIMIT,
            false,
            () -> System.nanoTime() - asked > 0);

    long start = System.nanoTime();
    DeliveryReport report =
        new MailService(new BulletinService(sample.workspace()), MailTransport.SMTP)
            .send(W51, "public", stopAfterASecond);

    assertThat((System.nanoTime() - start) / 1e9)
        .as("seconds: the 60-second wait before the next attempt ended with the stop")
        .isLessThan(30);
    assertThat(report.sent()).isZero();
    assertThat(report.uncertain()).isEmpty();
    assertThat(ledgerCounts()).isEqualTo(new DeliveryLedger.Counts(0, 30, 0, 0, 0));
  }

  private DeliveryReport send(boolean resendUncertain) throws Exception {
    return new MailService(new BulletinService(sample.workspace()), MailTransport.SMTP)
        .send(W51, "public", new SendOptions(false, resendUncertain, Map.of(), Clock.systemUTC()));
  }

  /**
   * Runs {@code send} through the SMTP transport wrapped in {@code crashing}, a sender that
   * misbehaves.
   */
  private DeliveryReport deliver(CrashingSender crashing) throws Exception {
    MailTransport transport =
        (smtp, environment) -> crashing.around(MailTransport.SMTP.open(smtp, environment));
    return new MailService(new BulletinService(sample.workspace()), transport)
        .send(W51, "public", new SendOptions(false, false, Map.of(), Clock.systemUTC()));
  }

  private DeliveryLedger.Counts ledgerCounts() {
    try (Database database =
        Database.open(StateSettings.defaults(), new OutputLayout(sample.out()))) {
      return new DeliveryLedger(database.dataSource()).counts("2024-W51").get("public");
    }
  }

  private DeliveryLedger.Status ledgerStatus(String recipient) {
    try (Database database =
        Database.open(StateSettings.defaults(), new OutputLayout(sample.out()))) {
      return new DeliveryLedger(database.dataSource())
          .entries("2024-W51", "public").stream()
              .filter(e -> e.recipient().equals(recipient))
              .findFirst()
              .orElseThrow()
              .status();
    }
  }

  private Map<String, Long> received() {
    return Arrays.stream(greenMail.getReceivedMessages())
        .collect(Collectors.groupingBy(SendTest::recipient, Collectors.counting()));
  }

  private void assertEveryReaderGotExactlyOne() {
    Map<String, Long> received = received();
    assertThat(received.keySet()).containsExactlyInAnyOrderElementsOf(readers);
    assertThat(received.values()).allMatch(count -> count == 1);
  }

  /**
   * The process dies at the {@code after + 1}th message: before handing it over, or after the
   * server took it.
   */
  private static final class CrashingSender implements MailSender {

    private final int after;
    private final boolean afterAccept;
    private final AtomicInteger sent = new AtomicInteger();
    private MailSender delegate;

    CrashingSender(int after, boolean afterAccept) {
      this.after = after;
      this.afterAccept = afterAccept;
    }

    CrashingSender around(MailSender real) {
      this.delegate = real;
      return this;
    }

    @Override
    public jakarta.mail.Session session() {
      return delegate.session();
    }

    @Override
    public String send(MimeMessage message) throws MessagingException {
      if (sent.get() == after) {
        if (afterAccept) {
          delegate.send(message);
        }
        sent.incrementAndGet();
        throw new SimulatedCrash();
      }
      sent.incrementAndGet();
      return delegate.send(message);
    }

    @Override
    public void close() {
      delegate.close();
    }
  }

  private static final class SimulatedCrash extends RuntimeException {
    SimulatedCrash() {
      super("simulated crash");
    }
  }
}
