package org.certbulletin.mail;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;
import org.certbulletin.files.OutputLayout;
import org.certbulletin.model.StateSettings;
import org.certbulletin.model.WeekId;
import org.certbulletin.service.BulletinService;
import org.certbulletin.service.MailService;
import org.certbulletin.service.SendOptions;
import org.certbulletin.store.Database;
import org.certbulletin.testing.CliProcess;
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
 * The real {@code send} command in a child process, killed with SIGKILL again and again: right
 * after the server accepted a message, at random moments, and while it waits to retry a refused
 * one. Nobody ever gets two copies; the uncertain deliveries (at most one per kill) are reported,
 * and resent only on request.
 */
@Tag("slow")
@ExtendWith(SampleWorkspaceExtension.class)
class SendKillTest {

  private static final WeekId W51 = WeekId.parse("2024-W51");
  private static final int READERS = 120;

  /**
   * Each kill costs a child JVM's start and its render of the PDF (3 to 10 s on two busy cores), so
   * the class runs 12 by default; {@code -Dsend.kills=30} runs more.
   */
  private static final int KILLS = Integer.getInteger("send.kills", 12);

  private static final Duration WAIT = Duration.ofSeconds(30);

  @RegisterExtension static GreenMailExtension greenMail = TestSmtp.server();

  SampleWorkspace sample;
  FaultySmtpProxy proxy;
  List<String> readers;

  @BeforeEach
  void setUp(SampleWorkspace sample) throws Exception {
    this.sample = sample;
    proxy = new FaultySmtpProxy(greenMail.getSmtp().getPort());
    sample.configure(
        "smtp",
        "{\"host\": \"127.0.0.1\", \"port\": "
            + proxy.port()
            + ", \"security\": \"none\", \"from\": \"bulletin@cert.example\", \"timeout\":"
            + " \"PT10S\", \"rate_per_second\": 5000, \"retry_attempts\": 4, \"retry_backoff\":"
            + " \"PT2S\"}");
    readers = MailFixture.publicSubscribers(sample, READERS);
  }

  @AfterEach
  void stopProxy() throws Exception {
    proxy.close();
  }

  @Test
  void killedAgainAndAgainNobodyGetsTwoCopiesAndTheUncertainAreResentOnRequest() throws Exception {
    long seed = System.nanoTime();
    Random random = new Random(seed);
    int kills = 0;
    int killsWhileWaiting = 0;
    while (kills < KILLS) {
      int received = greenMail.getReceivedMessages().length;
      try (CliProcess send = send()) {
        boolean waiting = kills % 3 == 0;
        if (waiting) {
          proxy.deferTransactions(1, "451 4.3.0 Temporary local problem, try again later");
          assertThat(send.awaitLine("trying again in", WAIT)).as(send.output()).isTrue();
          Thread.sleep(random.nextInt(300));
        } else {
          int target = received + 1 + random.nextInt(4);
          assertThat(greenMail.waitForIncomingEmail(WAIT.toMillis(), target))
              .as("message %d accepted: %s", target, send.output())
              .isTrue();
          if (kills % 3 == 2) {
            Thread.sleep(random.nextInt(15));
          }
        }
        assertThat(send.isAlive()).as("still sending (seed %d): %s", seed, send.output()).isTrue();
        assertThat(send.kill()).as("killed with SIGKILL").isEqualTo(CliProcess.KILLED);
        proxy.deferTransactions(0, "");
        kills++;
        killsWhileWaiting += waiting ? 1 : 0;
      }
    }
    assertThat(greenMail.getReceivedMessages().length)
        .as("the kills came mid-run: some readers are still due")
        .isLessThan(READERS);

    DeliveryReport resumed = send(false);

    List<String> uncertain =
        resumed.uncertain().stream().map(u -> u.substring(0, u.indexOf(" "))).toList();
    assertThat(uncertain)
        .as("at most one per kill, none from a kill while waiting to retry (seed %d)", seed)
        .hasSizeLessThanOrEqualTo(kills - killsWhileWaiting);
    assertThat(resumed.failed()).isEmpty();
    assertThat(resumed.deferred()).isEmpty();
    Map<String, Long> copies = copies();
    assertThat(copies.keySet()).allMatch(readers::contains);
    for (String reader : readers) {
      assertThat(copies.getOrDefault(reader, 0L))
          .as(reader)
          .isBetween(uncertain.contains(reader) ? 0L : 1L, 1L);
    }
    assertThat(duplicates()).as("nobody got two copies").isEmpty();

    DeliveryReport resent = send(true);

    assertThat(resent.complete()).as(resent.toString()).isTrue();
    Map<String, Long> after = copies();
    assertThat(after.keySet()).containsExactlyInAnyOrderElementsOf(readers);
    for (String reader : readers) {
      assertThat(after.get(reader)).as(reader).isBetween(1L, uncertain.contains(reader) ? 2L : 1L);
    }
  }

  @Test
  void theCountingCatchesADuplicate() throws Exception {
    assertThat(send(false).sent()).isEqualTo(READERS);
    assertThat(duplicates()).isEmpty();
    String victim = readers.get(17);
    try (Database database =
            Database.open(StateSettings.defaults(), new OutputLayout(sample.out()));
        Connection c = database.dataSource().getConnection();
        PreparedStatement s =
            c.prepareStatement("UPDATE cb_delivery SET status = 'QUEUED' WHERE recipient = ?")) {
      s.setString(1, victim);
      assertThat(s.executeUpdate()).isOne();
    }

    assertThat(send(false).sent()).isOne();

    assertThat(duplicates()).containsOnlyKeys(victim);
  }

  private CliProcess send() {
    List<String> args = new ArrayList<>(List.of("send", W51.toString(), "--list", "public"));
    args.addAll(Arrays.asList(sample.options()));
    return CliProcess.start(sample.root().resolve("send.log"), args);
  }

  private DeliveryReport send(boolean resendUncertain) throws Exception {
    return new MailService(new BulletinService(sample.workspace()), MailTransport.SMTP)
        .send(W51, "public", new SendOptions(false, resendUncertain, Map.of(), Clock.systemUTC()));
  }

  private Map<String, Long> copies() {
    return Arrays.stream(greenMail.getReceivedMessages())
        .collect(Collectors.groupingBy(SendTest::recipient, Collectors.counting()));
  }

  private Map<String, Long> duplicates() {
    return copies().entrySet().stream()
        .filter(e -> e.getValue() > 1)
        .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
  }
}
