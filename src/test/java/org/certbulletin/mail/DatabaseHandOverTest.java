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
import org.certbulletin.testing.Eventually;
import org.certbulletin.testing.FaultySmtpProxy;
import org.certbulletin.testing.Patience;
import org.certbulletin.testing.SampleWorkspace;
import org.certbulletin.testing.SampleWorkspaceExtension;
import org.certbulletin.testing.TestSmtp;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * Two {@code send} processes on the embedded database: the first serves it to the second (H2's
 * AUTO_SERVER). When the serving one is killed, the other's connections break; it reconnects
 * (becoming the server), takes its run's lock again and finishes the list, and nobody gets two
 * copies.
 */
@Tag("slow")
// waits on processes of its own: runs beside the other tests (junit-platform.properties)
@Execution(ExecutionMode.CONCURRENT)
@ExtendWith(SampleWorkspaceExtension.class)
class DatabaseHandOverTest {

  private static final WeekId W51 = WeekId.parse("2024-W51");
  private static final Duration WAIT = Duration.ofSeconds(90);

  @RegisterExtension static GreenMailExtension greenMail = TestSmtp.server();

  SampleWorkspace sample;
  FaultySmtpProxy proxy;

  @AfterEach
  void stopProxy() throws Exception {
    if (proxy != null) {
      proxy.close();
    }
  }

  @Test
  void whenTheServingProcessIsKilledTheOtherTakesOverAndFinishesTheList(SampleWorkspace sample)
      throws Exception {
    this.sample = sample;
    proxy = new FaultySmtpProxy(greenMail.getSmtp().getPort());
    sample.configure(
        "smtp",
        "{\"host\": \"127.0.0.1\", \"port\": "
            + proxy.port()
            + ", \"security\": \"none\", \"from\": \"bulletin@cert.example\", \"timeout\":"
            + " \"PT300S\", \"rate_per_second\": 10}");
    List<String> readers = MailFixture.publicSubscribers(sample, 300);
    List<String> args = new ArrayList<>(List.of("send", W51.toString(), "--list", "public"));
    args.addAll(Arrays.asList(sample.options()));

    try (CliProcess serving = CliProcess.start(sample.root().resolve("a.log"), args)) {
      assertThat(serving.awaitLine("recipients,", WAIT)).as(serving.output()).isTrue();
      // the first process waits on one server reply until the second has started, however slowly
      proxy.holdAcceptances(1, Patience.stretched(WAIT).toMillis());
      Eventually.await(WAIT, "the first process waiting on a reply", () -> proxy.heldSoFar() > 0);
      try (CliProcess other = CliProcess.start(sample.root().resolve("b.log"), args)) {
        assertThat(other.awaitLine("recipients,", WAIT)).as(other.output()).isTrue();
        assertThat(serving.isAlive()).as(serving.output()).isTrue();
        proxy.releaseHeld();
        int now = greenMail.getReceivedMessages().length;
        assertThat(greenMail.waitForIncomingEmail(Patience.stretched(WAIT).toMillis(), now + 6))
            .isTrue();

        assertThat(serving.kill()).isEqualTo(CliProcess.KILLED);

        // exit 1 when the killed run left a delivery uncertain
        assertThat(other.await(WAIT)).as(other.output()).isIn(0, 1);
        assertThat(other.output())
            .contains("the state database is back; sending goes on")
            .doesNotContain("error:");
        other.output().lines().filter(l -> l.contains("DeliveryRun")).forEach(System.out::println);
      }
    }

    DeliveryReport resumed = send(false);

    assertThat(resumed.sent()).as("the other run finished the list").isZero();
    List<String> uncertain =
        resumed.uncertain().stream().map(u -> u.substring(0, u.indexOf(" "))).toList();
    assertThat(uncertain).as("at most the killed run's one").hasSizeLessThanOrEqualTo(1);
    Map<String, Long> before = copies();
    for (String reader : readers) {
      assertThat(before.getOrDefault(reader, 0L))
          .as(reader)
          .isBetween(uncertain.contains(reader) ? 0L : 1L, 1L);
    }
    DeliveryReport resent = send(true);
    assertThat(resent.complete()).as(resent.toString()).isTrue();
    assertThat(resent.sent()).isEqualTo(uncertain.size());
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
