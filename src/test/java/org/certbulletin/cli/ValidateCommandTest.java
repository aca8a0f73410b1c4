package org.certbulletin.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.certbulletin.testing.SampleWorkspace;
import org.certbulletin.testing.SampleWorkspaceExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The {@code validate} command: every problem listed, exit code 2, nothing written. */
@ExtendWith(SampleWorkspaceExtension.class)
class ValidateCommandTest {

  SampleWorkspace sample;

  @BeforeEach
  void copySample(SampleWorkspace sample) {
    this.sample = sample;
  }

  @Test
  void acceptsTheSampleData() {
    CommandLineRun run = CommandLineRun.of(CommandLineRun.join(sample.options(), "validate"));
    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).contains("ok: config.json and 8 week files are valid");
  }

  @Test
  void listsEveryProblemAndExitsWithTwo() {
    sample.editWeek("2024-W49", json -> json.replace("\"tlp\": \"CLEAR\"", "\"tlp\": \"WHITE\""));
    sample.editWeek("2024-W51", json -> json.replace("\"sample\": true", "\"sample\": 1"));
    CommandLineRun run = CommandLineRun.of(CommandLineRun.join(sample.options(), "validate"));
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err())
        .containsPattern("2024-W49\\.json:\\d+:3: /tlp: 'WHITE' must be one of")
        .containsPattern("2024-W51\\.json:\\d+:3: /sample: expected a boolean, found an integer")
        .contains("2 problems in 2 files");
    assertThat(sample.out()).doesNotExist();
  }

  /**
   * A misspelt key (a schema problem), a breakdown that does not add up (a rule) and a text without
   * its Chinese (a translation) in one file of a bilingual bulletin: one run names all three, each
   * at its line, column and pointer.
   */
  @Test
  void reportsThreeMistakesOfThreeKindsInOneRun(@TempDir Path folder) {
    SampleWorkspace shipped = SampleWorkspace.copyAsShipped(folder);
    shipped.editWeek(
        "2024-W51",
        json ->
            json.replaceFirst("\"government\": 8", "\"goverment\": 8")
                .replace("\"phishing\": 38", "\"phishing\": 30")
                .replace(
                    "\"en\": \"Manufacturing\",\n        \"zh-CN\": \"制造业\"",
                    "\"en\": \"Manufacturing\""));
    String json = shipped.readWeek("2024-W51");
    String file = shipped.weekFile("2024-W51").toString();

    CommandLineRun run =
        CommandLineRun.of(CommandLineRun.join(shipped.options(), "validate", "2024-W51"));

    assertThat(run.exitCode()).as(run.err()).isEqualTo(2);
    assertThat(run.err().lines().toList())
        .containsExactly(
            file
                + ":"
                + at(json, "\"goverment\"", 0)
                + ": /tallies/defaced_sites/of_which/goverment: unknown key 'goverment'; did you"
                + " mean 'government'? allowed here: government",
            file
                + ":"
                + at(json, "\"breakdown\"", 0)
                + ": /tallies/incidents/breakdown: parts add up to 138 but the value is 146; the"
                + " breakdown must account for every case (use 'other' for the rest)",
            file
                + ":"
                + at(json, "\"sector\"", 0)
                + ": /highlights/0/sector: has no 'zh-CN' text, but the bulletin is written in en,"
                + " zh-CN; add \"zh-CN\": \"...\", or give one text for every language as a plain"
                + " string",
            "3 problems in 1 file; fix them and run target/cert-bulletin validate again");
  }

  /**
   * A value the schema rejects is reported once, for what it is: not again by the rules that would
   * have read it (the breakdown's sum, the cross-border incidents), while a rule elsewhere is still
   * checked.
   */
  @Test
  void aRejectedValueIsNotAlsoReportedByTheRulesThatReadIt() {
    sample.editWeek(
        "2024-W51",
        json ->
            json.replaceFirst("\"value\": 146", "\"value\": \"146\"")
                .replace("\"high\": 151", "\"high\": 150"));

    CommandLineRun run =
        CommandLineRun.of(CommandLineRun.join(sample.options(), "validate", "2024-W51"));

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err())
        .contains("/tallies/incidents/value: expected an integer, found a string")
        .contains("/tallies/vulnerabilities/breakdown: parts add up to 440 but the value is 441")
        .doesNotContain("/tallies/incidents/breakdown", "cross-border")
        .contains("2 problems in 1 file");
  }

  /**
   * The shipped sample gives every reader-facing text in English and Chinese: validate warns of
   * none, and build counts none in either edition. The control for the warnings below.
   */
  @Test
  void theBilingualSampleHasNoUntranslatedProse(@TempDir Path folder) {
    SampleWorkspace shipped = SampleWorkspace.copyAsShipped(folder);

    CommandLineRun run = CommandLineRun.of(CommandLineRun.join(shipped.options(), "validate"));

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.err()).doesNotContain("warning");
    assertThat(run.out()).contains("ok: config.json and 8 week files are valid");
  }

  /**
   * A remediation given only in English reaches the Chinese edition as it is: validate names it,
   * with its file, place and edition, once, and still passes; build counts it for zh-CN alone.
   */
  @Test
  void warnsOfAnEnglishOnlyRemediationInTheChineseEdition(@TempDir Path folder) {
    SampleWorkspace shipped = SampleWorkspace.copyAsShipped(folder);
    shipped.editWeek(
        "2024-W51",
        json ->
            json.replace(
                """
                "remediation": {
                        "en": "Upgrade Apache NimBLE to 1.8.0.",
                        "zh-CN": "建议用户将Apache NimBLE升级至1.8.0版本。"
                      },\
                """,
                "\"remediation\": \"Upgrade Apache NimBLE to 1.8.0.\","));
    String json = shipped.readWeek("2024-W51");
    String file = shipped.weekFile("2024-W51").toString();

    CommandLineRun run = CommandLineRun.of(CommandLineRun.join(shipped.options(), "validate"));

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).contains("ok: config.json and 8 week files are valid");
    assertThat(run.err().lines().toList())
        .containsExactly(
            "warning: "
                + file
                + ":"
                + at(json, "\"remediation\": \"Upgrade", 0)
                + ": /advisories/3/remediation: the zh-CN edition prints \"Upgrade Apache NimBLE to"
                + " 1.8.0.\", which is not in Chinese (it is one text for every language); give"
                + " its \"zh-CN\" text, e.g. {\"en\": \"...\", \"zh-CN\": \"...\"}",
            "1 text in another language than its edition (warnings: the editions can be built)");

    CommandLineRun build =
        CommandLineRun.of(CommandLineRun.join(shipped.options(), "build", "2024-W51"));
    assertThat(build.exitCode()).as(build.err()).isZero();
    assertThat(build.out())
        .contains(
            "  untranslated texts: en 0, zh-CN 1 (target/cert-bulletin validate 2024-W51 names"
                + " them)");
  }

  /** A language's own text in another language is named at that text, for its edition. */
  @Test
  void warnsOfAChineseTextGivenAsTheEnglishOne(@TempDir Path folder) {
    SampleWorkspace shipped = SampleWorkspace.copyAsShipped(folder);
    shipped.editWeek(
        "2024-W51",
        json ->
            json.replace(
                "\"en\": \"Manufacturing\",\n        \"zh-CN\": \"制造业\"",
                "\"en\": \"制造业\",\n        \"zh-CN\": \"制造业\""));

    CommandLineRun run =
        CommandLineRun.of(CommandLineRun.join(shipped.options(), "validate", "2024-W51"));

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.err().lines().filter(line -> line.startsWith("warning: ")).toList())
        .singleElement()
        .asString()
        .contains(": /highlights/0/sector/en: the en edition prints \"制造业\"")
        .contains("its en text is in another language");
  }

  /** The line and column where the {@code n}th {@code text} starts in {@code json}. */
  private static String at(String json, String text, int n) {
    int index = -1;
    for (int i = 0; i <= n; i++) {
      index = json.indexOf(text, index + 1);
    }
    assertThat(index).as(text).isNotNegative();
    String before = json.substring(0, index);
    int line = (int) before.chars().filter(c -> c == '\n').count() + 1;
    return line + ":" + (index - before.lastIndexOf('\n'));
  }

  @Test
  void checksOnlyTheWeeksNamed() {
    sample.editWeek("2024-W49", json -> json.replace("\"tlp\": \"CLEAR\"", "\"tlp\": \"WHITE\""));
    CommandLineRun run =
        CommandLineRun.of(CommandLineRun.join(sample.options(), "validate", "2024-W51"));
    assertThat(run.exitCode()).as(run.err()).isZero();
  }

  @Test
  void reportsAFileWhoseNameIsNotAWeek() {
    SampleWorkspace.write(sample.data().resolve("weeks/2024-51.json"), "{}");
    CommandLineRun run = CommandLineRun.of(CommandLineRun.join(sample.options(), "validate"));
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("2024-51.json:1:1: /: file name is not an ISO week");
  }

  @Test
  void reportsAConfigurationError() {
    SampleWorkspace.write(
        sample.data().resolve("config.json"),
        "{\"issuer\": {\"name\": \"X\", \"short_name\": \"X\", \"contact\": {\"email\":"
            + " \"a@b.example\"}, \"time_zone\": \"Asia/Shanghia\"}}");
    CommandLineRun run = CommandLineRun.of(CommandLineRun.join(sample.options(), "validate"));
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err())
        .contains("config.json:1:")
        .contains("/issuer/time_zone: 'Asia/Shanghia' is not a known time zone");
  }

  @Test
  void aScheduleThatNeverFiresIsAnErrorAndRunRefusesIt() throws Exception {
    Path config = sample.data().resolve("config.json");
    Files.writeString(
        config,
        Files.readString(config)
            .replace("\"cron\": \"0 0 10 ? * WED\"", "\"cron\": \"0 0 10 30 2 ?\""));

    CommandLineRun validate = CommandLineRun.of(CommandLineRun.join(sample.options(), "validate"));
    assertThat(validate.exitCode()).isEqualTo(2);
    assertThat(validate.err()).contains("/schedule/cron", "never fires");
    CommandLineRun run = CommandLineRun.of(CommandLineRun.join(sample.options(), "run", "--once"));
    assertThat(run.exitCode()).as(run.err()).isEqualTo(2);
    assertThat(run.err()).contains("never fires").doesNotContain("Exception");
  }

  @Test
  void aRenderTimeLimitLongerThanAnHourIsAnError() {
    sample.configure("render", "{\"time_limit\": \"P200000D\"}");

    CommandLineRun run = CommandLineRun.of(CommandLineRun.join(sample.options(), "validate"));

    assertThat(run.exitCode()).as(run.err()).isEqualTo(2);
    assertThat(run.err())
        .contains("/render/time_limit: 'P200000D' is too long: at most PT1H")
        .doesNotContain("Exception");
  }

  @Test
  void reportsSemanticConfigProblemsEvenWhenTheSchemaFindsOthers() throws Exception {
    Path config = sample.data().resolve("config.json");
    Files.writeString(
        config,
        Files.readString(config)
            .replace("\"time_zone\": \"Asia/Shanghai\"", "\"time_zone\": \"Mars/Olympus_Mons\"")
            .replace("\"misfire\": \"fire_once\"", "\"misfire\": \"sometimes\""));

    CommandLineRun run = CommandLineRun.of(CommandLineRun.join(sample.options(), "validate"));

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err())
        .contains("/schedule/misfire", "Mars/Olympus_Mons", "is not a known time zone");
  }

  @Test
  void reportsEveryRecipientsProblemAndAMissingBundleWithoutSending() throws Exception {
    Files.writeString(
        sample.data().resolve("lists/public.txt"), "ok@example.org\nnot-an-address\n");
    Path fifo = sample.data().resolve("lists/sector-partners.txt");
    Files.delete(fifo);
    assertThat(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor()).isZero();
    Path config = sample.data().resolve("config.json");
    Files.writeString(
        config,
        Files.readString(config)
            .replace("\"format\": \"text\"", "\"format\": \"text\", \"language\": \"fr\"")
            .replace("\"languages\": [\"en\"]", "\"languages\": [\"en\", \"fr\"]"));

    CommandLineRun run = CommandLineRun.of(CommandLineRun.join(sample.options(), "validate"));

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err())
        .contains("public.txt:2: not-an-address")
        .contains("sector-partners.txt", "not a regular file")
        .contains("messages_fr.properties");
  }

  @Test
  void aMalformedWeekAmongSeveralIsAUsageErrorNamingIt() {
    CommandLineRun run =
        CommandLineRun.of(
            CommandLineRun.join(sample.options(), "validate", "2024-W51", "2024-w50"));
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err())
        .startsWith(
            "error: Invalid value for positional parameter WEEK: not an ISO week: '2024-w50'"
                + " (expected YYYY-Www, e.g. 2024-W51)");
  }
}
