package org.certbulletin.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.certbulletin.files.LockHeldException;
import org.certbulletin.files.OutputLayout;
import org.certbulletin.model.AuditEntry;
import org.certbulletin.model.Principal;
import org.certbulletin.model.WeekId;
import org.certbulletin.service.Application;
import org.certbulletin.service.AuditQuery;
import org.certbulletin.service.RunResult;
import org.certbulletin.service.ScheduledRun;
import org.certbulletin.service.ScheduledRun.Outcome;
import org.certbulletin.testing.Eventually;
import org.certbulletin.testing.SampleWorkspace;
import org.certbulletin.testing.ScheduleFixture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The daemon on real Quartz with its job store in a real H2 database on disk. */
@Tag("slow")
class DaemonTest {

  private static final Duration WAIT = Duration.ofSeconds(90);

  @TempDir Path root;

  SampleWorkspace sample;
  Daemon daemon;

  @BeforeEach
  void copySample() {
    sample = SampleWorkspace.copyTo(root);
  }

  @AfterEach
  void stop() {
    if (daemon != null) {
      daemon.close();
    }
  }

  @Test
  void aFiringPublishesTheDueWeek() throws Exception {
    WeekId due = ScheduleFixture.dataForTheWeekDueNow(sample, 3);
    Instant firing = Instant.now().plusSeconds(10).truncatedTo(ChronoUnit.SECONDS);
    ScheduleFixture.schedule(sample, ScheduleFixture.onceAt(firing), "fire_once");

    daemon = start(Duration.ofSeconds(60));
    Eventually.await(WAIT, "a finished run", () -> finished(daemon.runs()).size() == 1);

    ScheduledRun run = daemon.runs().get(0);
    assertThat(run.outcome()).as(run.detail().orElse("")).isEqualTo(Outcome.SUCCEEDED);
    assertThat(run.trigger()).isEqualTo("schedule");
    assertThat(run.week()).isEqualTo(due.toString());
    assertThat(run.scheduled()).isEqualTo(firing);
    assertThat(sample.out().resolve("site/" + OutputLayout.archivePath(due) + "/bulletin.pdf"))
        .exists();
  }

  @ParameterizedTest(name = "misfire {0}")
  @CsvSource({"fire_once, catch-up", "skip, schedule"})
  void firingsMissedWhileDownAreCaughtUpOnceOrSkippedAsConfigured(
      String misfire, String firstTrigger) throws Exception {
    ScheduleFixture.dataForTheWeekDueNow(sample, 1);
    ScheduleFixture.schedule(sample, "0/2 * * * * ?", misfire);
    daemon = start(Duration.ofMillis(500));
    daemon.close();
    Thread.sleep(5_000);

    Instant restart = Instant.now();
    daemon = start(Duration.ofMillis(500));
    Eventually.await(
        WAIT,
        "the first run after the restart",
        () -> finished(daemon.runs()).stream().anyMatch(r -> !r.started().isBefore(restart)));
    daemon.close();

    List<ScheduledRun> afterRestart =
        storedRuns().stream().filter(r -> !r.started().isBefore(restart)).toList();
    assertThat(afterRestart.get(0).trigger())
        .as("the same wait shows a catch-up with fire_once and none with skip")
        .isEqualTo(firstTrigger);
    assertThat(afterRestart)
        .filteredOn(r -> r.trigger().equals("catch-up"))
        .as("two or three missed firings make one catch-up at most")
        .hasSizeLessThanOrEqualTo(1);
  }

