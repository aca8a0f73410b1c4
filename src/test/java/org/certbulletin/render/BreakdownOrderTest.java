package org.certbulletin.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.certbulletin.model.TallyCatalogue;
import org.certbulletin.model.TallyDefinition;
import org.junit.jupiter.api.Test;

/**
 * A breakdown is shown largest part first, equal parts in the catalogue's order; a severity scale
 * keeps its own order.
 */
class BreakdownOrderTest {

  private static final TallyDefinition INCIDENTS =
      TallyCatalogue.builtIn().find(TallyCatalogue.INCIDENTS).orElseThrow();
  private static final TallyDefinition VULNERABILITIES =
      TallyCatalogue.builtIn().find(TallyCatalogue.VULNERABILITIES).orElseThrow();

  @Test
  void putsTheLargestPartFirst() {
    Map<String, Long> file = parts("other", 40L, "ddos", 6L, "phishing", 38L);
    assertThat(keys(INCIDENTS, file)).containsExactly("other", "phishing", "ddos");
  }

  @Test
  void ordersEqualPartsAsTheCatalogueDoesNotAsTheFileDoes() {
    // the catalogue: phishing, vulnerability, malware, defacement, backdoor, ddos, other
    Map<String, Long> file = parts("other", 10L, "ddos", 10L, "malware", 10L, "phishing", 38L);
    assertThat(file.keySet())
        .as("control: the file's order is not the catalogue's")
        .containsExactly("other", "ddos", "malware", "phishing");
    assertThat(keys(INCIDENTS, file)).containsExactly("phishing", "malware", "ddos", "other");
  }

  @Test
  void keepsASeverityScaleInItsOrder() {
    Map<String, Long> file = parts("low", 54L, "medium", 236L, "critical", 3L, "high", 151L);
    assertThat(keys(VULNERABILITIES, file)).containsExactly("critical", "high", "medium", "low");
  }

  @Test
  void putsPartsTheCatalogueDoesNotNameAfterItsOwnWhenEqual() {
    Map<String, Long> file = parts("ransomware", 5L, "ddos", 5L);
    assertThat(keys(INCIDENTS, file)).containsExactly("ddos", "ransomware");
  }

  private static Iterable<String> keys(TallyDefinition tally, Map<String, Long> breakdown) {
    return BreakdownOrder.of(tally, breakdown).stream().map(Map.Entry::getKey).toList();
  }

  private static Map<String, Long> parts(Object... keysAndValues) {
    Map<String, Long> parts = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      parts.put((String) keysAndValues[i], (Long) keysAndValues[i + 1]);
    }
    return parts;
  }
}
