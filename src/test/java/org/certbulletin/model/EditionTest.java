package org.certbulletin.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/**
 * An edition keeps what its clearance permits and is marked with the strictest label it carries.
 */
class EditionTest {

  @Test
  void leavesOutItemsAboveTheClearance() {
    Week week =
        week(
            Tlp.GREEN,
            highlight("public", Tlp.CLEAR),
            highlight("partners", Tlp.GREEN),
            highlight("constituents", Tlp.AMBER));
    Week green = week.editionFor(Tlp.GREEN);
    assertThat(green.highlights())
        .extracting(Highlight::title)
        .containsExactly("public", "partners");
    assertThat(green.tlp()).isEqualTo(Tlp.GREEN);
  }

  @Test
  void isMarkedWithTheStrictestLabelItCarries() {
    Week week =
        week(Tlp.GREEN, highlight("public", Tlp.CLEAR), highlight("constituents", Tlp.AMBER));
    assertThat(week.editionFor(Tlp.RED).tlp()).isEqualTo(Tlp.AMBER);
    assertThat(week.editionFor(Tlp.AMBER_STRICT).highlights()).hasSize(2);
  }

  @Test
  void refusesAClearanceBelowTheWeeksOwnLabel() {
    Week week = week(Tlp.AMBER, highlight("x", Tlp.AMBER));
    assertThatThrownBy(() -> week.editionFor(Tlp.CLEAR))
        .hasMessageContaining("marked TLP:AMBER, above the clearance TLP:CLEAR");
  }

  @Test
  void ordersLabelsFromClearToRed() {
    assertThat(Tlp.AMBER_STRICT.permits(Tlp.AMBER)).isTrue();
    assertThat(Tlp.AMBER.permits(Tlp.AMBER_STRICT)).isFalse();
    assertThat(Tlp.fromCode("AMBER+STRICT").label()).isEqualTo("TLP:AMBER+STRICT");
  }

  private static Highlight highlight(String title, Tlp tlp) {
    return new Highlight(title, "narrative", Optional.empty(), Optional.empty(), tlp);
  }

  private static Week week(Tlp tlp, Highlight... highlights) {
    return new Week(
        WeekId.parse("2024-W51"),
        new Issue(2024, 51, OptionalInt.empty()),
        OffsetDateTime.parse("2024-12-25T10:00:00+08:00"),
        tlp,
        false,
        Optional.empty(),
        Map.of(TallyCatalogue.INCIDENTS, Tally.of(1)),
        List.of(highlights),
        List.of(),
        List.of(),
        List.of());
  }
}
