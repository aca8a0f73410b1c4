package org.certbulletin.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;

/** The text of each page of a PDF, as PDFBox reads it back. */
public final class PdfText {

  private PdfText() {}

  /**
   * Page texts in the order the content was drawn, which keeps each table cell's lines together.
   */
  public static List<String> pages(byte[] pdf) {
    return pages(pdf, false);
  }

  /**
   * Page texts in reading order by position on the page, as a person reads lines across columns.
   */
  public static List<String> pagesByPosition(byte[] pdf) {
    return pages(pdf, true);
  }

  private static List<String> pages(byte[] pdf, boolean byPosition) {
    try (PDDocument document = Loader.loadPDF(pdf)) {
      List<String> pages = new ArrayList<>();
      PDFTextStripper stripper = new PDFTextStripper();
      stripper.setSortByPosition(byPosition);
      for (int page = 1; page <= document.getNumberOfPages(); page++) {
        stripper.setStartPage(page);
        stripper.setEndPage(page);
        pages.add(stripper.getText(document));
      }
      return pages;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
