package org.certbulletin.imports;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

/** Version ranges worded from their structure in English and in Chinese, as CNCERT words them. */
class VersionWordingTest {

  private static final VersionWording EN = VersionWording.ENGLISH;
  private static final VersionWording ZH = VersionWording.of(Locale.forLanguageTag("zh-CN"));

  @Test
  void eachKindOfRangeInBothLanguages() {
    assertWorded(VersionRange.upTo("0", "1.7.0", true), "1.7.0 and earlier", "1.7.0及更早版本");
    assertWorded(VersionRange.upTo("", "1.0.6", false), "before 1.0.6", "1.0.6之前的版本");
    assertWorded(
        VersionRange.upTo("1.0.0", "1.0.6", false), "1.0.0 to before 1.0.6", "1.0.0至1.0.6之前的版本");
    assertWorded(VersionRange.upTo("2.0", "2.4", true), "2.0 through 2.4", "2.0至2.4版本");
    assertWorded(VersionRange.from("3.0"), "3.0 and later", "3.0及更高版本");
    assertWorded(VersionRange.from("*"), "every version", "所有版本");
    assertWorded(VersionRange.named("12L"), "12L", "12L");
  }

  @Test
  void listsJoinWithEachLanguagesMarks() {
    List<VersionRange> three =
        List.of(VersionRange.named("13"), VersionRange.named("14"), VersionRange.named("15"));

    assertThat(EN.list(three, 300)).isEqualTo("13, 14, 15");
    assertThat(ZH.list(three, 300)).isEqualTo("13、14和15");
  }

  @Test
  void whatDoesNotFitIsCountedInEachLanguage() {
    List<VersionRange> many =
        IntStream.range(0, 100).mapToObj(i -> VersionRange.named("10.0." + i)).toList();

    String english = EN.list(many, 60);
    String chinese = ZH.list(many, 60);

    assertThat(english).hasSizeLessThanOrEqualTo(60).startsWith("10.0.0, 10.0.1").endsWith("more");
    assertThat(english).containsPattern(" and \\d+ more$");
    assertThat(chinese).hasSizeLessThanOrEqualTo(60).startsWith("10.0.0、10.0.1");
    assertThat(chinese).containsPattern("等，另有\\d+个$").doesNotContain("和");
  }

  @Test
  void anImportWritesOneTextWhereEveryLanguageWritesItAlikeElseOnePerLanguage() {
    List<Locale> languages = List.of(Locale.ENGLISH, Locale.forLanguageTag("zh-CN"));

    ObjectNode advisory =
        new AdvisoryFields()
            .versions("versions", List.of(VersionRange.upTo("0", "1.7.0", true)), languages, 300)
            .versions("fixed_versions", List.of(VersionRange.named("1.8.0")), languages, 300)
            .build();

    assertThat(advisory.get("versions").toString())
        .isEqualTo("{\"en\":\"1.7.0 and earlier\",\"zh-CN\":\"1.7.0及更早版本\"}");
    assertThat(advisory.get("fixed_versions").isString())
        .as("a version is the same in every language: one text, as analysts write it")
        .isTrue();
    assertThat(advisory.get("fixed_versions").asString()).isEqualTo("1.8.0");
  }

  @Test
  void aBulletinInEnglishOnlyGetsPlainEnglish() {
    ObjectNode advisory =
        new AdvisoryFields()
            .versions(
                "versions",
                List.of(VersionRange.upTo("0", "1.7.0", true)),
                List.of(Locale.ENGLISH),
                300)
            .build();

    assertThat(advisory.get("versions").asString()).isEqualTo("1.7.0 and earlier");
  }

  private static void assertWorded(VersionRange range, String english, String chinese) {
    assertThat(EN.range(range)).isEqualTo(english);
    assertThat(ZH.range(range)).isEqualTo(chinese);
  }
}
