package org.certbulletin.model;

import java.util.Objects;
import java.util.Optional;

/**
 * Where the scheduler and the delivery ledger keep their state.
 *
 * @param jdbcUrl the database; empty for the default H2 file under {@code out/state/}
 * @param cluster several daemons share the database and each firing runs once
 */
public record StateSettings(Optional<String> jdbcUrl, boolean cluster) {

  public StateSettings {
    Objects.requireNonNull(jdbcUrl, "jdbcUrl == null");
  }

  public static StateSettings defaults() {
    return new StateSettings(Optional.empty(), false);
  }
}
