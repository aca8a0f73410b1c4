package org.certbulletin.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.certbulletin.files.OutputLayout;
import org.certbulletin.model.StateSettings;
import org.certbulletin.model.WeekId;
import org.certbulletin.publish.ProgressListener;
import org.certbulletin.service.BulletinService;
import org.certbulletin.store.Database;
import org.certbulletin.store.RunHistory;
import org.certbulletin.store.RunHistory.Outcome;
import org.certbulletin.testing.Eventually;
import org.certbulletin.testing.SampleWorkspace;
import org.certbulletin.testing.SampleWorkspaceExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The daemon as a real process: killed in the middle of a run, or asked to stop with SIGTERM. */
@Tag("slow")
@ExtendWith(SampleWorkspaceExtension.class)
class DaemonProcessTest {

  private static final Duration WAIT = Duration.ofMinutes(3);

  SampleWorkspace sample;
  Process process;
  WeekId due;

  @BeforeEach
  void prepare(SampleWorkspace sample) throws Exception {
    this.sample = sample;
    new BulletinService(sample.workspace()).publish(ProgressListener.NONE);
    due = ScheduleFixture.dataForTheWeekDueNow(sample, 400);
  }

  @AfterEach
  void killProcess() {
    if (process != null && process.isAlive()) {
      process.destroyForcibly();
    }
  }

  @Test
  void aJobKilledMidRunLeavesTheArchiveAsItWasAndIsRecoveredOnTheNextStart() throws Exception {
    Map<String, String> before = SampleWorkspace.snapshot(sample.out().resolve("site"));
    process = daemonProcess("run", "--now");
    Eventually.await(
        WAIT,
        "the run to start",
        () -> runs().stream().anyMatch(r -> r.outcome() == Outcome.RUNNING));
    Thread.sleep(1500);

    process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);

    assertThat(SampleWorkspace.snapshot(sample.out().resolve("site")))
        .as("archive after the kill")
        .isEqualTo(before);
    try (Daemon daemon =
        Daemon.start(
            sample.workspace(),
            new Daemon.Options(Duration.ofSeconds(60), Map.of(), Clock.systemUTC()))) {
      Eventually.await(
          WAIT,
          "the recovered run",
          () -> daemon.history().all().stream().anyMatch(r -> r.outcome() == Outcome.SUCCEEDED));
      List<RunHistory.Run> runs = daemon.history().all();
      assertThat(runs.get(0).outcome()).isEqualTo(Outcome.ABANDONED);
      assertThat(runs)
          .filteredOn(r -> r.outcome() == Outcome.SUCCEEDED)
          .singleElement()
          .satisfies(r -> assertThat(r.trigger()).isEqualTo("recovery"));
    }
    assertThat(sample.out().resolve("site/" + OutputLayout.archivePath(due) + "/bulletin.pdf"))
        .exists();
    assertThat(sample.out().resolve("site/2024/W51/bulletin.pdf")).exists();
  }

  @Test
  void sigtermLetsTheRunningJobFinishThenExits() throws Exception {
    process = daemonProcess("run", "--now");
    Eventually.await(
        WAIT,
        "the run to start",
        () -> runs().stream().anyMatch(r -> r.outcome() == Outcome.RUNNING));

    process.destroy();

    assertThat(process.waitFor(WAIT.toSeconds(), TimeUnit.SECONDS)).as("exited").isTrue();
    assertThat(process.exitValue()).isIn(0, 143);
    assertThat(runs())
        .singleElement()
        .satisfies(
            r -> assertThat(r.outcome()).as(r.detail().orElse("")).isEqualTo(Outcome.SUCCEEDED));
    assertThat(sample.out().resolve("site/" + OutputLayout.archivePath(due) + "/bulletin.pdf"))
        .exists();
  }

  private Process daemonProcess(String... args) throws Exception {
    List<String> command =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m",
                "-cp",
                System.getProperty("java.class.path"),
                "org.certbulletin.cli.Main"));
    command.addAll(List.of(args));
    command.addAll(List.of(sample.options()));
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(sample.root().resolve("daemon.log").toFile());
    builder.environment().put("CERT_BULLETIN_LOG", "info");
    return builder.start();
  }

  /** The run history, read through the daemon's own database server while it runs. */
  private List<RunHistory.Run> runs() {
    if (!new File(sample.out().resolve("state/cert-bulletin.mv.db").toString()).exists()) {
      return List.of();
    }
    try (Database database =
        Database.open(StateSettings.defaults(), new OutputLayout(sample.out()))) {
      return new RunHistory(database.dataSource()).all();
    } catch (RuntimeException e) {
      return List.of();
    }
  }
}
