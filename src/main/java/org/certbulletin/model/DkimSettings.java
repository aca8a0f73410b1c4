package org.certbulletin.model;

import java.util.Objects;

/** DKIM signing identity; the private key comes only from the environment. */
public record DkimSettings(String domain, String selector) {

  public DkimSettings {
    Objects.requireNonNull(domain, "domain == null");
    Objects.requireNonNull(selector, "selector == null");
  }
}
