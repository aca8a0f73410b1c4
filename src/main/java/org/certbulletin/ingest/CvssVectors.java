package org.certbulletin.ingest;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Optional;

/**
 * The base scores CVSS vectors compute to: 3.x with FIRST's formula (through cvss-calculator), 4.0
 * as FIRST's reference calculator computes it. The week rules and the imports both score here.
 */
public final class CvssVectors {

  private CvssVectors() {}

  /** The base score of a CVSS 3.x or 4.0 {@code vector}, or empty if it is not a valid one. */
  public static Optional<BigDecimal> baseScore(String vector) {
    try {
      return Optional.of(compute(vector));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  /**
   * The base score of a CVSS 3.x or 4.0 {@code vector}.
   *
   * @throws IllegalArgumentException saying what is wrong with it
   */
  static BigDecimal compute(String vector) {
    if (vector.startsWith("CVSS:4.0/")) {
      return Cvss4Score.of(vector);
    }
    if (vector.startsWith("CVSS:3.")) {
      us.springett.cvss.Cvss parsed;
      try {
        parsed = us.springett.cvss.Cvss.fromVector(vector);
      } catch (RuntimeException e) {
        parsed = null;
      }
      if (parsed == null) {
        throw new IllegalArgumentException("is not a valid CVSS 3.x vector");
      }
      return BigDecimal.valueOf(parsed.calculateScore().getBaseScore())
          .setScale(1, RoundingMode.HALF_UP);
    }
    throw new IllegalArgumentException("is not a CVSS 3.x or 4.0 vector");
  }
}
