package org.certbulletin.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.certbulletin.testing.CliProcess;
import org.certbulletin.testing.SampleWorkspace;
import org.certbulletin.testing.SampleWorkspaceExtension;
import org.certbulletin.testing.ScheduleFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What the daemon says on standard output, as a real process: what it will do when it starts, and
 * what it did when SIGTERM stops it.
 */
@Tag("slow")
@ExtendWith(SampleWorkspaceExtension.class)
class DaemonLinesTest {

  private static final Duration WAIT = Duration.ofMinutes(5);
  private static final Pattern STARTED =
      Pattern.compile("daemon started: node ([0-9a-f]{12}), state database (.*)");

  SampleWorkspace sample;

  @BeforeEach
  void copySample(SampleWorkspace sample) {
    this.sample = sample;
  }

  @Test
  void saysWhatItWillDoWhenItStartsAndWhatItDidWhenItStops() throws Exception {
    ScheduleFixture.dataForTheWeekDueNow(sample, 3);
    try (CliProcess daemon = daemon("run", "--now")) {
      assertThat(daemon.awaitLine("stop with SIGTERM or Ctrl-C", WAIT))
          .as(daemon.output())
          .isTrue();
      String node = node(daemon.output());
      assertThat(daemon.output())
          .contains(
              "state database "
                  + sample.out().resolve("state/cert-bulletin.mv.db")
                  + " (embedded H2)")
          .contains("schedule: every Wednesday at 10:00 in Asia/Shanghai; next firing Wed ")
          .contains(
              "each firing publishes the week just ended (and every week whose data changed) to "
                  + sample.out().resolve("site")
                  + ", and emails no list: config.json has no 'smtp' settings")
          .contains("no HTTP server (config.json has no 'http' settings)")
          .contains("(a running job gets PT2M to finish)");
      assertThat(daemon.awaitLine(" succeeded in ", WAIT)).as(daemon.output()).isTrue();

      assertThat(daemon.terminate(WAIT)).as(daemon.output()).isZero();

      assertThat(daemon.output())
          .contains(
              "daemon stopped cleanly: node " + node + " did 1 run (1 succeeded, 0 failed) in ")
          .containsPattern("; next firing Wed [0-9-]{10} 10:00 CST publishes [0-9]{4}-W[0-9]{2}");
    }
  }

  @Test
  void onTheSampleAloneWarnsThatTheFiringsWillFindNoDataAndSaysHowToRehearse() throws Exception {
    try (CliProcess daemon = daemon("run")) {
      assertThat(daemon.awaitLine("stop with SIGTERM or Ctrl-C", WAIT))
          .as(daemon.output())
          .isTrue();
      assertThat(daemon.output())
          .contains(
              "note: the data folder holds only sample weeks (2024-W44 to 2024-W51), so that"
                  + " firing finds no file for ")
          .contains("'target/cert-bulletin run --once --week 2024-W51 --dry-run'")
          .contains(
              "see a list's messages with 'target/cert-bulletin send 2024-W51 --list public"
                  + " --dry-run'");

      assertThat(daemon.terminate(WAIT)).as(daemon.output()).isZero();

      assertThat(daemon.output())
          .contains("daemon stopped cleanly: node " + node(daemon.output()) + " did 0 runs");
    }
  }

  private CliProcess daemon(String... args) {
    List<String> command = new ArrayList<>(List.of(args));
    command.addAll(List.of(sample.options()));
    return CliProcess.start(sample.root().resolve("daemon.log"), command);
  }

  private static String node(String output) {
    Matcher m = STARTED.matcher(output);
    assertThat(m.find()).as(output).isTrue();
    return m.group(1);
  }
}
