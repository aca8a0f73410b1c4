package org.certbulletin.model;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Objects;
import java.util.Optional;

/** A CVSS base score (one decimal) with its version and, when given, its vector string. */
public record Cvss(String version, BigDecimal score, Optional<String> vector) {

  public Cvss {
    Objects.requireNonNull(version, "version == null");
    score = Objects.requireNonNull(score, "score == null").setScale(1, RoundingMode.HALF_UP);
    Objects.requireNonNull(vector, "vector == null");
    Severity.fromScore(score);
  }

  public Severity severity() {
    return Severity.fromScore(score);
  }
}
