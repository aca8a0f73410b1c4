package org.certbulletin.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.certbulletin.files.OutputLayout;
import org.certbulletin.model.BounceSettings;
import org.certbulletin.model.StateSettings;
import org.certbulletin.model.Subscriber;
import org.certbulletin.store.Database;
import org.certbulletin.store.DeliveryLedger;
import org.certbulletin.store.DeliveryRun;
import org.certbulletin.store.Subscribers;
import org.certbulletin.subscribe.BounceMailbox;
import org.certbulletin.subscribe.ReturnPath;
import org.certbulletin.subscribe.SubscriberKey;
import org.certbulletin.testing.BounceFixtures;
import org.certbulletin.testing.Eventually;
import org.certbulletin.testing.SampleWorkspace;
import org.certbulletin.testing.TestSmtp;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The daemon reads the bounce mailbox on its own, every {@code bounces.imap.every}. */
@Tag("slow")
class DaemonBouncesTest {

  private static final String KEY = "a-subscriber-key-of-at-least-32-characters";
  private static final String ALICE = "alice@example.org";

  @RegisterExtension
  static final GreenMailExtension imap =
      new GreenMailExtension(TestSmtp.patient(ServerSetupTest.IMAP))
          .withConfiguration(
              GreenMailConfiguration.aConfig()
                  .withUser("bounces@cert.example", "bounces", "imap-secret"))
          .withPerMethodLifecycle(true);

  @TempDir Path root;

  @Test
  void theDaemonReadsTheMailboxAndSuspendsABouncedAddress() throws Exception {
    SampleWorkspace sample = SampleWorkspace.copyTo(root);
    sample.configure(
        "bounces",
        "{\"address\": \"bounces@cert.example\", \"imap\": {\"host\": \"127.0.0.1\", \"port\": "
            + imap.getImap().getPort()
            + ", \"user\": \"bounces\", \"tls\": false, \"every\": \"PT1S\"}}");
    Map<String, String> environment =
        Map.of(SubscriberKey.VARIABLE, KEY, BounceMailbox.PASSWORD_VARIABLE, "imap-secret");
    long delivery;
    try (Database database = open(sample)) {
      delivery = sent(new DeliveryLedger(database.dataSource()));
    }
    ReturnPath returnPath =
        new ReturnPath(
            new BounceSettings("bounces@cert.example", 0, Optional.empty()),
            SubscriberKey.from(environment));
    imap.getUserManager()
        .getUser("bounces")
        .deliver(
            new MimeMessage(
                Session.getInstance(new Properties()),
                new ByteArrayInputStream(
                    BounceFixtures.fill(
                        "postfix-hard.eml",
                        Map.of(
                            "RETURN_PATH",
                            returnPath.address(ReturnPath.Kind.BOUNCE, delivery),
                            "RECIPIENT",
                            ALICE,
                            "MESSAGE_ID",
                            "2024-w51." + delivery + "@cert.example")))));

    try (Daemon daemon =
        Daemon.start(
            sample.workspace(),
            new Daemon.Options(Duration.ofSeconds(60), environment, Clock.systemUTC()))) {
      assertThat(daemon.intentions())
          .anySatisfy(l -> assertThat(l).contains("reads the bounce mailbox", "every PT1S"));
      Eventually.await(Duration.ofSeconds(90), "the address suspended", () -> suspended(sample));
      Eventually.await(Duration.ofSeconds(30), "the mailbox emptied", () -> inbox() == 0);
    }
  }

  private static int inbox() {
    try {
      return imap.getManagers()
          .getImapHostManager()
          .getInbox(imap.getUserManager().getUser("bounces"))
          .getMessageCount();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static boolean suspended(SampleWorkspace sample) {
    try (Database database = open(sample)) {
      return new Subscribers(database.dataSource())
          .find("public", ALICE)
          .filter(s -> s.status() == Subscriber.Status.SUSPENDED)
          .isPresent();
    }
  }

  private static Database open(SampleWorkspace sample) {
    return Database.open(StateSettings.defaults(), new OutputLayout(sample.out()));
  }

  private static long sent(DeliveryLedger ledger) {
    Instant now = Instant.now();
    ledger.enqueue("2024-W51", "public", "CLEAR", List.of(ALICE), now);
    long id = ledger.entries("2024-W51", "public").get(0).id();
    try (DeliveryRun run = ledger.start("2024-W51", "public", now)) {
      run.claim(id, "<2024-w51." + id + "@cert.example>", now);
      run.sent(id, "250 2.0.0 Ok", now);
    }
    return id;
  }
}
