package org.certbulletin.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.certbulletin.model.Tlp;
import org.junit.jupiter.api.Test;

/**
 * Who may read a week file is decided by the labels the format has (the week's, its highlights',
 * its advisories'), not by any member that happens to be called {@code tlp}: an imported advisory's
 * provenance keeps a digest under that key, and once counted as an unreadable label it made every
 * CSAF import lock the week away from all but TLP:RED readers.
 */
class HighestMarkingTest {

  private static Tlp marking(String json) {
    return WeekDocuments.highestMarking(json.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void theLabelsOfTheWeekItsHighlightsAndItsAdvisoriesCount() {
    assertThat(marking("{\"tlp\": \"CLEAR\"}")).isEqualTo(Tlp.CLEAR);
    assertThat(marking("{\"tlp\": \"CLEAR\", \"highlights\": [{\"tlp\": \"AMBER\"}]}"))
        .isEqualTo(Tlp.AMBER);
    assertThat(
            marking(
                "{\"tlp\": \"GREEN\", \"advisories\": [{\"tlp\": \"CLEAR\"}, {\"tlp\":"
                    + " \"AMBER+STRICT\"}]}"))
        .isEqualTo(Tlp.AMBER_STRICT);
  }

  @Test
  void aProvenanceDigestIsNoLabel() {
    assertThat(
            marking(
                "{\"tlp\": \"CLEAR\", \"advisories\": [{\"tlp\": \"CLEAR\", \"provenance\":"
                    + " {\"fields\": {\"tlp\": \"1f3becae69d66146\"}}}]}"))
        .isEqualTo(Tlp.CLEAR);
  }

  @Test
  void whatCannotBeReadCountsAsRed() {
    assertThat(marking("{\"tlp\": \"PURPLE\"}")).isEqualTo(Tlp.RED);
    assertThat(marking("{\"tlp\": \"CLEAR\", \"highlights\": [{\"tlp\": 3}]}")).isEqualTo(Tlp.RED);
    assertThat(marking("{not json")).isEqualTo(Tlp.RED);
  }
}
