package org.certbulletin.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/** CVSS v4.0 vectors score as FIRST's calculator scores them. */
class Cvss4ScoreTest {

  /** All 270 vectors of FIRST's calculator validation set (one per MacroVector). */
  @ParameterizedTest(name = "{0} = {1}")
  @MethodSource("firstValidationSet")
  void scoresEveryVectorOfFirstsValidationSetAsFirstDoes(String vector, String score) {
    assertThat(Cvss4Score.of(vector)).isEqualByComparingTo(new BigDecimal(score));
  }

  @ParameterizedTest(name = "{0} = {1}")
  @CsvSource(
      delimiter = ' ',
      value = {
        "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N 9.3",
        "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:H/SI:H/SA:H 10.0",
        "CVSS:4.0/AV:N/AC:L/AT:N/PR:L/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N 8.7",
        "CVSS:4.0/AV:L/AC:L/AT:N/PR:L/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N 8.5",
        "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:A/VC:N/VI:N/VA:N/SC:L/SI:L/SA:N 5.1",
        "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:P/VC:N/VI:N/VA:N/SC:L/SI:L/SA:N 5.3",
        "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:L/VI:N/VA:N/SC:N/SI:N/SA:N 6.9",
        "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:N/VI:N/VA:N/SC:N/SI:N/SA:N 0.0"
      })
  void scoresBaseOnlyVectors(String vector, String score) {
    assertThat(Cvss4Score.of(vector)).isEqualByComparingTo(new BigDecimal(score));
  }

  @Test
  void supplementalMetricsDoNotChangeTheScore() {
    assertThat(
            Cvss4Score.of(
                "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/S:P/AU:Y/R:U/V:C"
                    + "/RE:H/U:Red"))
        .isEqualByComparingTo("9.3");
  }

  @Test
  void refusesWhatIsNotAVersionFourVectorSayingWhy() {
    assertThatThrownBy(
            () -> Cvss4Score.of("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N"))
        .hasMessageContaining("lacks the base metric SA");
    assertThatThrownBy(
            () -> Cvss4Score.of("CVSS:4.0/AV:X/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N"))
        .hasMessageContaining("gives AV the value 'X'");
    assertThatThrownBy(
            () ->
                Cvss4Score.of(
                    "CVSS:4.0/AV:N/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N"))
        .hasMessageContaining("gives AV twice");
    assertThatThrownBy(
            () -> Cvss4Score.of("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/S:U/C:H/I:H/A:H/VC:H"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  static Stream<Arguments> firstValidationSet() throws IOException {
    try (InputStream in =
        Cvss4ScoreTest.class.getResourceAsStream("/cvss4/first-macro-scores.txt")) {
      List<String> lines =
          new String(in.readAllBytes(), StandardCharsets.UTF_8)
              .lines()
              .filter(line -> !line.startsWith("#") && !line.isBlank())
              .toList();
      assertThat(lines).hasSize(270);
      return lines.stream().map(line -> line.split(" ")).map(f -> Arguments.of(f[0], f[1]));
    }
  }
}
