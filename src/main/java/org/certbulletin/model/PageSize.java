package org.certbulletin.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** Paper size of the PDF edition. */
public enum PageSize {
  A4("A4", "A4"),
  LETTER("Letter", "letter");

  private final String code;
  private final String css;

  PageSize(String code, String css) {
    this.code = code;
    this.css = css;
  }

  @JsonCreator
  public static PageSize fromCode(String code) {
    return EnumCodes.parse(PageSize.class, code, PageSize::code, "page size");
  }

  /** The name used in {@code config.json}: {@code A4}, {@code Letter}. */
  @JsonValue
  public String code() {
    return code;
  }

  /** The value of the CSS {@code @page size} property. */
  public String css() {
    return css;
  }
}
