package org.certbulletin.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.certbulletin.testing.SampleWorkspace;
import org.certbulletin.testing.SampleWorkspaceExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Configuration mistakes stop the daemon before it starts, naming the field. */
@ExtendWith(SampleWorkspaceExtension.class)
class RunCommandTest {

  SampleWorkspace sample;

  @BeforeEach
  void copySample(SampleWorkspace sample) {
    this.sample = sample;
  }

  @Test
  void aBadCronExpressionNamesTheField() throws Exception {
    editConfig("\"cron\": \"0 0 10 ? * WED\"", "\"cron\": \"0 0 25 ? * WED\"");
    CommandLineRun run = CommandLineRun.of(CommandLineRun.join(sample.options(), "run", "--once"));
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err())
        .contains("config.json:")
        .contains("/schedule/cron: '0 0 25 ? * WED' is not a valid Quartz cron");
    assertThat(sample.out().resolve("state")).doesNotExist();
  }

  @Test
  void aTimeThatDaylightSavingSkipsIsRejectedBecauseItsFiringWouldBeLost() throws Exception {
    editConfig("\"cron\": \"0 0 10 ? * WED\"", "\"cron\": \"0 30 2 ? * SUN\"");
    editConfig(
        "\"time_zone\": \"Asia/Shanghai\",\n    \"misfire\"",
        "\"time_zone\": \"America/New_York\",\n    \"misfire\"");
    CommandLineRun run = CommandLineRun.of(CommandLineRun.join(sample.options(), "validate"));
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err())
        .contains(
            "/schedule/cron: '0 30 2 ? * SUN' fires at a local time that does not exist on",
            "in America/New_York (clocks skip from 02:00 to 03:00)");
  }

  @Test
  void anUnknownZoneNamesTheField() throws Exception {
    editConfig(
        "\"time_zone\": \"Asia/Shanghai\",\n    \"misfire\"",
        "\"time_zone\": \"Asia/Shangai\",\n    \"misfire\"");
    CommandLineRun run = CommandLineRun.of(CommandLineRun.join(sample.options(), "run"));
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("/schedule/time_zone: 'Asia/Shangai' is not a known time zone");
  }

  @Test
  void aConfigWithoutScheduleSaysWhatToAdd() throws Exception {
    Path config = sample.data().resolve("config.json");
    String text = Files.readString(config);
    int start = text.indexOf("  \"schedule\"");
    int end = text.indexOf("},", start) + 2;
    Files.writeString(
        config,
        text.substring(0, start) + text.substring(end).stripLeading().replaceFirst("^", "  "));
    CommandLineRun run = CommandLineRun.of(CommandLineRun.join(sample.options(), "run"));
    assertThat(run.exitCode()).as(run.err()).isEqualTo(2);
    assertThat(run.err()).contains("no 'schedule'; add one");
  }

  @Test
  void runOnceReportsAFailedRunWithExitCodeOne() {
    CommandLineRun run = CommandLineRun.of(CommandLineRun.join(sample.options(), "run", "--once"));
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.out()).contains("FAILED: no data for the due week");
  }

  @Test
  void statusOnTheSampleLongAfterItsWeeksSaysSoInsteadOfRaisingTheAlarm() {
    CommandLineRun run = CommandLineRun.of(CommandLineRun.join(sample.options(), "status"));
    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.err()).doesNotContain("ALARM");
    assertThat(run.out())
        .contains("next firings:", "due week:")
        .contains("sample data: every week in the data folder (2024-W44 to 2024-W51)")
        .contains("'target/cert-bulletin run --once --week 2024-W51 --dry-run'");
  }

  @Test
  void statusExitsWithOneWhenADueWeekOfTheCertsOwnIsLateAndSaysWhatToDo() {
    CommandLineRun started = CommandLineRun.of(CommandLineRun.join(sample.options(), "new"));
    assertThat(started.exitCode()).as(started.err()).isZero();

    CommandLineRun run = CommandLineRun.of(CommandLineRun.join(sample.options(), "status"));

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.out()).contains("next firings:", "due week:").doesNotContain("sample data:");
    assertThat(run.err())
        .startsWith("ALARM: the due week")
        .contains("does not exist: start it with 'target/cert-bulletin new ")
        .contains("publish it with 'target/cert-bulletin publish'")
        .contains("no daemon is running: start one with 'target/cert-bulletin run'")
        .as("never the command just run")
        .doesNotContain("status");
  }

  private void editConfig(String from, String to) throws Exception {
    Path config = sample.data().resolve("config.json");
    String text = Files.readString(config);
    assertThat(text).contains(from);
    Files.writeString(config, text.replace(from, to));
  }
}
