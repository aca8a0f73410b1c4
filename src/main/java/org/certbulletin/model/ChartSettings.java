package org.certbulletin.model;

import java.util.List;

/**
 * What the charts show.
 *
 * @param trend the tallies drawn in the trend chart (absent or empty: incidents and cross-border
 *     incidents)
 */
public record ChartSettings(List<Metric> trend) {

  private static final List<Metric> DEFAULT_TREND =
      List.of(Metric.INCIDENTS, Metric.CROSS_BORDER_INCIDENTS);

  public ChartSettings {
    trend = trend == null || trend.isEmpty() ? DEFAULT_TREND : List.copyOf(trend);
  }

  public static ChartSettings defaults() {
    return new ChartSettings(DEFAULT_TREND);
  }
}
