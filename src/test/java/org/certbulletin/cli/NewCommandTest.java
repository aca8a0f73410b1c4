package org.certbulletin.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.certbulletin.testing.SampleWorkspace;
import org.certbulletin.testing.SampleWorkspaceExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The {@code new} command: the next week's file from the newest earlier one, figures at zero, ready
 * to fill in, never over an existing file.
 */
@ExtendWith(SampleWorkspaceExtension.class)
class NewCommandTest {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  SampleWorkspace sample;

  @BeforeEach
  void copySample(SampleWorkspace sample) {
    this.sample = sample;
  }

  private CommandLineRun run(String... args) {
    return CommandLineRun.of(CommandLineRun.join(sample.options(), args));
  }

  private JsonNode week(String week) {
    return JSON.readTree(sample.readWeek(week));
  }

  @Test
  void startsTheWeekAfterTheSampleFieldByField() {
    CommandLineRun run = run("new", "2024-W52");

    assertThat(run.exitCode()).as(run.err()).isZero();
    JsonNode source = week("2024-W51");
    JsonNode created = week("2024-W52");
    assertThat(created.propertyNames())
        .containsExactly(
            "$schema",
            "week",
            "issue",
            "published",
            "tlp",
            "situation",
            "tallies",
            "highlights",
            "advisories",
            "partners",
            "notes");
    assertThat(created.get("$schema")).isEqualTo(source.get("$schema"));
    assertThat(created.get("week").asString()).isEqualTo("2024-W52");
    assertThat(created.get("issue"))
        .isEqualTo(JSON.readTree("{\"volume\": 2024, \"number\": 52, \"total\": 1180}"));
    assertThat(created.get("published").asString()).isEqualTo("2025-01-01T10:00:00+08:00");
    assertThat(created.get("tlp").asString()).isEqualTo("CLEAR");
    assertThat(source.has("sample")).isTrue();
    assertThat(created.has("sample")).isFalse();
    assertThat(created.get("situation")).isEqualTo(JSON.readTree("{\"rating\": \"good\"}"));
    assertThat(created.get("highlights").isEmpty()).isTrue();
    assertThat(created.get("advisories").isEmpty()).isTrue();
    assertThat(created.get("notes").isEmpty()).isTrue();
    assertThat(source.get("advisories").size()).isEqualTo(4);
    assertThat(created.get("tallies").toString())
        .isEqualTo(
            "{\"incidents\":{\"value\":0,\"breakdown\":{\"phishing\":0,\"vulnerability\":0,"
                + "\"malware\":0,\"defacement\":0,\"backdoor\":0,\"ddos\":0,\"other\":0}},"
                + "\"cross_border_incidents\":{\"value\":0},\"data_breaches\":{\"value\":0},"
                + "\"infected_hosts\":{\"value\":0},"
                + "\"defaced_sites\":{\"value\":0,\"of_which\":{\"government\":0}},"
                + "\"backdoor_sites\":{\"value\":0,\"of_which\":{\"government\":0}},"
                + "\"phishing_pages\":{\"value\":0},"
                + "\"vulnerabilities\":{\"value\":0,\"breakdown\":{\"high\":0,\"medium\":0,"
                + "\"low\":0},\"of_which\":{\"remote\":0,\"zero_day\":0}},"
                + "\"vulnerabilities_by_object\":{\"value\":0,\"breakdown\":{\"application\":0,"
                + "\"web_application\":0,\"operating_system\":0,\"network_device\":0,"
                + "\"security_product\":0,\"smart_device\":0,\"database\":0}}}");
    assertThat(created.get("partners")).hasSize(6);
    for (int i = 0; i < 6; i++) {
      JsonNode partner = created.get("partners").get(i);
      JsonNode was = source.get("partners").get(i);
      assertThat(partner.get("type")).isEqualTo(was.get("type"));
      assertThat(partner.get("name")).isEqualTo(was.get("name"));
      assertThat(was.get("cases").intValue()).isPositive();
      assertThat(partner.get("cases").intValue()).isZero();
    }
    assertThat(run.out())
        .startsWith(
            "created "
                + sample.weekFile("2024-W52")
                + " from 2024-W51 (issue 52, total 1180, publishes 2025-01-01T10:00:00+08:00)\n")
        .contains(
            "fill in the figures and the partners' cases, check the situation (rated good as in"
                + " 2024-W51), then run: target/cert-bulletin validate 2024-W52 --data "
                + sample.data())
        .doesNotContain("note:");
    assertThat(run.out().lines()).hasSize(2);
  }

  @Test
  void writesTheSampleLayout() {
    assertThat(run("new").exitCode()).isZero();

    String text = sample.readWeek("2024-W52");
    assertThat(text)
        .startsWith("{\n  \"$schema\": \"../../src/main/resources/schema/week.schema.json\",\n")
        .contains("  \"highlights\": [],\n")
        .contains("  \"partners\": [\n    {\n      \"type\": \"telecom_operator\",\n")
        .endsWith("  \"notes\": []\n}\n");
  }

