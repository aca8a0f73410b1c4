package org.certbulletin.model;

import java.util.List;

/**
 * What the charts show.
 *
 * @param trend the keys of the tallies drawn in the trend chart (absent or empty: incidents and
 *     cross-border incidents)
 */
public record ChartSettings(List<String> trend) {

  private static final List<String> DEFAULT_TREND =
      List.of(TallyCatalogue.INCIDENTS, TallyCatalogue.CROSS_BORDER_INCIDENTS);

  public ChartSettings {
    trend = trend == null || trend.isEmpty() ? DEFAULT_TREND : List.copyOf(trend);
  }

  public static ChartSettings defaults() {
    return new ChartSettings(DEFAULT_TREND);
  }
}
