package org.certbulletin.mail;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import org.certbulletin.files.Digests;
import org.certbulletin.files.OutputLayout;
import org.certbulletin.model.DeliveryReport;
import org.certbulletin.model.Preferences;
import org.certbulletin.model.StateSettings;
import org.certbulletin.model.WeekId;
import org.certbulletin.service.BulletinService;
import org.certbulletin.service.MailService;
import org.certbulletin.service.SendOptions;
import org.certbulletin.store.Database;
import org.certbulletin.testing.CliProcess;
import org.certbulletin.testing.Eventually;
import org.certbulletin.testing.FaultySmtpProxy;
import org.certbulletin.testing.Patience;
import org.certbulletin.testing.SampleWorkspace;
import org.certbulletin.testing.SampleWorkspaceExtension;
import org.certbulletin.testing.TestSmtp;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * The real {@code send} command in a child process, killed with SIGKILL again and again: while it
 * waits to retry a message the server deferred (451), while the server's {@code 250} for a message
 * it already took is on its way back (the window SMTP cannot close), and at random moments, from
 * start-up to mid-list. Half the readers are subscribers who chose vendors or sectors, so the run
 * sends three editions (the whole one and two readers' own) in one queue. Each restart reuses the
 * editions rendered by the first run. Nobody ever gets two copies; the uncertain deliveries (at
 * most one per kill) are reported, and resent only on request.
 */
@Tag("slow")
// waits on processes of its own: runs beside the other tests (junit-platform.properties)
@Execution(ExecutionMode.CONCURRENT)
@ExtendWith(SampleWorkspaceExtension.class)
class SendKillTest {

  private static final WeekId W51 = WeekId.parse("2024-W51");
  private static final int READERS = 120;

  /**
   * A restart costs a child JVM's start: about 2 s of CPU (logging set-up, schema checks, H2 and
   * Flyway), since the edition is rendered by the first run only and kept. 6 kills by default (the
   * suite's budget); {@code -Dsend.kills=60} runs more, {@code -Dsend.seed=N} repeats a run's
   * random choices.
   */
  private static final int KILLS = Integer.getInteger("send.kills", 4);

  private static final Duration WAIT = Duration.ofSeconds(60);

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
            + " \"PT120S\", \"rate_per_second\": 5000, \"retry_attempts\": 4, \"retry_backoff\":"
            + " \"PT60S\"}");
    readers = new ArrayList<>(MailFixture.publicSubscribers(sample, READERS / 2));
    readers.addAll(
        MailFixture.choosingSubscribers(
            sample,
            READERS / 2,
            List.of(
                new Preferences(List.of(), List.of("adobe")),
                new Preferences(List.of("energy"), List.of("google android")))));
  }

  @AfterEach
  void stopProxy() throws Exception {
    proxy.close();
  }

  /** Where a kill lands. */
  private enum Moment {
    /** In the backoff wait after a 451. */
    RETRY_WAIT,
    /** After the server took a message, before the sender heard its 250. */
    ACCEPTED_UNRECORDED,
    /** Anywhere: during start-up, or after a few more messages. */
    RANDOM
  }

  @Test
  void killedAgainAndAgainNobodyGetsTwoCopiesAndTheUncertainAreResentOnRequest() throws Exception {
    long start = System.nanoTime();
    long seed = Long.getLong("send.seed", System.nanoTime());
    Random random = new Random(seed);
    Map<Moment, Integer> kills = new EnumMap<>(Moment.class);
    Set<String> acceptedUnrecorded = new HashSet<>();
    for (int i = 0; i < KILLS; i++) {
      Moment moment =
          i % 4 == 0 ? Moment.RETRY_WAIT : i % 4 == 1 ? Moment.ACCEPTED_UNRECORDED : Moment.RANDOM;
      int received = greenMail.getReceivedMessages().length;
      try (CliProcess send = send()) {
        switch (moment) {
          case RETRY_WAIT -> {
            proxy.deferTransactions(1, "451 4.3.0 Temporary local problem, try again later");
            assertThat(send.awaitLine("trying again in", WAIT)).as(send.output()).isTrue();
            Thread.sleep(random.nextInt(300));
          }
          case ACCEPTED_UNRECORDED -> {
            int held = proxy.heldSoFar();
            proxy.holdAcceptances(1, 120_000);
            Eventually.await(WAIT, "a 250 held back", () -> proxy.heldSoFar() > held);
            MimeMessage[] messages = greenMail.getReceivedMessages();
            acceptedUnrecorded.add(SendTest.recipient(messages[messages.length - 1]));
          }
          case RANDOM -> {
            int target = received + random.nextInt(4);
            assertThat(greenMail.waitForIncomingEmail(Patience.stretched(WAIT).toMillis(), target))
                .as("message %d accepted: %s", target, send.output())
                .isTrue();
            Thread.sleep(random.nextInt(20));
          }
        }
        assertThat(send.isAlive())
            .as("still sending at kill %d (seed %d): %s", i, seed, send.output())
            .isTrue();
        assertThat(send.kill()).as("killed with SIGKILL").isEqualTo(CliProcess.KILLED);
        proxy.deferTransactions(0, "");
        proxy.holdAcceptances(0, 0);
        kills.merge(moment, 1, Integer::sum);
      }
    }
    int killed = kills.values().stream().mapToInt(Integer::intValue).sum();
    assertThat(killed).isEqualTo(KILLS);
    assertThat(greenMail.getReceivedMessages().length)
        .as("the kills came mid-run: some readers are still due")
        .isLessThan(READERS);

    DeliveryReport resumed = send(false);

    List<String> uncertain =
        resumed.uncertain().stream().map(u -> u.substring(0, u.indexOf(" "))).toList();
    Map<String, Long> before = copies();
    assertThat(uncertain)
        .as("at most one per kill, none from a kill while waiting to retry (seed %d)", seed)
        .hasSizeLessThanOrEqualTo(killed - kills.getOrDefault(Moment.RETRY_WAIT, 0))
        .as("each message taken while its 250 was held back")
        .containsAll(acceptedUnrecorded);
    assertThat(resumed.failed()).isEmpty();
    assertThat(resumed.deferred()).isEmpty();
    assertThat(before.keySet()).allMatch(readers::contains);
    for (String reader : readers) {
      assertThat(before.getOrDefault(reader, 0L))
          .as(reader)
          .isBetween(uncertain.contains(reader) ? 0L : 1L, 1L);
    }
    Map<String, Long> duplicates = duplicates();
    assertThat(duplicates).as("nobody got two copies (seed %d)", seed).isEmpty();
    assertThat(attachments()).as("every copy carries the same PDF, rendered once").hasSize(1);
    assertThat(bodies()).as("the whole edition and the two choices'").hasSize(3);

    DeliveryReport resent = send(true);

    assertThat(resent.complete()).as(resent.toString()).isTrue();
    assertThat(resent.sent()).isEqualTo(uncertain.size());
    Map<String, Long> after = copies();
    assertThat(after.keySet()).containsExactlyInAnyOrderElementsOf(readers);
    for (String reader : readers) {
      assertThat(after.get(reader))
          .as(reader)
          .isEqualTo(before.getOrDefault(reader, 0L) + (uncertain.contains(reader) ? 1 : 0));
    }
    System.out.printf(
        Locale.ROOT,
        "SendKillTest: %d kills %s in %.1f s (seed %d); %d duplicates; %d uncertain, of which %d"
            + " had been delivered; resent on request: %d%n",
        killed,
        kills,
        (System.nanoTime() - start) / 1e9,
        seed,
        duplicates.size(),
        uncertain.size(),
        uncertain.stream().filter(r -> before.getOrDefault(r, 0L) > 0).count(),
        resent.sent());
  }

  /** The distinct bodies (all but the PDF) of every message received. */
  private Set<String> bodies() throws Exception {
    Set<String> bodies = new HashSet<>();
    for (MimeMessage message : greenMail.getReceivedMessages()) {
      bodies.add(SendTest.texts(message).get("text/plain"));
    }
    return bodies;
  }

  /** The distinct PDF attachments of every message received. */
  private Set<String> attachments() throws Exception {
    Set<String> pdfs = new HashSet<>();
    for (MimeMessage message : greenMail.getReceivedMessages()) {
      MimeMultipart mixed = (MimeMultipart) message.getContent();
      try (var in = mixed.getBodyPart(1).getInputStream()) {
        pdfs.add(Digests.sha256(in.readAllBytes()));
      }
    }
    return pdfs;
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
