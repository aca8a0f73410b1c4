package org.certbulletin.service;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import jakarta.mail.internet.MimeMessage;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.certbulletin.files.OutputLayout;
import org.certbulletin.ingest.DataDirectory;
import org.certbulletin.model.Config;
import org.certbulletin.model.StateSettings;
import org.certbulletin.store.Database;
import org.certbulletin.store.RunHistory;
import org.certbulletin.store.WeekVersions;
import org.certbulletin.testing.Patience;
import org.certbulletin.testing.SampleWorkspace;
import org.certbulletin.testing.TestSmtp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A failed run is recorded with its reason and the operators get an email, through a real SMTP
 * server.
 */
class OperatorAlertsTest {

  @RegisterExtension static GreenMailExtension smtp = TestSmtp.server();

  @TempDir Path root;

  @Test
  void aFailedRunIsRecordedAndEmailedToTheOperators() throws Exception {
    SampleWorkspace sample = SampleWorkspace.copyTo(root);
    sample.useLocalSmtp(smtp.getSmtp().getPort());
    Config config = new DataDirectory(sample.data()).config();
    try (Database database =
        Database.open(StateSettings.defaults(), new OutputLayout(sample.out()))) {
      RunHistory history = new RunHistory(database.dataSource());
      ScheduledPublish publish =
          new ScheduledPublish(
              () -> new BulletinService(sample.workspace()),
              () ->
                  new ReviewDesk(
                      () -> new WeekVersions(database.dataSource()),
                      Clock.systemUTC(),
                      () -> config.approval()),
              history,
              new OperatorAlerts(config, Map.of()),
              config.schedule().orElseThrow(),
              Clock.systemUTC(),
              "local",
              RunRecorder.Audit.NONE);

      RunResult result =
          publish.run(Instant.parse("2026-11-25T02:00:00Z"), TriggerKind.SCHEDULE, 1);

      assertThat(result.succeeded()).isFalse();
      assertThat(history.all())
          .singleElement()
          .satisfies(
              run -> {
                assertThat(run.outcome()).isEqualTo(RunHistory.Outcome.FAILED);
                assertThat(run.week()).isEqualTo("2026-W47");
                assertThat(run.detail().orElseThrow()).contains("2026-W47.json does not exist");
              });
    }
    assertThat(smtp.waitForIncomingEmail(Patience.stretched(Duration.ofSeconds(10)).toMillis(), 1))
        .isTrue();
    MimeMessage alert = smtp.getReceivedMessages()[0];
    assertThat(alert.getAllRecipients()[0].toString()).isEqualTo("soc@cert.example");
    assertThat(alert.getSubject())
        .isEqualTo("[cert-bulletin SN-CERT] publishing 2026-W47 failed (attempt 1)");
    assertThat(GreenMailUtil.getBody(alert))
        .contains("Week:      2026-W47", "Trigger:   schedule", "does not exist");
  }
}