  @Test
  void theCreatedWeekValidatesThroughTheCommandLine() {
    assertThat(run("new", "2024-W52").exitCode()).isZero();

    CommandLineRun validate = run("validate", "2024-W52");
    assertThat(validate.exitCode()).as(validate.err()).isZero();
    CommandLineRun all = run("validate");
    assertThat(all.exitCode()).as(all.err()).isZero();
    assertThat(all.out()).contains("9 week files are valid");
  }

  @Test
  void keepsTextsInEveryLanguageAndValidates(@TempDir Path folder) {
    SampleWorkspace shipped = SampleWorkspace.copyAsShipped(folder);
    CommandLineRun run = CommandLineRun.of(CommandLineRun.join(shipped.options(), "new"));
    assertThat(run.exitCode()).as(run.err()).isZero();

    JsonNode partner = JSON.readTree(shipped.readWeek("2024-W52")).get("partners").get(0);
    assertThat(partner.get("name"))
        .isEqualTo(JSON.readTree("{\"en\": \"Sample Telecom\", \"zh-CN\": \"示例电信\"}"));
    CommandLineRun validate =
        CommandLineRun.of(CommandLineRun.join(shipped.options(), "validate", "2024-W52"));
    assertThat(validate.exitCode()).as(validate.err()).isZero();
  }

