package org.certbulletin.model;

import java.math.BigDecimal;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Week-over-week change of a figure. The percentage is (current - previous) / previous, rounded to
 * one decimal; it is absent when there is no previous week or the previous value was zero.
 */
public record Change(long current, OptionalLong previous) {

  /** Which way a figure moved. */
  public enum Direction {
    UP,
    DOWN,
    UNCHANGED,
    NEW,
    UNKNOWN
  }

  public Direction direction() {
    if (previous.isEmpty()) {
      return Direction.UNKNOWN;
    }
    long before = previous.getAsLong();
    if (before == current) {
      return Direction.UNCHANGED;
    }
    if (before == 0) {
      return Direction.NEW;
    }
    return current > before ? Direction.UP : Direction.DOWN;
  }

  /** current - previous, when the previous week is known. */
  public OptionalLong delta() {
    return previous.isPresent()
        ? OptionalLong.of(current - previous.getAsLong())
        : OptionalLong.empty();
  }

  /** The signed change in percent with one decimal, when it is defined. */
  public Optional<BigDecimal> percent() {
    return previous.isPresent()
        ? Percent.of(current - previous.getAsLong(), previous.getAsLong())
        : Optional.empty();
  }
}
