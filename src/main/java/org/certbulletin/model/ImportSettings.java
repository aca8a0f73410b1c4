package org.certbulletin.model;

import java.util.List;

/**
 * Settings of the imports.
 *
 * @param allowHosts hosts the imports may read from although their addresses are of the CERT's own
 *     network or of this machine, by name as the URLs write them (like {@code --allow-host})
 */
public record ImportSettings(List<String> allowHosts) {

  public ImportSettings {
    allowHosts = allowHosts == null ? List.of() : List.copyOf(allowHosts);
  }

  public static ImportSettings defaults() {
    return new ImportSettings(List.of());
  }
}
