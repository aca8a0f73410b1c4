package org.certbulletin.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class ChangeTest {

  @Test
  void percentHasOneDecimal() {
    Change change = new Change(146, OptionalLong.of(138));
    assertThat(change.direction()).isEqualTo(Change.Direction.UP);
    assertThat(change.percent()).contains(new BigDecimal("5.8"));
    assertThat(change.delta()).hasValue(8);
  }

  @Test
  void fallsAreNegative() {
    Change change = new Change(2950, OptionalLong.of(3126));
    assertThat(change.direction()).isEqualTo(Change.Direction.DOWN);
    assertThat(change.percent()).contains(new BigDecimal("-5.6"));
  }

  @Test
  void aFlatWeekIsUnchanged() {
    Change change = new Change(10, OptionalLong.of(10));
    assertThat(change.direction()).isEqualTo(Change.Direction.UNCHANGED);
    assertThat(change.percent()).contains(new BigDecimal("0.0"));
  }

  @Test
  void fromZeroIsNewNeverInfinite() {
    Change change = new Change(5, OptionalLong.of(0));
    assertThat(change.direction()).isEqualTo(Change.Direction.NEW);
    assertThat(change.percent()).isEmpty();
  }

  @Test
  void withoutAPreviousWeekItIsUnknown() {
    Change change = new Change(5, OptionalLong.empty());
    assertThat(change.direction()).isEqualTo(Change.Direction.UNKNOWN);
    assertThat(change.percent()).isEmpty();
    assertThat(change.delta()).isEmpty();
  }
}
