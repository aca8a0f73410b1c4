package org.certbulletin.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.pdfbox.util.Matrix;
import org.apache.pdfbox.util.Vector;

/** The fonts of a PDF and the glyphs drawn with them, as PDFBox reads them back. */
public final class PdfFonts {

  private PdfFonts() {}

  /** The name of every font the pages use, page by page (subset names keep their tag). */
  public static List<String> names(byte[] pdf) {
    List<String> names = new ArrayList<>();
    try (PDDocument document = Loader.loadPDF(pdf)) {
      for (PDPage page : document.getPages()) {
        for (COSName name : page.getResources().getFontNames()) {
          names.add(page.getResources().getFont(name).getName());
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return names;
  }

  /** The font of each glyph drawn as glyph 0, the missing glyph (.notdef). */
  public static List<String> notdefGlyphs(byte[] pdf) {
    List<String> notdef = new ArrayList<>();
    try (PDDocument document = Loader.loadPDF(pdf)) {
      new PDFTextStripper() {
        @Override
        protected void showGlyph(Matrix matrix, PDFont font, int code, Vector displacement)
            throws IOException {
          if (code == 0) {
            notdef.add(font.getName());
          }
          super.showGlyph(matrix, font, code, displacement);
        }
      }.getText(document);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return notdef;
  }
}
