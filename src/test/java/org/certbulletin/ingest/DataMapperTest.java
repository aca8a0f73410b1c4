package org.certbulletin.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Locale;
import org.certbulletin.model.Config;
import org.certbulletin.model.Issuer;
import org.certbulletin.model.PageSize;
import org.certbulletin.model.ScheduleSettings;
import org.certbulletin.model.Severity;
import org.certbulletin.model.SmtpSettings;
import org.certbulletin.model.Tlp;
import org.certbulletin.model.Week;
import org.certbulletin.model.WeekId;
import org.junit.jupiter.api.Test;

/** Week and config files map to the model and back without losing or inventing anything. */
class DataMapperTest {

  private final DataDirectory sample = new DataDirectory(Path.of("data"));
  private final JsonDocumentReader reader = new JsonDocumentReader();

  @Test
  void everySampleWeekReadsBackToTheSameWeekFromItsNormalisedForm() {
    for (WeekId id : sample.weeks()) {
      Week week = sample.week(id);
      byte[] written = WeekWriter.write(week);
      Week again =
          DataMapper.week(
              reader.parse(written, id + ".json").root(), Locale.ENGLISH, Locale.ENGLISH);
      assertThat(again).as(id.toString()).isEqualTo(week);
      assertThat(WeekWriter.write(again)).as("writing is stable").isEqualTo(written);
    }
  }

  @Test
  void theNormalisedFormFillsInEveryItemsTlpAndKeepsTheWrittenOffset() {
    String json =
        new String(WeekWriter.write(sample.week(WeekId.parse("2024-W51"))), StandardCharsets.UTF_8);
    assertThat(json)
        .startsWith("{\n  \"week\" : \"2024-W51\",\n  \"issue\" : {")
        .contains("\"published\" : \"2024-12-25T10:00:00+08:00\"")
        .doesNotContain("\"of_which\" : { }", "\"severity\" : \"unassigned\"", "null");
    Week week = sample.week(WeekId.parse("2024-W51"));
    assertThat(week.highlights()).allSatisfy(h -> assertThat(h.tlp()).isNotNull());
    assertThat(week.advisories())
        .allSatisfy(a -> assertThat(a.tlp()).isIn((Object[]) Tlp.values()));
  }

  @Test
  void anAdvisoryWithAScoreTakesItsSeverityFromTheScore() {
    Week week =
        DataMapper.week(
            reader
                .parse(
                    """
                    {"week": "2024-W51", "issue": {"volume": 2024, "number": 51}, "published": "2024-12-25T10:00:00+08:00",
                     "tlp": "GREEN", "tallies": {"incidents": {"value": 1}},
                     "advisories": [
                       {"id": "A-1", "title": "t", "vendor": "v", "product": "p", "summary": "s", "cvss": {"version": "3.1", "score": 9.80}},
                       {"id": "A-2", "title": "t", "vendor": "v", "product": "p", "summary": "s", "severity": "medium"},
                       {"id": "A-3", "title": "t", "vendor": "v", "product": "p", "summary": "s", "tlp": "AMBER"}]}
                    """
                        .getBytes(StandardCharsets.UTF_8),
                    "w.json")
                .root(),
            Locale.ENGLISH,
            Locale.ENGLISH);
    assertThat(week.advisories())
        .extracting(a -> a.severity())
        .containsExactly(Severity.CRITICAL, Severity.MEDIUM, Severity.UNASSIGNED);
    assertThat(week.advisories())
        .extracting(a -> a.tlp())
        .containsExactly(Tlp.GREEN, Tlp.GREEN, Tlp.AMBER);
    assertThat(week.advisories().get(0).topScore().orElseThrow().score()).hasToString("9.8");
    assertThat(week.highlights()).isEmpty();
    assertThat(week.notes()).isEmpty();
  }

  @Test
  void aMinimalConfigTakesEveryDefault() {
    Config config =
        DataMapper.config(
            reader
                .parse(
                    """
                    {"issuer": {"name": "N", "short_name": "S", "contact": {"email": "a@b.example"}, "time_zone": "Europe/Paris"},
                     "schedule": {"cron": "0 0 10 ? * WED"},
                     "smtp": {"host": "smtp.example", "security": "tls", "from": "a@b.example"}}
                    """
                        .getBytes(StandardCharsets.UTF_8),
                    "config.json")
                .root(),
            Locale.ENGLISH);
    Issuer issuer = config.issuer();
    assertThat(issuer.title()).isEqualTo(Issuer.DEFAULT_TITLE);
    assertThat(issuer.language()).isEqualTo(Locale.ENGLISH);
    assertThat(config.pageSize()).isEqualTo(PageSize.A4);
    assertThat(config.trendTallies()).hasSize(2);
    assertThat(config.site().feedEntries()).isEqualTo(20);
    ScheduleSettings schedule = config.schedule().orElseThrow();
    assertThat(schedule.zone()).as("the issuer's zone").isEqualTo(ZoneId.of("Europe/Paris"));
    assertThat(schedule.catchUp()).isTrue();
    assertThat(schedule.retryEvery()).isEqualTo(Duration.ofHours(1));
    SmtpSettings smtp = config.smtp().orElseThrow();
    assertThat(smtp.port()).as("implicit TLS port").isEqualTo(465);
    assertThat(smtp.retryAttempts()).isEqualTo(5);
    assertThat(config.state().cluster()).isFalse();
    assertThat(config.lists()).isEmpty();
  }

  @Test
  void theSampleConfigReadsItsOwnValues() {
    Config config = sample.config();
    assertThat(config.schedule().orElseThrow().zone()).isEqualTo(ZoneId.of("Asia/Shanghai"));
    assertThat(config.lists()).extracting(l -> l.name()).contains("public", "sector-partners");
    assertThat(config.list("sector-partners").orElseThrow().clearance()).isEqualTo(Tlp.AMBER);
  }
}
