package org.certbulletin.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** A FIRST Traffic Light Protocol 2.0 label, from least to most restricted. */
public enum Tlp {
  CLEAR("CLEAR", "#FFFFFF"),
  GREEN("GREEN", "#33FF00"),
  AMBER("AMBER", "#FFC000"),
  AMBER_STRICT("AMBER+STRICT", "#FFC000"),
  RED("RED", "#FF2B2B");

  private final String code;
  private final String colour;

  Tlp(String code, String colour) {
    this.code = code;
    this.colour = colour;
  }

  /** Parses the code used in data files, e.g. {@code AMBER+STRICT}. */
  @JsonCreator
  public static Tlp fromCode(String code) {
    return EnumCodes.parse(Tlp.class, code, Tlp::code, "TLP label");
  }

  /** The code used in data files: {@code AMBER+STRICT}. */
  @JsonValue
  public String code() {
    return code;
  }

  /** The label as FIRST says to write it: {@code TLP:AMBER+STRICT}. */
  public String label() {
    return "TLP:" + code;
  }

  /** FIRST's colour for the label text, drawn on black. */
  public String colour() {
    return colour;
  }

  /** A CSS-friendly name: {@code amber-strict}. */
  public String slug() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /** True if content marked {@code other} may appear in an edition marked with this label. */
  public boolean permits(Tlp other) {
    return other.compareTo(this) <= 0;
  }

  public Tlp max(Tlp other) {
    return other.compareTo(this) > 0 ? other : this;
  }
}
