package org.certbulletin.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SeverityTest {

  @ParameterizedTest
  @CsvSource({
    "10.0,CRITICAL",
    "9.0,CRITICAL",
    "8.9,HIGH",
    "7.0,HIGH",
    "6.9,MEDIUM",
    "4.0,MEDIUM",
    "3.9,LOW",
    "0.1,LOW",
    "0.0,NONE"
  })
  void followsTheCvssBands(String score, Severity expected) {
    assertThat(Severity.fromScore(new BigDecimal(score))).isEqualTo(expected);
  }
}
