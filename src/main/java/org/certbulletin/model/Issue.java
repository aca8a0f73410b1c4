package org.certbulletin.model;

import java.util.Objects;
import java.util.OptionalInt;

/** Where a bulletin stands in the series: volume (usually the year), number, and running total. */
public record Issue(int volume, int number, OptionalInt total) {

  public Issue {
    if (volume < 1 || number < 1) {
      throw new IllegalArgumentException(
          "volume and number must be positive: " + volume + "/" + number);
    }
    Objects.requireNonNull(total, "total == null");
  }
}
