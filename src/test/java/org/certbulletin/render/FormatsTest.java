package org.certbulletin.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Counts and times as each language states them: Chinese in 万 and 亿, and 北京时间. */
class FormatsTest {

  private static final Path TEMPLATES = Path.of("templates");

  private final Formats chinese =
      new Formats(Messages.load(TEMPLATES, Locale.forLanguageTag("zh-CN")));
  private final Formats english = new Formats(Messages.load(TEMPLATES, Locale.ENGLISH));

  @ParameterizedTest(name = "{0} is {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "0|0",
        "9999|9,999",
        "10000|1万",
        "10001|约1万",
        "12345|约1.23万",
        "99994|约10万",
        "2520000|252万",
        "2518364|约252万",
        "25203000|约2520万",
        "99995000|约1亿",
        "100000000|1亿",
        "123456789|约1.23亿",
        "1000000000000|1万亿",
        "-9999|-9,999",
        "-2520000|-252万",
        "-2518364|约-252万"
      })
  void chineseStatesCountsFromTenThousandInWanAndYi(long value, String text) {
    assertThat(chinese.count(value)).isEqualTo(text);
  }

  @Test
  void englishStatesTheExactCount() {
    assertThat(english.count(2_520_000)).isEqualTo("2,520,000");
    assertThat(english.count(123_456_789)).isEqualTo("123,456,789");
  }

  @Test
  void chineseNamesBeijingTimeWhenThePublicationTimeIsInTheIssuersZone() {
    OffsetDateTime published = OffsetDateTime.parse("2024-12-25T10:00:00+08:00");

    assertThat(chinese.dateTime(published, ZoneId.of("Asia/Shanghai")))
        .isEqualTo("2024年12月25日 10:00（北京时间）");
    assertThat(chinese.dateTime(published, ZoneId.of("Asia/Singapore")))
        .as("another zone of the same offset keeps its UTC offset")
        .isEqualTo("2024年12月25日 10:00（UTC+08:00）");
    assertThat(
            chinese.dateTime(
                OffsetDateTime.parse("2024-12-25T02:00:00Z"), ZoneId.of("Asia/Shanghai")))
        .as("a time written in UTC is not Beijing time")
        .isEqualTo("2024年12月25日 02:00（UTC）");
    assertThat(english.dateTime(published, ZoneId.of("Asia/Shanghai")))
        .isEqualTo("25 December 2024, 10:00 (UTC+08:00)");
  }
}
