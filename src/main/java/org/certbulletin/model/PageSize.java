package org.certbulletin.model;

/** Paper size of the PDF edition. */
public enum PageSize {
  A4("A4"),
  LETTER("letter");

  private final String css;

  PageSize(String css) {
    this.css = css;
  }

  /** The value of the CSS {@code @page size} property. */
  public String css() {
    return css;
  }
}
