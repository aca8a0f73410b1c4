package org.certbulletin.mail;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
import org.certbulletin.store.DeliveryRun;
import org.certbulletin.testing.CliProcess;
import org.certbulletin.testing.SampleWorkspace;
import org.certbulletin.testing.SampleWorkspaceExtension;
import org.certbulletin.testing.TestSmtp;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Two runs sending the same list at once: a manual send beside the daemon's, or two nodes. */
@ExtendWith(SampleWorkspaceExtension.class)
class SharedListTest {

  private static final WeekId W51 = WeekId.parse("2024-W51");

  @RegisterExtension static GreenMailExtension greenMail = TestSmtp.server();

  SampleWorkspace sample;

  @BeforeEach
  void setUp(SampleWorkspace sample) {
    this.sample = sample;
  }

  @Test
  void aDeliveryInFlightInAnotherRunIsNeitherUncertainNorResent() throws Exception {
    sample.useLocalSmtp(greenMail.getSmtp().getPort());
    List<String> readers = MailFixture.publicSubscribers(sample, 10);
    String busy = readers.get(3);
    try (Database database =
        Database.open(StateSettings.defaults(), new OutputLayout(sample.out()))) {
      DeliveryLedger ledger = new DeliveryLedger(database.dataSource());
      ledger.enqueue(W51.toString(), "public", "CLEAR", readers, Instant.now());
      long id =
          ledger.entries(W51.toString(), "public").stream()
              .filter(e -> e.recipient().equals(busy))
              .findFirst()
              .orElseThrow()
              .id();
      DeliveryRun other = ledger.start(W51.toString(), "public", Instant.now());
      assertThat(other.claim(id, "<in-flight@cert.example>", Instant.now())).isTrue();

      DeliveryReport beside = send(false);
      DeliveryReport resend = send(true);

      assertThat(beside.uncertain()).isEmpty();
      assertThat(beside.deferred()).containsOnlyKeys(busy);
      assertThat(beside.deferred().get(busy)).contains("being sent by another run");
      assertThat(beside.sent()).isEqualTo(9);
      assertThat(resend.sent()).as("an operator's resend leaves it to its run").isZero();
      assertThat(resend.uncertain()).isEmpty();
      assertThat(copies()).doesNotContainKey(busy);

      other.close();

      DeliveryReport afterItDied = send(false);
      assertThat(afterItDied.uncertain())
          .as("once its run is gone the claim is uncertain")
          .singleElement()
          .asString()
          .startsWith(busy + " <in-flight@cert.example>");
      assertThat(send(true).sent()).isOne();
    }
    assertThat(copies()).hasSize(10).allSatisfy((reader, count) -> assertThat(count).isOne());
  }

  @Test
  @Tag("slow")
  void twoProcessesSendingTheSameListShareItAndNobodyGetsTwoCopies() throws Exception {
    sample.configure(
        "smtp",
        "{\"host\": \"127.0.0.1\", \"port\": "
            + greenMail.getSmtp().getPort()
            + ", \"security\": \"none\", \"from\": \"bulletin@cert.example\", \"timeout\":"
            + " \"PT10S\", \"rate_per_second\": 10}");
    List<String> readers = MailFixture.publicSubscribers(sample, 60);
    List<String> args = new ArrayList<>(List.of("send", W51.toString(), "--list", "public"));
    args.addAll(Arrays.asList(sample.options()));

    int first;
    int second;
    // The embedded database is served by the process that opened it first (AUTO_SERVER); when
    // that process exits, the others reconnect (DatabaseHandOverTest). Here this JVM holds it
    // open, as the daemon does beside a manual send.
    try (Database owner = Database.open(StateSettings.defaults(), new OutputLayout(sample.out()));
        CliProcess a = CliProcess.start(sample.root().resolve("a.log"), args);
        CliProcess b = CliProcess.start(sample.root().resolve("b.log"), args)) {
      assertThat(owner.isPostgres()).isFalse();
      // the run that ends first may see the other's last delivery in flight: still due (exit 1)
      assertThat(a.await(Duration.ofSeconds(60))).as(a.output()).isIn(0, 1);
      assertThat(b.await(Duration.ofSeconds(60))).as(b.output()).isIn(0, 1);
      assertThat(a.output()).contains(" 0 uncertain").doesNotContain("uncertain reader");
      assertThat(b.output()).contains(" 0 uncertain").doesNotContain("uncertain reader");
      first = sentNow(a.output());
      second = sentNow(b.output());
    }

    assertThat(first).as("the first made progress").isPositive();
    assertThat(second).as("the second made progress").isPositive();
    assertThat(first + second).isEqualTo(60);
    assertThat(copies().keySet()).containsExactlyInAnyOrderElementsOf(readers);
    assertThat(copies().values()).allMatch(count -> count == 1);
  }

  private static int sentNow(String output) {
    Matcher matcher = Pattern.compile("(\\d+) sent now").matcher(output);
    assertThat(matcher.find()).as(output).isTrue();
    return Integer.parseInt(matcher.group(1));
  }

  private DeliveryReport send(boolean resendUncertain) throws Exception {
    return new MailService(new BulletinService(sample.workspace()), MailTransport.SMTP)
        .send(W51, "public", new SendOptions(false, resendUncertain, Map.of(), Clock.systemUTC()));
  }

  private Map<String, Long> copies() {
    return Arrays.stream(greenMail.getReceivedMessages())
        .collect(Collectors.groupingBy(SendTest::recipient, Collectors.counting()));
  }
}
