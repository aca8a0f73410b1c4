package org.certbulletin.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.certbulletin.files.OutputLayout;
import org.certbulletin.model.DeliveryReport;
import org.certbulletin.model.StateSettings;
import org.certbulletin.model.WeekId;
import org.certbulletin.service.BulletinService;
import org.certbulletin.service.MailService;
import org.certbulletin.service.SendOptions;
import org.certbulletin.store.Database;
import org.certbulletin.store.DeliveryLedger;
import org.certbulletin.testing.Eventually;
import org.certbulletin.testing.SampleWorkspace;
import org.certbulletin.testing.SampleWorkspaceExtension;
import org.certbulletin.testing.TestSmtp;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A send held back by its rate waits before it claims the next delivery: while it waits, the
 * message before is recorded as sent and nothing is SENDING, so a kill then leaves nothing
 * uncertain.
 */
@Tag("slow")
@ExtendWith(SampleWorkspaceExtension.class)
class PacedDeliveryTest {

  private static final WeekId W51 = WeekId.parse("2024-W51");

  @RegisterExtension static GreenMailExtension greenMail = TestSmtp.server();

  @Test
  void whileThePacerWaitsNothingIsClaimed(SampleWorkspace sample) throws Exception {
    sample.configure(
        "smtp",
        "{\"host\": \"127.0.0.1\", \"port\": "
            + greenMail.getSmtp().getPort()
            + ", \"security\": \"none\", \"from\": \"bulletin@cert.example\", \"timeout\":"
            + " \"PT10S\", \"rate_per_second\": 0.1}");
    List<String> readers = MailFixture.publicSubscribers(sample, 3);
    ExecutorService executor = Executors.newSingleThreadExecutor();
    try (Database database =
        Database.open(StateSettings.defaults(), new OutputLayout(sample.out()))) {
      DeliveryLedger ledger = new DeliveryLedger(database.dataSource());
      Future<DeliveryReport> send =
          executor.submit(
              () ->
                  new MailService(new BulletinService(sample.workspace()), MailTransport.SMTP)
                      .send(
                          W51,
                          "public",
                          new SendOptions(false, false, Map.of(), Clock.systemUTC())));
      Eventually.await(
          Duration.ofSeconds(60),
          "the first message recorded as sent",
          () -> counts(ledger).sent() == 1);

      assertThat(greenMail.getReceivedMessages()).hasSize(1);
      assertThat(counts(ledger))
          .as("waiting ten seconds for the next message, with nothing claimed")
          .isEqualTo(new DeliveryLedger.Counts(1, 2, 0, 0, 0));

      send.cancel(true);
      assertThatThrownBy(send::get).isNotInstanceOf(ExecutionException.class);
      executor.shutdown();
      assertThat(executor.awaitTermination(30, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
      assertThat(counts(ledger))
          .as("stopped while it waited: nothing uncertain")
          .isEqualTo(new DeliveryLedger.Counts(1, 2, 0, 0, 0));
      assertThat(ledger.entries(W51.toString(), "public"))
          .extracting(DeliveryLedger.Entry::recipient)
          .containsExactlyElementsOf(readers);
    } finally {
      executor.shutdownNow();
    }
  }

  private static DeliveryLedger.Counts counts(DeliveryLedger ledger) {
    return ledger
        .counts(W51.toString())
        .getOrDefault("public", new DeliveryLedger.Counts(0, 0, 0, 0, 0));
  }
}
