package org.certbulletin.model;

import java.math.BigDecimal;
import java.util.Locale;

/** Qualitative severity of a vulnerability, from the CVSS base score (v3.1 / v4.0 bands). */
public enum Severity {
  CRITICAL,
  HIGH,
  MEDIUM,
  LOW,
  NONE,
  /** No score and no rating given yet ("Not yet assigned"). */
  UNASSIGNED;

  private static final BigDecimal NINE = new BigDecimal("9.0");
  private static final BigDecimal SEVEN = new BigDecimal("7.0");
  private static final BigDecimal FOUR = new BigDecimal("4.0");

  /** The CVSS band a base score falls in: 9.0-10.0 critical, 7.0-8.9 high, 4.0-6.9 medium, 0.1-3.9 low. */
  public static Severity fromScore(BigDecimal score) {
    if (score.signum() < 0 || score.compareTo(BigDecimal.TEN) > 0) {
      throw new IllegalArgumentException("CVSS score out of range 0-10: " + score);
    }
    if (score.compareTo(NINE) >= 0) {
      return CRITICAL;
    }
    if (score.compareTo(SEVEN) >= 0) {
      return HIGH;
    }
    if (score.compareTo(FOUR) >= 0) {
      return MEDIUM;
    }
    return score.signum() > 0 ? LOW : NONE;
  }

  /** Parses the lower-case name used in data files. */
  public static Severity fromCode(String code) {
    return valueOf(code.toUpperCase(Locale.ROOT));
  }

  public String code() {
    return name().toLowerCase(Locale.ROOT);
  }
}
