package org.certbulletin.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

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

  @JsonCreator
  public static PartnerType fromCode(String code) {
    return EnumCodes.parse(PartnerType.class, code, PartnerType::code, "partner type");
  }

  @JsonValue
  public String code() {
    return EnumCodes.lowerCase(this);
  }
}
