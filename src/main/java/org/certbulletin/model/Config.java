package org.certbulletin.model;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The issuer's settings from {@code data/config.json}.
 *
 * @param schedule empty when the daemon is not configured
 * @param smtp empty when mail goes to the outbox only
 * @param operators who is told about failed scheduled runs
 * @param lists the distribution lists
 * @param dkim DKIM signing, when configured
 */
public record Config(Issuer issuer, PageSize pageSize, List<Metric> trendMetrics, SiteSettings site,
    Optional<ScheduleSettings> schedule, StateSettings state, Optional<SmtpSettings> smtp, List<String> operators,
    List<DistributionList> lists, Optional<DkimSettings> dkim) {

  public Config {
    Objects.requireNonNull(issuer, "issuer == null");
    Objects.requireNonNull(pageSize, "pageSize == null");
    trendMetrics = List.copyOf(trendMetrics);
    if (trendMetrics.isEmpty()) {
      throw new IllegalArgumentException("at least one trend metric is needed");
    }
    Objects.requireNonNull(site, "site == null");
    Objects.requireNonNull(schedule, "schedule == null");
    Objects.requireNonNull(state, "state == null");
    Objects.requireNonNull(smtp, "smtp == null");
    operators = List.copyOf(operators);
    lists = List.copyOf(lists);
    Objects.requireNonNull(dkim, "dkim == null");
  }

  /** The list called {@code name}. */
  public Optional<DistributionList> list(String name) {
    return lists.stream().filter(l -> l.name().equals(name)).findFirst();
  }

  /** A configuration with only the issuer and layout settings. */
  public static Config of(Issuer issuer, PageSize pageSize, List<Metric> trendMetrics) {
    return new Config(issuer, pageSize, trendMetrics, SiteSettings.defaults(), Optional.empty(),
        StateSettings.defaults(), Optional.empty(), List.of(), List.of(), Optional.empty());
  }
}
