package org.certbulletin.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** A headline figure a bulletin can carry, in the order bulletins show them. */
public enum Metric {
  INCIDENTS("incidents"),
  CROSS_BORDER_INCIDENTS("cross_border_incidents"),
  DATA_BREACHES("data_breaches"),
  INFECTED_HOSTS("infected_hosts"),
  DEFACED_SITES("defaced_sites"),
  BACKDOOR_SITES("backdoor_sites"),
  PHISHING_PAGES("phishing_pages"),
  VULNERABILITIES("vulnerabilities");

  private final String key;

  Metric(String key) {
    this.key = key;
  }

  /** The member name in the week file's {@code tallies} object. */
  @JsonValue
  public String key() {
    return key;
  }

  @JsonCreator
  public static Metric fromKey(String key) {
    return EnumCodes.parse(Metric.class, key, Metric::key, "tally");
  }
}
