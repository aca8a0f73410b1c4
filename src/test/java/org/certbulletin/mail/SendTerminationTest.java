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
import org.certbulletin.testing.SampleWorkspace;
import org.certbulletin.testing.SampleWorkspaceExtension;
import org.certbulletin.testing.TestSmtp;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The real {@code send} in a child process stopped with SIGTERM mid-send: it stops cleanly (no
 * "Database is already closed", no stack trace, exit 143), the ledger is consistent, and a second
 * run completes the list with exactly one copy per recipient.
 */
@Tag("slow")
@ExtendWith(SampleWorkspaceExtension.class)
class SendTerminationTest {

  private static final WeekId W51 = WeekId.parse("2024-W51");
  private static final int READERS = 80;
  private static final Duration WAIT = Duration.ofSeconds(60);

  @RegisterExtension static GreenMailExtension greenMail = TestSmtp.server();

  @Test
  void sigtermMidSendStopsCleanlyAndTheNextRunCompletesWithOneCopyEach(SampleWorkspace sample)
      throws Exception {
    sample.configure(
        "smtp",
        "{\"host\": \"127.0.0.1\", \"port\": "
            + greenMail.getSmtp().getPort()
            + ", \"security\": \"none\", \"from\": \"bulletin@cert.example\", \"timeout\":"
            + " \"PT10S\", \"rate_per_second\": 10, \"retry_attempts\": 2, \"retry_backoff\":"
            + " \"PT1S\"}");
    List<String> readers = MailFixture.publicSubscribers(sample, READERS);
    List<String> args = new ArrayList<>(List.of("send", W51.toString(), "--list", "public"));
    args.addAll(Arrays.asList(sample.options()));

    try (CliProcess send = CliProcess.start(sample.root().resolve("send.log"), args)) {
      assertThat(greenMail.waitForIncomingEmail(Patience.stretched(WAIT).toMillis(), 5))
          .as("sending: %s", send.output())
          .isTrue();
      assertThat(send.isAlive()).as(send.output()).isTrue();

      int code = send.terminate(WAIT);

      assertThat(code).as(send.output()).isEqualTo(143);
      assertThat(send.output())
          .contains("stopped by a signal", "run the same command again to send to the")
          .doesNotContain("already closed", "Exception", "\tat ");
    }
    int received = greenMail.getReceivedMessages().length;
    assertThat(received).as("stopped mid-send").isLessThan(READERS);

    DeliveryReport rest =
        new MailService(new BulletinService(sample.workspace()), MailTransport.SMTP)
            .send(W51, "public", new SendOptions(false, false, Map.of(), Clock.systemUTC()));

    assertThat(rest.uncertain()).as("a clean stop leaves nothing in doubt").isEmpty();
    assertThat(rest.complete()).as(rest.toString()).isTrue();
    assertThat(rest.alreadySent()).isEqualTo(received);
    Map<String, Long> copies =
        Arrays.stream(greenMail.getReceivedMessages())
            .collect(Collectors.groupingBy(SendTest::recipient, Collectors.counting()));
    assertThat(copies.keySet()).containsExactlyInAnyOrderElementsOf(readers);
    assertThat(copies.values()).as("one copy each").containsOnly(1L);
  }
}
