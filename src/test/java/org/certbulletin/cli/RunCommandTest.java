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

  /**
   * A cluster needs a PostgreSQL database the nodes share: without a URL, validate says so at the
   * member, and run and publish refuse it the same way (they failed at 1:1, and publish with a
   * stack trace, before).
   */
  @Test
  void aClusterWithoutPostgresIsBadConfigurationThatValidateNames() throws Exception {
    sample.configure("state", "{\"cluster\": true}");
    String place = "config.json:" + lineOf("\"cluster\"") + ":" + columnOf("\"cluster\"");

    for (String[] command :
        new String[][] {{"validate"}, {"run", "--once"}, {"publish"}, {"build", "2024-W51"}}) {
      CommandLineRun run = CommandLineRun.of(CommandLineRun.join(sample.options(), command));
      assertThat(run.exitCode()).as(command[0] + ": " + run.err()).isEqualTo(2);
      assertThat(run.err())
          .as(command[0])
          .contains(place + ": /state/cluster: needs a shared database")
          .contains("\"jdbc_url\": \"jdbc:postgresql://HOST/DATABASE\"")
          .doesNotContain("Exception");
    }
    assertThat(sample.out().resolve("state")).doesNotExist();
  }

  @Test
  void aClusterOnAnEmbeddedDatabaseNamesTheUrl() throws Exception {
    sample.configure("state", "{\"jdbc_url\": \"jdbc:h2:/tmp/x\", \"cluster\": true}");
    CommandLineRun run = CommandLineRun.of(CommandLineRun.join(sample.options(), "validate"));
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err())
        .contains(
            "config.json:"
                + lineOf("\"jdbc_url\"")
                + ":"
                + columnOf("\"jdbc_url\"")
                + ": /state/jdbc_url: is an H2 database, which \"cluster\": true cannot share")
        .contains("1 problem");
  }

  @Test
  void aClusterOnPostgresIsNoProblemOfTheConfiguration() throws Exception {
    sample.configure(
        "state", "{\"jdbc_url\": \"jdbc:postgresql://127.0.0.1/x\", \"cluster\": true}");
    CommandLineRun run = CommandLineRun.of(CommandLineRun.join(sample.options(), "validate"));
    assertThat(run.exitCode()).as("control: " + run.err()).isZero();
  }

  @Test
  void aMailTimeoutOfZeroIsAnError() throws Exception {
    sample.configure(
        "smtp",
        "{\"host\": \"127.0.0.1\", \"from\": \"b@cert.example\"," + " \"timeout\": \"PT0S\"}");
    CommandLineRun run = CommandLineRun.of(CommandLineRun.join(sample.options(), "validate"));
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err())
        .contains(
            "config.json:"
                + lineOf("\"timeout\"")
                + ":"
                + columnOf("\"timeout\"")
                + ": /smtp/timeout: must be longer than zero (a zero timeout would wait for ever");
  }

  /** A time zone the schema's pattern rejects is one problem, not one more from the rules. */
  @Test
  void aMalformedZoneIsReportedOnce() throws Exception {
    editConfig(
        "\"time_zone\": \"Asia/Shanghai\",\n    \"misfire\"",
        "\"time_zone\": \"Asia Shanghai\",\n    \"misfire\"");
    CommandLineRun run = CommandLineRun.of(CommandLineRun.join(sample.options(), "validate"));
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err())
        .contains("/schedule/time_zone: 'Asia Shanghai' must be an IANA time zone")
        .doesNotContain("is not a known time zone")
        .contains("1 problem in 1 file");
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

  private int lineOf(String text) throws Exception {
    String config = Files.readString(sample.data().resolve("config.json"));
    return (int) config.substring(0, config.indexOf(text)).chars().filter(c -> c == '\n').count()
        + 1;
  }

  private int columnOf(String text) throws Exception {
    String config = Files.readString(sample.data().resolve("config.json"));
    int index = config.indexOf(text);
    return index - config.lastIndexOf('\n', index);
  }

  private void editConfig(String from, String to) throws Exception {
    Path config = sample.data().resolve("config.json");
    String text = Files.readString(config);
    assertThat(text).contains(from);
    Files.writeString(config, text.replace(from, to));
  }
}
