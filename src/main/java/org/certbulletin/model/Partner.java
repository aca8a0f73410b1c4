package org.certbulletin.model;

import java.util.Objects;
import java.util.OptionalLong;

/** An organisation the CERT coordinated with during the week, and on how many cases. */
public record Partner(PartnerType type, String name, OptionalLong cases) {

  public Partner {
    Objects.requireNonNull(type, "type == null");
    Objects.requireNonNull(name, "name == null");
    Objects.requireNonNull(cases, "cases == null");
  }
}
