package org.certbulletin.model;

import java.util.Locale;

/** The overall security situation of the week, on CNCERT's five-step scale. */
public enum Rating {
  EXCELLENT,
  GOOD,
  FAIR,
  POOR,
  CRITICAL;

  public static Rating fromCode(String code) {
    return valueOf(code.toUpperCase(Locale.ROOT));
  }

  public String code() {
    return name().toLowerCase(Locale.ROOT);
  }
}
