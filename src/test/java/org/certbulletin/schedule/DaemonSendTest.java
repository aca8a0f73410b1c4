package org.certbulletin.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.certbulletin.files.OutputLayout;
import org.certbulletin.model.StateSettings;
import org.certbulletin.service.Application;
import org.certbulletin.service.ScheduledRun;
import org.certbulletin.service.ScheduledRun.Outcome;
import org.certbulletin.service.StatusReport;
import org.certbulletin.store.Database;
import org.certbulletin.store.DeliveryLedger;
import org.certbulletin.testing.Eventually;
import org.certbulletin.testing.FaultySmtpProxy;
import org.certbulletin.testing.SampleWorkspace;
import org.certbulletin.testing.ScheduleFixture;
import org.certbulletin.testing.TestSmtp;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * After the scheduled publish, the daemon emails every list its edition, each list in its own job;
 * a list that did not reach everyone is reported to the operators.
 */
@Tag("slow")
class DaemonSendTest {

  @RegisterExtension static GreenMailExtension greenMail = TestSmtp.server();

  @TempDir Path root;

  @Test
  void everyListGetsItsEditionAfterTheScheduledPublishAndStatusCountsThem() throws Exception {
    SampleWorkspace sample = SampleWorkspace.copyTo(root);
    ScheduleFixture.dataForTheWeekDueNow(sample, 2);
    try (FaultySmtpProxy proxy = new FaultySmtpProxy(greenMail.getSmtp().getPort())) {
      proxy.rejectRecipient("cert@energy.example", "550 5.1.1 User unknown");
      sample.useLocalSmtp(proxy.port());
      Instant firing = Instant.now().plusSeconds(10).truncatedTo(ChronoUnit.SECONDS);
      ScheduleFixture.schedule(sample, ScheduleFixture.onceAt(firing), "fire_once");

      try (Daemon daemon =
          Daemon.start(
              sample.workspace(),
              new Daemon.Options(Duration.ofSeconds(60), Map.of(), Clock.systemUTC()))) {
        Eventually.await(
            Duration.ofMinutes(2),
            "the publish and three sends",
            () -> daemon.runs().stream().filter(r -> r.outcome() != Outcome.RUNNING).count() >= 4);

        Set<String> jobs =
            daemon.runs().stream().map(ScheduledRun::job).collect(Collectors.toSet());
        assertThat(jobs)
            .containsExactlyInAnyOrder(
                "publish", "send:public", "send:sector-partners", "send:government");
        assertThat(daemon.runs())
            .filteredOn(r -> r.job().equals("send:public"))
            .allSatisfy(r -> assertThat(r.outcome()).isEqualTo(Outcome.SUCCEEDED));
        assertThat(daemon.runs())
            .filteredOn(r -> r.job().equals("send:sector-partners"))
            .singleElement()
            .satisfies(
                r -> {
                  assertThat(r.outcome()).isEqualTo(Outcome.FAILED);
                  assertThat(r.detail().orElseThrow()).contains("1 failed", "cert@energy.example");
                });
      }
      assertThat(
              Arrays.stream(greenMail.getReceivedMessages())
                  .map(
                      m -> {
                        try {
                          return m.getAllRecipients()[0].toString();
                        } catch (jakarta.mail.MessagingException e) {
                          throw new IllegalStateException(e);
                        }
                      }))
          .hasSize(4 + 2 + 2 + 1)
          .doesNotHaveDuplicates()
          .contains("soc@cert.example");
      StatusReport status =
          Application.open(sample.workspace(), Map.of(), Clock.systemUTC()).scheduling().status(10);
      assertThat(status.lines())
          .anySatisfy(l -> assertThat(l).contains("public", "4 sent", "0 pending"))
          .anySatisfy(l -> assertThat(l).contains("sector-partners", "2 sent", "1 failed"));
    }
  }

  @Test
  void aSendRunningWhenTheDaemonStopsEndsBeforeItsNextMessageAndLeavesTheRestDue()
      throws Exception {
    // the server is shared by the class: the messages counted below must be this test's
    greenMail.purgeEmailFromAllMailboxes();
    SampleWorkspace sample = SampleWorkspace.copyTo(root);
    ScheduleFixture.dataForTheWeekDueNow(sample, 2);
    StringBuilder readers = new StringBuilder();
    for (int i = 0; i < 200; i++) {
      readers.append(String.format(Locale.ROOT, "reader%04d@example.org%n", i));
    }
    Files.writeString(sample.data().resolve("lists/public.txt"), readers);
    sample.useLocalSmtp(greenMail.getSmtp().getPort());
    sample.editConfig(json -> json.replace("\"rate_per_second\": 5000", "\"rate_per_second\": 4"));
    Instant firing = Instant.now().plusSeconds(10).truncatedTo(ChronoUnit.SECONDS);
    ScheduleFixture.schedule(sample, ScheduleFixture.onceAt(firing), "fire_once");

    String week;
    try (Daemon daemon =
        Daemon.start(
            sample.workspace(),
            new Daemon.Options(Duration.ofSeconds(60), Map.of(), Clock.systemUTC()))) {
      Eventually.await(
          Duration.ofMinutes(2),
          "a few messages of the public list",
          () -> greenMail.getReceivedMessages().length >= 5);
      week = daemon.runs().get(0).week();
    }

    try (Database database =
        Database.open(StateSettings.defaults(), new OutputLayout(sample.out()))) {
      DeliveryLedger.Counts counts =
          new DeliveryLedger(database.dataSource()).counts(week).get("public");
      assertThat(counts.uncertain()).as("uncertain").isZero();
      assertThat(counts.inFlight()).as("in flight").isZero();
      assertThat(counts.pending())
          .as("still due: the send stopped instead of running on through the grace period")
          .isGreaterThan(100);
      assertThat(counts.sent()).as("sent before the stop").isPositive();
    }
  }
}
