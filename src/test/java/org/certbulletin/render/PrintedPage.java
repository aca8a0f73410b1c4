package org.certbulletin.render;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.pdfbox.text.TextPosition;

/**
 * A page of a PDF as PDFBox reads it back: its height and the words drawn on it, each with the
 * position of its first letter (from the page's top) and its font size.
 */
record PrintedPage(float height, List<PrintedPage.Word> words) {

  /** The page's margins (paged.css: 20 mm at the top, 18 mm at the foot): running elements only. */
  static final float TOP_MARGIN = 20 * 72 / 25.4f;

  static final float BOTTOM_MARGIN = 18 * 72 / 25.4f;

  /** A run of letters without a space; {@code y} is its baseline. */
  record Word(String text, float x, float y, float size) {}

  PrintedPage {
    words = List.copyOf(words);
  }

  static List<PrintedPage> of(byte[] pdf) {
    try (PDDocument document = Loader.loadPDF(pdf)) {
      List<PrintedPage> pages = new ArrayList<>();
      for (int page = 1; page <= document.getNumberOfPages(); page++) {
        List<Word> words = new ArrayList<>();
        PDFTextStripper stripper =
            new PDFTextStripper() {
              @Override
              protected void writeString(String text, List<TextPosition> positions) {
                StringBuilder word = new StringBuilder();
                TextPosition first = null;
                for (TextPosition p : positions) {
                  if (p.getUnicode().isBlank()) {
                    add(word, first);
                    word.setLength(0);
                    first = null;
                  } else {
                    first = first == null ? p : first;
                    word.append(p.getUnicode());
                  }
                }
                add(word, first);
              }

              private void add(StringBuilder word, TextPosition first) {
                if (first != null) {
                  words.add(
                      new Word(
                          word.toString(),
                          first.getXDirAdj(),
                          first.getYDirAdj(),
                          first.getFontSizeInPt()));
                }
              }
            };
        stripper.setStartPage(page);
        stripper.setEndPage(page);
        stripper.getText(document);
        pages.add(new PrintedPage(document.getPage(page - 1).getMediaBox().getHeight(), words));
      }
      return pages;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The words between the page's margins: its body, without the running header and footer. */
  List<Word> body() {
    return words.stream()
        .filter(w -> w.y() > TOP_MARGIN && w.y() < height - BOTTOM_MARGIN)
        .toList();
  }

  /** The baseline of the body's lowest line, as a share of the page's height; 0 for none. */
  float lowestLine() {
    return (float) body().stream().mapToDouble(Word::y).max().orElse(0) / height;
  }
}
