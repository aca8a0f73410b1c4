package org.certbulletin.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * What a person or a token may do: an {@code analyst} edits, imports and builds; a {@code reviewer}
 * reviews and approves; an {@code operator} publishes, sends and schedules; an {@code admin}
 * manages users and tokens. A user may hold several.
 */
public enum Role {
  ANALYST,
  REVIEWER,
  OPERATOR,
  ADMIN;

  /** Parses a code as written in commands and the API: {@code analyst}. */
  @JsonCreator
  public static Role fromCode(String code) {
    return EnumCodes.parse(Role.class, code, Role::code, "role");
  }

  /** The code written in commands and the API: {@code analyst}. */
  @JsonValue
  public String code() {
    return EnumCodes.lowerCase(this);
  }
}
