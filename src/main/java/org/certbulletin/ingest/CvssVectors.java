package org.certbulletin.ingest;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Optional;

/** The base scores CVSS vectors compute to, as the week rules check them. */
public final class CvssVectors {

  private CvssVectors() {}

  /**
   * The base score of a CVSS 3.x or 4.0 {@code vector} (FIRST's formulas), or empty if it is not a
   * valid vector.
   */
  public static Optional<BigDecimal> baseScore(String vector) {
    try {
      if (vector.startsWith("CVSS:4.0/")) {
        return Optional.of(Cvss4Score.of(vector));
      }
      if (vector.startsWith("CVSS:3.")) {
        us.springett.cvss.Cvss parsed = us.springett.cvss.Cvss.fromVector(vector);
        return parsed == null
            ? Optional.empty()
            : Optional.of(
                BigDecimal.valueOf(parsed.calculateScore().getBaseScore())
                    .setScale(1, RoundingMode.HALF_UP));
      }
      return Optional.empty();
    } catch (RuntimeException e) {
      return Optional.empty();
    }
  }
}