  @Test
  void aMissingDueWeekFailsLoudlyAndIsRetried() throws Exception {
    Instant firing = Instant.now().plusSeconds(10).truncatedTo(ChronoUnit.SECONDS);
    ScheduleFixture.schedule(sample, ScheduleFixture.onceAt(firing), "fire_once");
    Path config = sample.data().resolve("config.json");
    Files.writeString(
        config,
        Files.readString(config)
            .replace("\"retry_every\": \"PT1H\"", "\"retry_every\": \"PT2S\"")
            .replace("\"give_up_after\": \"P2D\"", "\"give_up_after\": \"PT1M\""));

    daemon = start(Duration.ofSeconds(60));
    Eventually.await(WAIT, "a failed run", () -> !finished(daemon.runs()).isEmpty());
    ScheduledRun failed = daemon.runs().get(0);
    assertThat(failed.outcome()).isEqualTo(Outcome.FAILED);
    assertThat(failed.detail().orElseThrow())
        .contains("no data for the due week " + failed.week(), "does not exist");

    ScheduleFixture.dataForTheWeekDueNow(sample, 1);
    Eventually.await(
        WAIT,
        "a successful retry",
        () -> daemon.runs().stream().anyMatch(r -> r.outcome() == Outcome.SUCCEEDED));
    ScheduledRun retry =
        daemon.runs().stream()
            .filter(r -> r.outcome() == Outcome.SUCCEEDED)
            .findFirst()
            .orElseThrow();
    assertThat(retry.trigger()).isEqualTo("retry");
    assertThat(retry.attempt()).isGreaterThan(1);
    assertThat(retry.scheduled()).isEqualTo(firing);
  }

  @Test
  void runNowRunsTheJobByHand() throws Exception {
    WeekId due = ScheduleFixture.dataForTheWeekDueNow(sample, 1);
    daemon = start(Duration.ofSeconds(60));

    RunResult result = daemon.runNow().get();

    assertThat(result.succeeded()).as(result.detail()).isTrue();
    assertThat(result.week()).isEqualTo(due);
    assertThat(daemon.runs())
        .singleElement()
        .satisfies(r -> assertThat(r.trigger()).isEqualTo("manual"));
    daemon.close();
    daemon = null;
    try (Application application =
        Application.open(sample.workspace(), Map.of(), Clock.systemUTC())) {
      assertThat(
              application
                  .access()
                  .listAudit(
                      Principal.system("test"), "test", AuditQuery.newest(AuditQuery.MAX_LIMIT))
                  .entries())
          .as("the scheduler's publication is in the audit log, attributed to its node")
          .singleElement()
          .satisfies(
              entry -> {
                assertThat(entry.operation()).isEqualTo("publish");
                assertThat(entry.actor()).startsWith("scheduler:");
                assertThat(entry.target()).isEqualTo(due.toString());
                assertThat(entry.outcome()).isEqualTo(AuditEntry.Outcome.OK);
              });
    }
  }

  @Test
  void aSecondDaemonOnTheSameStateRefusesToStart() throws Exception {
    daemon = start(Duration.ofSeconds(60));
    assertThatThrownBy(() -> start(Duration.ofSeconds(60)))
        .isInstanceOf(LockHeldException.class)
        .hasMessageContaining("another cert-bulletin daemon is running")
        .hasMessageContaining("daemon.lock");
  }

  @Test
  void stoppingLetsARunningJobFinish() throws Exception {
    ScheduleFixture.dataForTheWeekDueNow(sample, 150);
    daemon = start(Duration.ofSeconds(60));
    var result = daemon.runNow();
    Eventually.await(WAIT, "a running job", () -> !daemon.runs().isEmpty());

    daemon.close();

    assertThat(result).isDone();
    assertThat(storedRuns())
        .singleElement()
        .satisfies(r -> assertThat(r.outcome()).isEqualTo(Outcome.SUCCEEDED));
  }

  private Daemon start(Duration misfireThreshold) throws Exception {
    return Daemon.start(
        sample.workspace(), new Daemon.Options(misfireThreshold, Map.of(), Clock.systemUTC()));
  }

  /**
   * The run history as stored, oldest first, read through {@code status} after the daemon stopped.
   */
  private List<ScheduledRun> storedRuns() {
    List<ScheduledRun> runs =
        new ArrayList<>(
            Application.open(sample.workspace(), Map.of(), Clock.systemUTC())
                .scheduling()
                .status(1000)
                .state()
                .runs());
    Collections.reverse(runs);
    return runs;
  }

  private static List<ScheduledRun> finished(List<ScheduledRun> runs) {
    return runs.stream().filter(r -> r.outcome() != Outcome.RUNNING).toList();
  }
}
