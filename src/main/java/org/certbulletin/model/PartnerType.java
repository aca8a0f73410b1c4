package org.certbulletin.model;

import java.util.Locale;

/** The kind of organisation a CERT coordinates incident handling with. */
public enum PartnerType {
  TELECOM_OPERATOR,
  DOMAIN_REGISTRAR,
  APP_STORE,
  CLOUD_PROVIDER,
  HOSTING_PROVIDER,
  REGIONAL_BRANCH,
  INTERNATIONAL_PARTNER,
  OTHER;

  public static PartnerType fromCode(String code) {
    return valueOf(code.toUpperCase(Locale.ROOT));
  }

  public String code() {
    return name().toLowerCase(Locale.ROOT);
  }
}
