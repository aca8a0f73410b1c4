package org.certbulletin.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.certbulletin.files.OutputLayout;
import org.certbulletin.ingest.DataDirectory;
import org.certbulletin.model.DistributionList;
import org.certbulletin.model.StateSettings;
import org.certbulletin.store.Database;
import org.certbulletin.store.RunHistory;
import org.certbulletin.testing.SampleWorkspace;
import org.certbulletin.testing.SampleWorkspaceExtension;
import org.certbulletin.testing.TestSmtp;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code run --once --week WEEK --dry-run}: a firing rehearsed on the sample, whose weeks are long
 * past, publishing to {@code out/site} and writing every list's mail to the outbox, sending nothing
 * even with SMTP settings.
 */
@ExtendWith(SampleWorkspaceExtension.class)
class RehearsalTest {

  @RegisterExtension static GreenMailExtension greenMail = TestSmtp.server();

  SampleWorkspace sample;

  @BeforeEach
  void copySample(SampleWorkspace sample) {
    this.sample = sample;
    sample.useLocalSmtp(greenMail.getSmtp().getPort());
  }

  @Test
  void rehearsesTheSamplesLastFiringPublishingItAndWritingEveryListsMailToTheOutbox()
      throws Exception {
    CommandLineRun run =
        CommandLineRun.of(
            CommandLineRun.join(
                sample.options(), "run", "--once", "--week", "2024-W51", "--dry-run"));

    assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
    assertThat(run.out())
        .contains("run 1 for 2024-W51 succeeded: published 2024-W51")
        .contains("nothing was sent");
    assertThat(sample.out().resolve("site/2024/W51/bulletin.pdf")).isRegularFile();
    DataDirectory data = new DataDirectory(sample.data());
    List<DistributionList> lists = data.config().lists();
    assertThat(lists).hasSize(3);
    for (DistributionList list : lists) {
      assertThat(emlFiles(sample.out().resolve("outbox/2024-W51/" + list.name())))
          .as("messages to %s", list.name())
          .isEqualTo(data.recipients(list).size());
    }
    assertThat(greenMail.getReceivedMessages()).as("sent by the rehearsal").isEmpty();
    assertThat(runs())
        .hasSize(1 + lists.size())
        .allSatisfy(
            r -> {
              assertThat(r.node()).isEqualTo("rehearsal");
              assertThat(r.trigger()).isEqualTo("manual");
              assertThat(r.week()).isEqualTo("2024-W51");
              assertThat(r.outcome()).isEqualTo(RunHistory.Outcome.SUCCEEDED);
            });

    // control: the same SMTP settings do deliver mail, so the silence above is the dry run's
    CommandLineRun send =
        CommandLineRun.of(
            CommandLineRun.join(sample.options(), "send", "2024-W51", "--list", "government"));
    assertThat(send.exitCode()).as(send.out() + send.err()).isZero();
    assertThat(greenMail.getReceivedMessages()).hasSize(2);
  }

  @Test
  void aFailedRehearsalEmailsNoOperatorWhereTheSameRunForRealDoes() throws Exception {
    CommandLineRun rehearsal =
        CommandLineRun.of(
            CommandLineRun.join(
                sample.options(), "run", "--once", "--week", "2024-W40", "--dry-run"));

    assertThat(rehearsal.exitCode()).as(rehearsal.out() + rehearsal.err()).isEqualTo(1);
    assertThat(rehearsal.out())
        .contains("run 1 for 2024-W40 FAILED: no data for the due week 2024-W40");
    assertThat(greenMail.getReceivedMessages()).as("alerts from a rehearsal").isEmpty();
    assertThat(sample.out().resolve("outbox")).doesNotExist();

    // control: the run for real tells the operators
    CommandLineRun real =
        CommandLineRun.of(
            CommandLineRun.join(sample.options(), "run", "--once", "--week", "2024-W40"));
    assertThat(real.exitCode()).as(real.out() + real.err()).isEqualTo(1);
    assertThat(real.out())
        .contains("for 2024-W40 FAILED: no data for the due week 2024-W40")
        .contains("daemon started: node ")
        .contains("did 1 run (0 succeeded, 1 failed)");
    assertThat(greenMail.waitForIncomingEmail(30_000, 1)).as("the operators' alert").isTrue();
    assertThat(greenMail.getReceivedMessages())
        .singleElement()
        .satisfies(m -> assertThat(m.getSubject()).contains("publishing 2024-W40 failed"));
  }

  @Test
  void weekAndDryRunGoWithOnce() {
    CommandLineRun dryRun =
        CommandLineRun.of(CommandLineRun.join(sample.options(), "run", "--dry-run"));
    CommandLineRun week =
        CommandLineRun.of(CommandLineRun.join(sample.options(), "run", "--week", "2024-W51"));

    assertThat(dryRun.exitCode()).isEqualTo(2);
    assertThat(dryRun.err()).contains("--dry-run runs one firing and goes with --once");
    assertThat(week.exitCode()).isEqualTo(2);
    assertThat(week.err()).contains("--week runs one firing and goes with --once");
    assertThat(sample.out()).doesNotExist();
  }

  @Test
  void aWeekThatHasNotEndedIsAUsageError() {
    CommandLineRun run =
        CommandLineRun.of(
            CommandLineRun.join(
                sample.options(), "run", "--once", "--week", "2099-W01", "--dry-run"));

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("--week: 2099-W01 has not ended yet");
    assertThat(sample.out()).doesNotExist();
  }

  private List<RunHistory.Run> runs() {
    try (Database database =
        Database.open(StateSettings.defaults(), new OutputLayout(sample.out()))) {
      return new RunHistory(database.dataSource()).all();
    }
  }

  private static long emlFiles(Path folder) throws Exception {
    try (Stream<Path> files = Files.list(folder)) {
      return files.filter(f -> f.getFileName().toString().endsWith(".eml")).count();
    }
  }
}