  @Test
  void withoutAWeekStartsTheOneAfterTheNewest() {
    CommandLineRun run = run("new");

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).startsWith("created " + sample.weekFile("2024-W52") + " from 2024-W51 ");
    assertThat(sample.weekFile("2024-W52")).exists();
  }

  @Test
  void crossesIntoANewYearAsANewVolumeNumberedFromOne() {
    assertThat(run("new").exitCode()).isZero();
    CommandLineRun run = run("new");

    assertThat(run.exitCode()).as(run.err()).isZero();
    JsonNode created = week("2025-W01");
    assertThat(created.get("issue"))
        .isEqualTo(JSON.readTree("{\"volume\": 2025, \"number\": 1, \"total\": 1181}"));
    assertThat(created.get("published").asString()).isEqualTo("2025-01-08T10:00:00+08:00");
    assertThat(run.out())
        .contains(
            "from 2024-W52 (volume 2025 issue 1, total 1181, publishes"
                + " 2025-01-08T10:00:00+08:00)");
    assertThat(run("validate", "2025-W01").exitCode()).isZero();
  }

  @Test
  void overAGapStartsFromTheNewestEarlierWeekAndSaysSo() {
    CommandLineRun run = run("new", "2025-W02");

    assertThat(run.exitCode()).as(run.err()).isZero();
    JsonNode created = week("2025-W02");
    assertThat(created.get("issue"))
        .isEqualTo(JSON.readTree("{\"volume\": 2025, \"number\": 2, \"total\": 1182}"));
    assertThat(created.get("published").asString()).isEqualTo("2025-01-15T10:00:00+08:00");
    assertThat(run.out())
        .contains("from 2024-W51 ")
        .contains("note: no file for 2024-W52 to 2025-W01, so it started from 2024-W51");
    assertThat(sample.weekFile("2024-W52")).doesNotExist();
    assertThat(run("validate", "2025-W02").exitCode()).isZero();
  }

  @Test
  void fillsAMissingWeekFromTheOneBeforeTheGap() throws Exception {
    Files.delete(sample.weekFile("2024-W49"));
    Files.delete(sample.weekFile("2024-W50"));

    CommandLineRun run = run("new", "2024-W50");

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(week("2024-W50").get("issue"))
        .isEqualTo(JSON.readTree("{\"volume\": 2024, \"number\": 50, \"total\": 1178}"));
    assertThat(run.out())
        .contains("from 2024-W48 ")
        .contains("note: no file for 2024-W49, so it started from 2024-W48");
  }

  @Test
  void refusesToOverwriteAWeekFile() throws Exception {
    byte[] before = Files.readAllBytes(sample.weekFile("2024-W51"));
    Map<String, String> snapshot = SampleWorkspace.snapshot(sample.data());

    CommandLineRun run = run("new", "2024-W51");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err())
        .contains(sample.weekFile("2024-W51").toString())
        .contains("already has a file", "delete the file", "cert-bulletin new 2024-W52")
        .doesNotContain("Exception");
    assertThat(run.out()).isEmpty();
    assertThat(Files.readAllBytes(sample.weekFile("2024-W51"))).isEqualTo(before);
    assertThat(SampleWorkspace.snapshot(sample.data())).isEqualTo(snapshot);

    CommandLineRun control = run("new", "2024-W52");
    assertThat(control.exitCode()).as(control.err()).isZero();
    assertThat(SampleWorkspace.snapshot(sample.data())).isNotEqualTo(snapshot);
  }

  @Test
  void aWeekWithNoEarlierWeekIsBadInput() {
    Map<String, String> snapshot = SampleWorkspace.snapshot(sample.data());

    CommandLineRun run = run("new", "2024-W40");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("no week file before 2024-W40").doesNotContain("Exception");
    assertThat(sample.weekFile("2024-W40")).doesNotExist();
    assertThat(SampleWorkspace.snapshot(sample.data())).isEqualTo(snapshot);

    CommandLineRun control = run("new", "2024-W52");
    assertThat(control.exitCode()).as(control.err()).isZero();
    assertThat(sample.weekFile("2024-W52")).exists();
  }

  @Test
  void anEmptyWeeksFolderIsBadInput() throws Exception {
    for (String week : List.of("44", "45", "46", "47", "48", "49", "50", "51")) {
      Files.delete(sample.weekFile("2024-W" + week));
    }

    CommandLineRun run = run("new");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("no week files found").doesNotContain("Exception");
  }

  @Test
  void aMalformedWeekIsAUsageError() {
    CommandLineRun run = run("new", "2024-w52");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("not an ISO week");
    assertThat(sample.weekFile("2024-W52")).doesNotExist();
  }

  @Test
  void anInvalidSourceWeekIsReportedAndNothingIsWritten() {
    sample.editWeek("2024-W51", json -> json.replace("\"tlp\": \"CLEAR\"", "\"tlp\": \"WHITE\""));

    CommandLineRun run = run("new");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("2024-W51.json:", "/tlp");
    assertThat(sample.weekFile("2024-W52")).doesNotExist();
  }

  @Test
  void publishesAtTheScheduleFirstFiringInTheWeekAfter() {
    sample.editConfig(
        json ->
            json.replace("\"cron\": \"0 0 10 ? * WED\"", "\"cron\": \"0 30 9 ? * MON\"")
                .replace(
                    "\"time_zone\": \"Asia/Shanghai\",\n    \"misfire\"",
                    "\"time_zone\": \"Europe/Berlin\",\n    \"misfire\""));

    CommandLineRun run = run("new");

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(week("2024-W52").get("published").asString()).isEqualTo("2024-12-30T09:30:00+01:00");
  }

  @Test
  void withoutAScheduleKeepsTheEarlierWeeksDayAndTime() {
    sample.editConfig(
        json -> json.replace("\"cron\": \"0 0 10 ? * WED\"", "\"cron\": \"0 0 8 ? * FRI\""));
    assertThat(run("new").exitCode()).isZero();
    assertThat(week("2024-W52").get("published").asString())
        .as("control: the schedule decides while there is one")
        .isEqualTo("2025-01-03T08:00:00+08:00");

    sample.editConfig(json -> json.replaceFirst("\"schedule\": \\{[^}]*\\},", ""));
    CommandLineRun run = run("new");

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(week("2025-W01").get("published").asString()).isEqualTo("2025-01-10T08:00:00+08:00");
    assertThat(run.out()).contains("no schedule in config.json publishes it");
  }

  @Test
  void aScheduleThatDoesNotPublishTheWeekLeavesTheEarlierWeeksTime() {
    sample.editConfig(
        json -> json.replace("\"cron\": \"0 0 10 ? * WED\"", "\"cron\": \"0 0 10 1 7 ?\""));

    CommandLineRun run = run("new");

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(week("2024-W52").get("published").asString()).isEqualTo("2025-01-01T10:00:00+08:00");
    assertThat(run.out()).contains("no schedule in config.json publishes it");
  }

  @Test
  void quotesADataFolderForTheShellInTheNextStep(@TempDir Path folder) {
    SampleWorkspace spaced = SampleWorkspace.copyTo(folder.resolve("analyst's weeks"));

    CommandLineRun run = CommandLineRun.of(CommandLineRun.join(spaced.options(), "new"));

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out())
        .contains(
            "cert-bulletin validate 2024-W52 --data '" + folder + "/analyst'\\''s weeks/data'\n");
  }

  @Test
  void aNewWeekThatWouldNotValidateIsNotWritten() {
    sample.editWeek(
        "2024-W51",
        json ->
            json.replace("\"volume\": 2024,", "\"volume\": 7,")
                .replace("\"number\": 51,", "\"number\": 999,"));

    CommandLineRun run = run("new");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("2024-W52.json:", "/issue/number");
    assertThat(sample.weekFile("2024-W52")).doesNotExist();
    assertThat(run("validate", "2024-W51").exitCode())
        .as("control: the earlier week itself is valid")
        .isZero();
  }
}
