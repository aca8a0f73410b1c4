package org.certbulletin.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * A revision names its version among a gapless history, and only a later version is a correction.
 */
class RevisionTest {

  private static final Instant V1 = Instant.parse("2024-12-20T02:00:00Z");
  private static final Instant V2 = Instant.parse("2024-12-27T06:30:00Z");
  private static final List<Revision.Version> TWO =
      List.of(
          new Revision.Version(1, V1, Optional.of("Li Wei")),
          new Revision.Version(2, V2, Optional.empty()));
  private static final Revision.Correction CORRECTION =
      new Revision.Correction(V2, Optional.of("A figure was wrong."), List.of());

  @Test
  void aCorrectionIsTheLastVersionOfItsHistory() {
    Revision corrected = Revision.corrected(TWO, CORRECTION);
    assertThat(corrected.version()).isEqualTo(2);
    assertThat(corrected.correction()).contains(CORRECTION);
    assertThat(Revision.first(V1, Optional.empty()).correction()).isEmpty();
  }

  @Test
  void onlyALaterVersionIsACorrection() {
    assertThatThrownBy(() -> new Revision(2, TWO, Optional.empty(), Optional.empty()))
        .hasMessageContaining("version 2 is a correction");
    assertThatThrownBy(() -> new Revision(1, TWO, Optional.of(CORRECTION), Optional.empty()))
        .hasMessageContaining("version 1 is not a correction");
  }

  @Test
  void theHistoryNumbersItsVersionsWithoutGaps() {
    assertThatThrownBy(
            () ->
                Revision.corrected(
                    List.of(TWO.get(0), new Revision.Version(3, V2, Optional.empty())), CORRECTION))
        .hasMessageContaining("entry 2 is version 3");
    assertThatThrownBy(
            () -> new Revision(2, List.of(TWO.get(0)), Optional.of(CORRECTION), Optional.empty()))
        .hasMessageContaining("not in the history");
  }

  @Test
  void onlyALaterVersionSupersedesOne() {
    Revision first = new Revision(1, TWO, Optional.empty(), Optional.empty());
    assertThat(first.supersededBy(new Revision.Successor(2, V2)).supersededBy())
        .contains(new Revision.Successor(2, V2));
    assertThatThrownBy(() -> first.supersededBy(new Revision.Successor(1, V2)))
        .hasMessageContaining("cannot be superseded by version 1");
  }
}
