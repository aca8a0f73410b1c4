package org.certbulletin.render;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.pdfbox.text.TextPosition;

/**
 * A page of a PDF as PDFBox reads it back: its height and the words drawn on it, each with the
 * position of its first letter (from the page's top) and its font size.
 */
/**
 * A page of a rendered PDF as a reader sees it: its words with their places, and how far down its
 * body anything is drawn (a chart's labels are shapes, not text).
 *
 * @param lowestInk the lowest drawn row of the body, as a share of the page's height; 0 for none
 */
record PrintedPage(float height, List<PrintedPage.Word> words, float lowestInk) {

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
        float height = document.getPage(page - 1).getMediaBox().getHeight();
        pages.add(new PrintedPage(height, words, lowestInk(document, page - 1, height)));
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

  /**
   * The lowest row of the body (between the margins) where anything is drawn, as a share of the
   * page's height, from the page rendered at 36 dpi.
   */
  private static float lowestInk(PDDocument document, int index, float height) throws IOException {
    float scale = 0.5f;
    BufferedImage image = new PDFRenderer(document).renderImage(index, scale);
    int top = (int) Math.ceil(TOP_MARGIN * scale);
    int bottom = (int) Math.floor((height - BOTTOM_MARGIN) * scale);
    for (int y = Math.min(bottom, image.getHeight()) - 1; y >= top; y--) {
      for (int x = 0; x < image.getWidth(); x++) {
        int rgb = image.getRGB(x, y);
        if ((rgb & 0xff) < 230 || (rgb >> 8 & 0xff) < 230 || (rgb >> 16 & 0xff) < 230) {
          return (y + 1) / scale / height;
        }
      }
    }
    return 0;
  }

  /** How far down the body is used: its lowest line of text or drawn row, whichever is lower. */
  float lowestContent() {
    return Math.max(lowestLine(), lowestInk);
  }

  /** The baseline of the body's lowest line, as a share of the page's height; 0 for none. */
  float lowestLine() {
    return (float) body().stream().mapToDouble(Word::y).max().orElse(0) / height;
  }
}
