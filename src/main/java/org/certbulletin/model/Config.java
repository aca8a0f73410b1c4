package org.certbulletin.model;

import java.util.List;
import java.util.Objects;

/** The issuer's settings from {@code data/config.json}. */
public record Config(Issuer issuer, PageSize pageSize, List<Metric> trendMetrics) {

  public Config {
    Objects.requireNonNull(issuer, "issuer == null");
    Objects.requireNonNull(pageSize, "pageSize == null");
    trendMetrics = List.copyOf(trendMetrics);
    if (trendMetrics.isEmpty()) {
      throw new IllegalArgumentException("at least one trend metric is needed");
    }
  }
}
