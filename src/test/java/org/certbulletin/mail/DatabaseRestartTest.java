package org.certbulletin.mail;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.certbulletin.model.DeliveryReport;
import org.certbulletin.model.WeekId;
import org.certbulletin.service.BulletinService;
import org.certbulletin.service.MailService;
import org.certbulletin.service.SendOptions;
import org.certbulletin.testing.CliProcess;
import org.certbulletin.testing.Patience;
import org.certbulletin.testing.RestartablePostgres;
import org.certbulletin.testing.SampleWorkspace;
import org.certbulletin.testing.SampleWorkspaceExtension;
import org.certbulletin.testing.TestSmtp;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The PostgreSQL server restarted under two {@code send} processes sharing a list: both wait for it
 * and go on, nobody gets two copies, and nobody is left out once the uncertain deliveries (at most
 * one per process) are resent on request.
 */
@Tag("slow")
@ExtendWith(SampleWorkspaceExtension.class)
class DatabaseRestartTest {

  private static final WeekId W51 = WeekId.parse("2024-W51");
  private static final int READERS = 400;
  private static final Duration WAIT = Duration.ofSeconds(90);

  @RegisterExtension static GreenMailExtension greenMail = TestSmtp.server();

  @Test
  void sendersWaitForARestartedDatabaseAndNobodyGetsTwoCopies(SampleWorkspace sample)
      throws Exception {
    try (RestartablePostgres postgres =
        RestartablePostgres.start(sample.root().resolve("postgres"))) {
      sample.configure(
          "smtp",
          "{\"host\": \"127.0.0.1\", \"port\": "
              + greenMail.getSmtp().getPort()
              + ", \"security\": \"none\", \"from\": \"bulletin@cert.example\", \"timeout\":"
              + " \"PT10S\", \"rate_per_second\": 40}");
      sample.configure("state", "{\"jdbc_url\": \"" + postgres.jdbcUrl() + "\"}");
      List<String> readers = MailFixture.publicSubscribers(sample, READERS);
      List<String> args = new ArrayList<>(List.of("send", W51.toString(), "--list", "public"));
      args.addAll(Arrays.asList(sample.options()));

      String first;
      String second;
      try (CliProcess a = CliProcess.start(sample.root().resolve("a.log"), args);
          CliProcess b = CliProcess.start(sample.root().resolve("b.log"), args)) {
        assertThat(greenMail.waitForIncomingEmail(Patience.stretched(WAIT).toMillis(), 60))
            .as("sending under way: %s%n%s", a.output(), b.output())
            .isTrue();
        postgres.stop();
        int during = greenMail.getReceivedMessages().length;
        Thread.sleep(4_000);
        assertThat(a.isAlive()).as("waiting: %s", a.output()).isTrue();
        assertThat(b.isAlive()).as("waiting: %s", b.output()).isTrue();
        assertThat(greenMail.getReceivedMessages().length - during)
            .as("at most one message each goes out before its sender notices")
            .isLessThanOrEqualTo(2);
        postgres.startAgain();

        assertThat(a.await(WAIT)).as(a.output()).isIn(0, 1);
        assertThat(b.await(WAIT)).as(b.output()).isIn(0, 1);
        first = a.output();
        second = b.output();
      }
      (first + "\n" + second)
          .lines()
          .filter(l -> l.contains("state database") || l.contains("sent now"))
          .forEach(l -> System.out.println("restart: " + l));
      assertThat(first + second).contains("lost the connection to the state database");
      for (String output : List.of(first, second)) {
        assertThat(output).as("each waited or was never cut off").doesNotContain("error:");
        if (output.contains("lost the connection")) {
          assertThat(output).contains("the state database is back; sending goes on");
        }
      }

      DeliveryReport resumed = send(sample, false);

      List<String> uncertain =
          resumed.uncertain().stream().map(u -> u.substring(0, u.indexOf(' '))).toList();
      assertThat(uncertain).as("at most one per process").hasSizeLessThanOrEqualTo(2);
      assertThat(resumed.failed()).isEmpty();
      assertThat(resumed.deferred()).isEmpty();
      Map<String, Long> copies = copies();
      assertThat(copies.keySet()).allMatch(readers::contains);
      for (String reader : readers) {
        assertThat(copies.getOrDefault(reader, 0L))
            .as(reader)
            .isBetween(uncertain.contains(reader) ? 0L : 1L, 1L);
      }

      DeliveryReport resent = send(sample, true);

      assertThat(resent.complete()).as(resent.toString()).isTrue();
      assertThat(copies().keySet()).containsExactlyInAnyOrderElementsOf(readers);
    }
  }

  private static DeliveryReport send(SampleWorkspace sample, boolean resendUncertain)
      throws Exception {
    return new MailService(new BulletinService(sample.workspace()), MailTransport.SMTP)
        .send(W51, "public", new SendOptions(false, resendUncertain, Map.of(), Clock.systemUTC()));
  }

  private static Map<String, Long> copies() {
    return Arrays.stream(greenMail.getReceivedMessages())
        .collect(Collectors.groupingBy(SendTest::recipient, Collectors.counting()));
  }
}
