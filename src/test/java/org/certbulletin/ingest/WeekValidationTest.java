package org.certbulletin.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.certbulletin.model.InvalidDataException;
import org.certbulletin.model.Location;
import org.certbulletin.model.Problem;
import org.certbulletin.model.WeekId;
import org.certbulletin.testing.SampleWorkspace;
import org.certbulletin.testing.SampleWorkspaceExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Each kind of bad week file gets a message with its file, line, column, JSON pointer and a hint.
 */
@ExtendWith(SampleWorkspaceExtension.class)
class WeekValidationTest {

  private static final WeekId W51 = WeekId.parse("2024-W51");

  SampleWorkspace sample;

  @BeforeEach
  void copySample(SampleWorkspace sample) {
    this.sample = sample;
  }

  @Test
  void sampleDataIsValid() {
    assertThat(new DataDirectory(sample.data()).validate(new DataDirectory(sample.data()).weeks()))
        .isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"1e400", "-1e400", "123456789012345678901234567890"})
  void aNumberTooLargeForAnyFigureIsReportedWithItsPlaceNotAStackTrace(String huge) {
    sample.editWeek("2024-W51", json -> json.replaceFirst("\"value\": 146", "\"value\": " + huge));
    assertThat(problems())
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.pointer()).isEqualTo("/tallies/incidents/value");
              assertThat(p.location().line()).isGreaterThan(1);
              assertThat(p.message()).contains("too large");
            });
  }

  @Test
  void aLargeButRealNumberIsCheckedByTheSchemaAsUsual() {
    sample.editWeek("2024-W51", json -> json.replaceFirst("\"value\": 146", "\"value\": 1e3"));
    assertThat(problems())
        .as("control: an ordinary out-of-type number")
        .isNotEmpty()
        .allSatisfy(p -> assertThat(p.message()).doesNotContain("too large"));
  }

  @Test
  void aScoreThatContradictsItsVectorIsReported() {
    sample.editWeek(
        "2024-W51",
        json ->
            json.replaceFirst(
                    "\"vector\": \"CVSS:3\\.1/[^\"]+\"",
                    "\"vector\": \"CVSS:3.0/AV:L/AC:H/PR:H/UI:R/S:U/C:N/I:L/A:N\"")
                .replaceFirst("\"version\": \"3\\.1\"", "\"version\": \"3.0\""));
    assertThat(problems())
        .anySatisfy(
            p -> {
              assertThat(p.pointer()).endsWith("/cvss/score");
              assertThat(p.message()).contains("the vector computes to 1.8");
            });
  }

  @Test
  void aCvss4ScoreThatContradictsItsVectorIsReported() {
    useCvss4("9.8", "CVSS:4.0/AV:P/AC:H/AT:P/PR:H/UI:A/VC:L/VI:N/VA:N/SC:N/SI:N/SA:N");
    assertThat(problems())
        .anySatisfy(
            p -> {
              assertThat(p.pointer()).endsWith("/cvss/score");
              assertThat(p.message()).contains("the vector computes to 1.0");
            });
  }

  @Test
  void aCvss4ScoreThatMatchesItsVectorPasses() {
    useCvss4("9.3", "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N");
    assertThat(problems()).as("control: 9.3 is what FIRST's calculator gives").isEmpty();
  }

  @Test
  void anInvalidCvss4VectorIsReportedWithTheReason() {
    useCvss4("9.3", "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N");
    assertThat(problems())
        .anySatisfy(
            p -> {
              assertThat(p.pointer()).endsWith("/cvss/vector");
              assertThat(p.message()).contains("lacks the base metric SA");
            });
  }

  private void useCvss4(String score, String vector) {
    sample.editWeek(
        "2024-W51",
        json ->
            json.replaceFirst(
                "\"version\": \"3\\.1\",\\s*\"score\": 7\\.8,\\s*\"vector\": \"CVSS:3\\.1/[^\"]+\"",
                "\"version\": \"4.0\", \"score\": " + score + ", \"vector\": \"" + vector + "\""));
  }

  @Test
  void aScoreThatMatchesItsVectorPasses() {
    assertThat(problems()).as("control: the sample's scores match their vectors").isEmpty();
  }

  @Test
  void aBulletinPublishedBeforeItsWeekEndsIsReported() {
    sample.editWeek(
        "2024-W51",
        json ->
            json.replace(
                "\"published\": \"2024-12-25T10:00:00+08:00\"",
                "\"published\": \"2024-12-20T10:00:00+08:00\""));
    assertThat(problems())
        .anySatisfy(
            p -> {
              assertThat(p.pointer()).isEqualTo("/published");
              assertThat(p.message()).contains("before the week it reports on has ended");
            });
  }

  @Test
  void anAdvisoryDatedAfterTheBulletinIsReported() {
    sample.editWeek(
        "2024-W51",
        json ->
            json.replaceFirst("\"published\": \"2024-12-1\\d\"", "\"published\": \"2025-01-03\""));
    assertThat(problems())
        .anySatisfy(
            p -> {
              assertThat(p.pointer()).matches("/advisories/\\d+/published");
              assertThat(p.message()).contains("cannot come from the future");
            });
  }

  @ParameterizedTest
  @ValueSource(strings = {"\u202e", "\u202d", "\u2066", "\u200b", "\u0085", "\ufeff"})
  void invisibleMarksThatCouldSpoofATitleAreRefused(String mark) {
    sample.editWeek(
        "2024-W51",
        json -> json.replaceFirst("\"title\": \"", "\"title\": \"Update " + mark + "fdp.exe "));
    assertThat(problems())
        .anySatisfy(
            p -> {
              assertThat(p.pointer()).endsWith("/title");
              assertThat(p.message()).contains("invisible direction and spacing marks");
            });
  }

  @Test
  void rightToLeftTextWithItsOwnMarksIsAccepted() {
    sample.editWeek(
        "2024-W51",
        json ->
            json.replaceFirst(
                "\"title\": \"",
                "\"title\": \"\u062a\u062d\u0630\u064a\u0631 \u200f(CVE-2024-43767) "));
    assertThat(problems()).as("control: Arabic with a right-to-left mark").isEmpty();
  }

  @Test
  void reportsASyntaxErrorAtItsLineAndColumn() {
    sample.writeWeek(
        "2024-W51",
        "{\n  \"week\": \"2024-W51\",\n  \"issue\": {\"volume\": 2024 \"number\": 51}\n}\n");
    assertThat(problems())
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.file()).isEqualTo(file());
              assertThat(p.location())
                  .as("where the comma is missing")
                  .isEqualTo(new Location(3, 28));
              assertThat(p.pointer()).as("the whole document").isEmpty();
              assertThat(p.message()).startsWith("not valid JSON: ").doesNotContain("\n", "\r");
              assertThat(p).asString().startsWith(file() + ":3:28: /: not valid JSON: ");
            });
  }

  @Test
  void reportsAMissingRequiredField() {
    sample.editWeek("2024-W51", json -> json.replace("\"number\": 51,", ""));
    assertThat(problems())
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.pointer()).isEqualTo("/issue");
              assertThat(p.message()).isEqualTo("missing required field 'number'; add it");
              assertThat(p.location().line()).isEqualTo(lineOf("\"issue\""));
            });
  }

  @Test
  void reportsAWrongType() {
    sample.editWeek("2024-W51", json -> json.replace("\"sample\": true", "\"sample\": \"yes\""));
    assertThat(problems())
        .singleElement()
        .hasToString(
            file()
                + ":"
                + lineOf("\"sample\"")
                + ":3: /sample: expected a boolean, found a string");
  }

  @Test
  void reportsAnUnknownFieldWithTheLikelyName() {
    sample.editWeek("2024-W51", json -> json.replace("\"highlights\"", "\"higlights\""));
    assertThat(problems())
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.pointer()).isEqualTo("/higlights");
              assertThat(p.message())
                  .startsWith(
                      "unknown field 'higlights'; did you mean 'highlights'? allowed here: ");
            });
  }

  @Test
  void reportsAMisspelledBreakdownKey() {
    sample.editWeek("2024-W51", json -> json.replace("\"phishing\": 38", "\"phising\": 38"));
    assertThat(problems())
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.pointer()).isEqualTo("/tallies/incidents/breakdown/phising");
              assertThat(p.message()).contains("did you mean 'phishing'?");
            });
  }

  @Test
  void reportsAMalformedWeekId() {
    sample.editWeek(
        "2024-W51", json -> json.replace("\"week\": \"2024-W51\"", "\"week\": \"2024-51\""));
    assertThat(problems())
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.pointer()).isEqualTo("/week");
              assertThat(p.message()).isEqualTo("'2024-51' must be an ISO week like 2024-W51");
            });
  }

  @Test
  void reportsAWeekThatDoesNotMatchItsFileName() {
    sample.editWeek(
        "2024-W51", json -> json.replace("\"week\": \"2024-W51\"", "\"week\": \"2024-W50\""));
    assertThat(problems())
        .singleElement()
        .satisfies(
            p ->
                assertThat(p.message())
                    .isEqualTo(
                        "says 2024-W50 but the file is named 2024-W51.json; rename the file or"
                            + " correct the week"));
  }

  @Test
  void reportsAWeekThatDoesNotExistInItsYear() {
    sample.editWeek(
        "2024-W51", json -> json.replace("\"week\": \"2024-W51\"", "\"week\": \"2024-W53\""));
    assertThat(problems())
        .extracting(Problem::message)
        .contains("week 53 does not exist in 2024 (it has 52 ISO weeks)");
  }

  @Test
  void reportsABreakdownThatDoesNotAddUp() {
    sample.editWeek("2024-W51", json -> json.replace("\"phishing\": 38", "\"phishing\": 30"));
    assertThat(problems())
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.pointer()).isEqualTo("/tallies/incidents/breakdown");
              assertThat(p.message()).startsWith("parts add up to 138 but the value is 146");
            });
  }

  @Test
  void reportsASeverityThatContradictsTheScore() {
    sample.editWeek(
        "2024-W51",
        json ->
            json.replace("\"score\": 7.8,", "\"score\": 9.8,")
                .replace(
                    "\"product\": \"Adobe Illustrator\",",
                    "\"product\": \"Adobe Illustrator\", \"severity\": \"high\","));
    assertThat(problems())
        .filteredOn(p -> p.pointer().endsWith("/severity"))
        .singleElement()
        .satisfies(
            p ->
                assertThat(p.message())
                    .isEqualTo(
                        "says high but the CVSS score 9.8 means critical; correct it or leave"
                            + " severity out"));
  }

  @Test
  void reportsDuplicateKeys() {
    sample.editWeek(
        "2024-W51",
        json -> json.replace("\"tlp\": \"CLEAR\",", "\"tlp\": \"CLEAR\", \"tlp\": \"RED\","));
    assertThat(problems())
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.file()).isEqualTo(file());
              assertThat(p.location().line()).isEqualTo(lineOf("\"tlp\": \"RED\""));
              assertThat(p.message())
                  .startsWith("not valid JSON: ")
                  .as("names the key")
                  .contains("tlp");
            });
  }

  @Test
  void rejectsControlCharactersInText() {
    sample.editWeek(
        "2024-W51",
        json -> json.replace("Document-security system flaw", "Document\\u0007security flaw"));
    assertThat(problems())
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.pointer()).isEqualTo("/highlights/0/title");
              assertThat(p.message()).contains("must be a single line without control characters");
            });
  }

  @Test
  void acceptsMarkupAsPlainText() {
    sample.editWeek(
        "2024-W51",
        json -> json.replace("Document-security system flaw", "<script>alert(1)</script> flaw"));
    assertThat(problems()).isEmpty();
  }

  @Test
  void rejectsDeeplyNestedDocuments() {
    sample.writeWeek("2024-W51", "{\"notes\": " + "[".repeat(100) + "]".repeat(100) + "}");
    assertThat(problems())
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.message())
                  .contains("nested more than 32 levels deep")
                  .doesNotContain("Constraints", "`");
              assertThat(p.location().line()).isEqualTo(1);
            });
  }

  @Test
  void rejectsOversizedFiles() {
    sample.writeWeek(
        "2024-W51", "{\"notes\": [\"" + "x".repeat((int) JsonDocumentReader.MAX_BYTES) + "\"]}");
    assertThat(problems())
        .singleElement()
        .satisfies(p -> assertThat(p.message()).contains("more than the limit"));
  }

  @Test
  void reportsEveryProblemOfAFileAtOnce() {
    sample.editWeek(
        "2024-W51",
        json ->
            json.replace("\"sample\": true", "\"sample\": 1")
                .replace("\"tlp\": \"CLEAR\"", "\"tlp\": \"WHITE\"")
                .replace("\"value\": 2950", "\"value\": -1"));
    List<Problem> problems = problems();
    assertThat(problems)
        .extracting(Problem::pointer)
        .containsExactly("/tlp", "/sample", "/tallies/data_breaches/value");
    assertThat(problems.get(0).message()).contains("TLP 2.0 renamed WHITE to CLEAR");
  }

  @Test
  void validateCollectsProblemsOfEveryFile() {
    sample.editWeek("2024-W50", json -> json.replace("\"sample\": true", "\"sample\": 1"));
    sample.editWeek("2024-W51", json -> json.replace("\"sample\": true", "\"sample\": 1"));
    DataDirectory data = new DataDirectory(sample.data());
    assertThat(data.validate(data.weeks()))
        .extracting(Problem::file)
        .containsExactly(sample.weekFile("2024-W50").toString(), file());
  }

  @Test
  void aBulletinLeavesOutAnInvalidEarlierWeek() {
    sample.editWeek("2024-W50", json -> json.replace("\"sample\": true", "\"sample\": 1"));
    var bulletin = new DataDirectory(sample.data()).bulletin(W51);
    assertThat(bulletin.previous()).isEmpty();
    assertThat(bulletin.history())
        .extracting(w -> w.id().toString())
        .doesNotContain("2024-W50")
        .contains("2024-W49");
    assertThat(
            bulletin
                .change(org.certbulletin.model.TallyCatalogue.INCIDENTS)
                .orElseThrow()
                .direction())
        .isEqualTo(org.certbulletin.model.Change.Direction.UNKNOWN);
  }

  private List<Problem> problems() {
    try {
      new DataDirectory(sample.data()).week(W51);
      return List.of();
    } catch (InvalidDataException e) {
      return e.problems();
    }
  }

  private String file() {
    return sample.weekFile("2024-W51").toString();
  }

  private int lineOf(String text) {
    List<String> lines = sample.readWeek("2024-W51").lines().toList();
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).contains(text)) {
        return i + 1;
      }
    }
    throw new AssertionError(text + " not found");
  }
}
