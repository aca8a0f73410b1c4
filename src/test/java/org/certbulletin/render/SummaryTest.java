package org.certbulletin.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.certbulletin.model.Bulletin;
import org.certbulletin.model.Config;
import org.certbulletin.model.Contact;
import org.certbulletin.model.Issuer;
import org.certbulletin.model.PageSize;
import org.certbulletin.model.Tally;
import org.certbulletin.model.TallyCatalogue;
import org.certbulletin.model.Week;
import org.certbulletin.model.WeekId;
import org.certbulletin.testing.SyntheticData;
import org.junit.jupiter.api.Test;

class SummaryTest {

  private final Messages messages = Messages.load(Path.of("templates"), Locale.ENGLISH);
  private final Summary summary =
      new Summary(messages, new Formats(messages), new TallyLabels(messages));

  @Test
  void aQuietWeekSaysSoInPlainWords() {
    Week busy = new SyntheticData(1).week(WeekId.parse("2024-W51"), 1, 0);
    Week quiet =
        new Week(
            busy.id(),
            busy.issue(),
            busy.published(),
            busy.tlp(),
            false,
            busy.situation(),
            Map.of(TallyCatalogue.INCIDENTS, Tally.of(0)),
            List.of(),
            List.of(),
            List.of(),
            List.of());
    List<String> text = summary.write(bulletin(quiet), List.of());
    assertThat(text)
        .singleElement()
        .asString()
        .startsWith(
            "No significant incidents were reported in week 51 of 2024 (16\u201322 December"
                + " 2024).");
  }

  @Test
  void namesAFewProductsAndCountsTheRest() {
    Week week = new SyntheticData(2).week(WeekId.parse("2024-W51"), 1, 40);
    List<String> text = summary.write(bulletin(week), week.advisories());
    assertThat(text.get(text.size() - 1))
        .containsPattern("This issue relays 40 advisories \\(.*\\): .* and \\d+ more\\.");
  }

  @Test
  void writesPeriodsAsShortAsPossible() {
    Formats formats = new Formats(messages);
    assertThat(formats.period(WeekId.parse("2024-W51").start(), WeekId.parse("2024-W51").end()))
        .isEqualTo("16\u201322 December 2024");
    assertThat(formats.period(WeekId.parse("2024-W48").start(), WeekId.parse("2024-W48").end()))
        .isEqualTo("25 November \u2013 1 December 2024");
    assertThat(formats.period(WeekId.parse("2025-W01").start(), WeekId.parse("2025-W01").end()))
        .isEqualTo("30 December 2024 \u2013 5 January 2025");
  }

  private static Bulletin bulletin(Week week) {
    Config config =
        Config.of(
            new Issuer(
                "Sample National CERT",
                "SN-CERT",
                "Weekly Security Bulletin",
                new Contact(
                    "a@b.example",
                    java.util.Optional.empty(),
                    java.util.Optional.empty(),
                    java.util.Optional.empty()),
                java.util.Optional.empty(),
                java.time.ZoneId.of("UTC"),
                Locale.ENGLISH),
            PageSize.A4,
            List.of(TallyCatalogue.INCIDENTS));
    return new Bulletin(week, java.util.Optional.empty(), List.of(), config);
  }
}
