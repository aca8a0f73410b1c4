package org.certbulletin.mail;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.certbulletin.model.DeliveryReport;
import org.certbulletin.model.WeekId;
import org.certbulletin.service.BulletinService;
import org.certbulletin.service.MailService;
import org.certbulletin.service.SendOptions;
import org.certbulletin.testing.CliProcess;
import org.certbulletin.testing.Patience;
import org.certbulletin.testing.SampleWorkspace;
import org.certbulletin.testing.SampleWorkspaceExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A dry run (or a send without SMTP) stopped by SIGTERM or Ctrl-C stops writing the outbox, keeps
 * what it wrote and says the outbox is incomplete, with exit 143.
 */
@ExtendWith(SampleWorkspaceExtension.class)
class OutboxStopTest {

  private static final WeekId W51 = WeekId.parse("2024-W51");
  private static final Duration WAIT = Duration.ofSeconds(60);

  @Test
  void aStopRequestEndsTheOutboxAndReportsWhatWasNotWritten(SampleWorkspace sample)
      throws Exception {
    List<String> readers = MailFixture.publicSubscribers(sample, 10);
    AtomicInteger polls = new AtomicInteger();

    DeliveryReport report =
        new MailService(new BulletinService(sample.workspace()), MailTransport.SMTP)
            .send(
                W51,
                "public",
                new SendOptions(
                    true,
                    false,
                    Map.of(),
                    Clock.systemUTC(),
                    SendOptions.DEFAULT_OUTBOX_LIMIT,
                    false,
                    () -> polls.incrementAndGet() > 3));

    assertThat(emlFiles(report.outbox().orElseThrow())).isEqualTo(3);
    assertThat(report.recipients()).isEqualTo(10);
    assertThat(report.deferred().keySet()).containsExactlyElementsOf(readers.subList(3, 10));
    assertThat(report.deferred().values()).containsOnly(ListDelivery.STOPPED);
    assertThat(report.complete()).isFalse();
  }

  @Test
  void sigtermDuringADryRunExitsWith143AndSaysTheOutboxIsIncomplete(SampleWorkspace sample)
      throws Exception {
    int readers = 2000;
    MailFixture.publicSubscribers(sample, readers);
    Path outbox = sample.out().resolve("outbox/2024-W51/public");
    List<String> args =
        new ArrayList<>(
            List.of("send", W51.toString(), "--list", "public", "--dry-run", "--force"));
    args.addAll(Arrays.asList(sample.options()));

    try (CliProcess send = CliProcess.start(sample.root().resolve("send.log"), args)) {
      Patience patience = Patience.of(WAIT);
      while (emlFiles(outbox) < 5 && !patience.exhausted() && send.isAlive()) {
        Thread.sleep(10);
      }
      assertThat(send.isAlive()).as(send.output()).isTrue();

      int code = send.terminate(WAIT);

      assertThat(code).as(send.output()).isEqualTo(143);
      assertThat(send.output())
          .contains("stopped by a signal", "the outbox is incomplete")
          .doesNotContain("Exception", "\tat ");
    }
    assertThat(emlFiles(outbox)).as("stopped mid-outbox").isBetween(5L, readers - 1L);
  }

  private static long emlFiles(Path folder) throws Exception {
    if (!Files.isDirectory(folder)) {
      return 0;
    }
    try (var files = Files.list(folder)) {
      return files.filter(f -> f.toString().endsWith(".eml")).count();
    }
  }
}
