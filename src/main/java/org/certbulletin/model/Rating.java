package org.certbulletin.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** The overall security situation of the week, on CNCERT's five-step scale. */
public enum Rating {
  EXCELLENT,
  GOOD,
  FAIR,
  POOR,
  CRITICAL;

  @JsonCreator
  public static Rating fromCode(String code) {
    return EnumCodes.parse(Rating.class, code, Rating::code, "rating");
  }

  @JsonValue
  public String code() {
    return EnumCodes.lowerCase(this);
  }
}
