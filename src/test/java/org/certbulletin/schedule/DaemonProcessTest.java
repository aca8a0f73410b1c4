package org.certbulletin.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.certbulletin.files.OutputLayout;
import org.certbulletin.model.ProgressListener;
import org.certbulletin.model.StateSettings;
import org.certbulletin.model.WeekId;
import org.certbulletin.service.BulletinService;
import org.certbulletin.service.ScheduledRun;
import org.certbulletin.store.Database;
import org.certbulletin.store.RunHistory;
import org.certbulletin.store.RunHistory.Outcome;
import org.certbulletin.testing.CliProcess;
import org.certbulletin.testing.Eventually;
import org.certbulletin.testing.Patience;
import org.certbulletin.testing.SampleWorkspace;
import org.certbulletin.testing.SampleWorkspaceExtension;
import org.certbulletin.testing.ScheduleFixture;
import org.certbulletin.testing.TestSmtp;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The daemon as a real process: killed in the middle of a run, or asked to stop with SIGTERM. */
@Tag("slow")
@ExtendWith(SampleWorkspaceExtension.class)
class DaemonProcessTest {

  private static final Duration WAIT = Duration.ofMinutes(3);

  @RegisterExtension static GreenMailExtension greenMail = TestSmtp.server();

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
          () ->
              daemon.runs().stream().anyMatch(r -> r.outcome() == ScheduledRun.Outcome.SUCCEEDED));
      List<ScheduledRun> runs = daemon.runs();
      assertThat(runs.get(0).outcome()).isEqualTo(ScheduledRun.Outcome.ABANDONED);
      assertThat(runs)
          .filteredOn(r -> r.outcome() == ScheduledRun.Outcome.SUCCEEDED)
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

  @Test
  void aSendKilledMidListIsRecoveredAndNobodyGetsTwoCopies() throws Exception {
    StringBuilder list = new StringBuilder();
    for (int i = 0; i < 150; i++) {
      list.append(String.format(java.util.Locale.ROOT, "reader%04d@example.org%n", i));
    }
    Files.writeString(sample.data().resolve("lists/public.txt"), list);
    sample.configure(
        "smtp",
        "{\"host\": \"127.0.0.1\", \"port\": "
            + greenMail.getSmtp().getPort()
            + ", \"security\": \"none\", \"from\": \"bulletin@cert.example\", \"timeout\":"
            + " \"PT60S\", \"rate_per_second\": 10}");
    // at 10 a second the list takes 15 s: the kill after 30 messages lands mid-list however
    // slowly this test's thread gets to it
    String once =
        ScheduleFixture.onceAt(
            // the daemon must be up before the firing: later on a busy machine
            Instant.now()
                .plus(Patience.stretched(Duration.ofSeconds(15)))
                .truncatedTo(ChronoUnit.SECONDS));
    ScheduleFixture.schedule(sample, once, "fire_once");
    process = daemonProcess("run");
    assertThat(
            greenMail.waitForIncomingEmail(
                Patience.stretched(Duration.ofSeconds(60)).toMillis(), 30))
        .as("mail going out: %s", Files.readString(sample.root().resolve("daemon.log")))
        .isTrue();

    process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
    assertThat(process.exitValue()).as("killed with SIGKILL").isEqualTo(137);

    int atTheKill = greenMail.getReceivedMessages().length;
    // the one-off firing is past now: back to the weekly schedule, which Quartz accepts
    Path config = sample.data().resolve("config.json");
    Files.writeString(config, Files.readString(config).replace(once, "0 0 10 ? * WED"));
    try (Daemon daemon =
        Daemon.start(
            sample.workspace(),
            new Daemon.Options(Duration.ofSeconds(60), Map.of(), Clock.systemUTC()))) {
      Eventually.await(
          WAIT,
          "the recovered send to the public list",
          () ->
              daemon.runs().stream()
                  .anyMatch(
                      r ->
                          r.job().equals("send:public")
                              && r.trigger().equals("recovery")
                              && r.outcome() != ScheduledRun.Outcome.RUNNING));
    }
    List<String> recipients =
        Arrays.stream(greenMail.getReceivedMessages())
            .map(
                m -> {
                  try {
                    return m.getAllRecipients()[0].toString();
                  } catch (jakarta.mail.MessagingException e) {
                    throw new IllegalStateException(e);
                  }
                })
            .toList();
    assertThat(recipients.size()).as("the recovery sent the rest").isGreaterThan(atTheKill);
    assertThat(recipients).as("nobody got two copies").doesNotHaveDuplicates();
    assertThat(recipients.stream().filter(r -> r.startsWith("reader")).count())
        .as("everyone but at most the one uncertain")
        .isBetween(149L, 150L);
    Process check =
        new ProcessBuilder("sha256sum", "--quiet", "-c", "SHA256SUMS")
            .directory(sample.out().resolve("site").toFile())
            .redirectErrorStream(true)
            .start();
    String checked = new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(check.waitFor()).as(checked).isZero();
  }

  private Process daemonProcess(String... args) throws Exception {
    List<String> command = CliProcess.javaCommand("-Xmx512m");
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
