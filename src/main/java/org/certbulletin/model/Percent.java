package org.certbulletin.model;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Optional;

/**
 * The one percentage rule of the bulletin: part / whole x 100, one decimal, half up; none of a
 * whole of 0.
 */
public final class Percent {

  private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

  private Percent() {}

  /** {@code part} as a percentage of {@code whole}, or empty when {@code whole} is 0. */
  public static Optional<BigDecimal> of(long part, long whole) {
    if (whole == 0) {
      return Optional.empty();
    }
    return Optional.of(
        BigDecimal.valueOf(part)
            .multiply(HUNDRED)
            .divide(BigDecimal.valueOf(whole), 1, RoundingMode.HALF_UP));
  }
}
