package org.certbulletin.model;

/** How the PDF edition is laid out. */
public record PdfSettings(PageSize pageSize) {

  public PdfSettings {
    pageSize = pageSize == null ? PageSize.A4 : pageSize;
  }

  public static PdfSettings defaults() {
    return new PdfSettings(PageSize.A4);
  }
}
