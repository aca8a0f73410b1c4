package org.certbulletin.model;

import java.math.BigDecimal;
import java.util.Objects;
import java.util.Optional;

/** A CVSS base score with its version and, when given, its vector string. */
public record Cvss(String version, BigDecimal score, Optional<String> vector) {

  public Cvss {
    Objects.requireNonNull(version, "version == null");
    Objects.requireNonNull(score, "score == null");
    Objects.requireNonNull(vector, "vector == null");
    Severity.fromScore(score);
  }

  public Severity severity() {
    return Severity.fromScore(score);
  }
}
