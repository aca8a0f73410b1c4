package org.certbulletin.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.math.BigDecimal;

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

  /**
   * The CVSS band a base score falls in: 9.0-10.0 critical, 7.0-8.9 high, 4.0-6.9 medium, 0.1-3.9
   * low.
   */
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
  @JsonCreator
  public static Severity fromCode(String code) {
    return EnumCodes.parse(Severity.class, code, Severity::code, "severity");
  }

  @JsonValue
  public String code() {
    return EnumCodes.lowerCase(this);
  }

  /**
   * True for the bands a CVSS score or an analyst can give; false for "none" and "not yet
   * assigned".
   */
  public boolean isRated() {
    return this != NONE && this != UNASSIGNED;
  }

  /** Counts {@code advisories} by severity, every band present, from the most severe. */
  public static java.util.Map<Severity, Long> count(java.util.Collection<Advisory> advisories) {
    java.util.Map<Severity, Long> counts = new java.util.EnumMap<>(Severity.class);
    for (Severity severity : values()) {
      counts.put(severity, 0L);
    }
    advisories.forEach(a -> counts.merge(a.severity(), 1L, Long::sum));
    return java.util.Collections.unmodifiableMap(counts);
  }

  /**
   * Leaves a severity out of a written week file when it is not a rating (Jackson calls {@code
   * equals} with the value; true means "do not write").
   */
  static final class Unrated {

    @Override
    public boolean equals(Object value) {
      return value instanceof Severity severity && !severity.isRated();
    }

    @Override
    public int hashCode() {
      return 0;
    }
  }
}
