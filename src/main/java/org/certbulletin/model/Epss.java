package org.certbulletin.model;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Objects;
import java.util.Optional;

/**
 * FIRST's Exploit Prediction Scoring System score of an advisory's most likely exploited CVE.
 *
 * @param score the probability of exploitation in the next 30 days, 0 to 1
 * @param percentile the share of scored CVEs with a lower or equal score, 0 to 1
 * @param date the day the scores were computed
 */
public record Epss(String cve, BigDecimal score, BigDecimal percentile, Optional<LocalDate> date) {

  public Epss {
    Objects.requireNonNull(cve, "cve == null");
    Objects.requireNonNull(score, "score == null");
    Objects.requireNonNull(percentile, "percentile == null");
    Objects.requireNonNull(date, "date == null");
  }
}
