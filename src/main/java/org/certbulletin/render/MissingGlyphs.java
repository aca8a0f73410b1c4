package org.certbulletin.render;

import com.openhtmltopdf.css.constants.IdentValue;
import com.openhtmltopdf.pdfboxout.PDFontSupplier;
import com.openhtmltopdf.pdfboxout.PdfBoxFontResolver;
import java.io.InputStream;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.fontbox.util.BoundingBox;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSInteger;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.font.PDFont;

/**
 * The characters of one PDF that no font of their font stack has, as the PDF renderer finds them.
 * It adds a font without glyphs after every stack, after all the real fonts: the renderer asks that
 * font only for a character none of the real ones has, the one it would draw as '#', and the font
 * notes it and says it has no glyph either. The answer comes from the renderer's own font lookup
 * for this document, so it cannot disagree with what reaches the page.
 */
final class MissingGlyphs {

  /** The family of the font without glyphs; no style sheet names it. */
  static final String FAMILY = "cert-bulletin: no font has this character";

  private final Set<Integer> found = new LinkedHashSet<>();

  /** Puts the font without glyphs after every font stack of the document {@code fonts} lays out. */
  void watch(PdfBoxFontResolver fonts) {
    fonts.addFont(
        new PDFontSupplier(null) {
          @Override
          public PDFont supply() {
            return new NoGlyphs();
          }
        },
        FAMILY,
        400,
        IdentValue.NORMAL,
        true,
        PdfBoxFontResolver.FontGroup.FINAL_FALLBACK);
  }

  /**
   * The characters the renderer found in no font, in the order it met them, without those it lays
   * out without a glyph of their own (white space, format characters, controls).
   */
  List<Integer> found() {
    synchronized (found) {
      return found.stream()
          .filter(c -> !PrintableText.isInvisible(c) && !Character.isISOControl(c))
          .toList();
    }
  }

  /** The font dictionary of a Type 3 font without glyphs, never written to the PDF. */
  private static COSDictionary dictionary() {
    COSDictionary descriptor = new COSDictionary();
    descriptor.setItem(COSName.TYPE, COSName.FONT_DESC);
    descriptor.setName(COSName.FONT_NAME, "CertBulletinNoGlyphs");
    descriptor.setItem(COSName.ASCENT, COSInteger.ONE);
    descriptor.setItem(COSName.DESCENT, COSInteger.get(-1));
    // the renderer takes the largest strike-through offset (minus a third of the box's top) of a
    // stack's fonts: a tall box keeps this font's out of the way
    COSArray box = new COSArray();
    box.add(COSInteger.ZERO);
    box.add(COSInteger.get(-1));
    box.add(COSInteger.ONE);
    box.add(COSInteger.get(3000));
    descriptor.setItem(COSName.FONT_BBOX, box);
    COSDictionary font = new COSDictionary();
    font.setItem(COSName.TYPE, COSName.FONT);
    font.setItem(COSName.SUBTYPE, COSName.TYPE3);
    font.setName(COSName.BASE_FONT, "CertBulletinNoGlyphs");
    font.setItem(COSName.FONT_DESC, descriptor);
    return font;
  }

  private void note(int codePoint) {
    synchronized (found) {
      found.add(codePoint);
    }
  }

  /**
   * What the renderer takes for "this font lacks the character"; one instance per document, without
   * a stack trace, as the renderer may ask often (for each invisible character no font has, say).
   */
  private static final class NoGlyph extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    NoGlyph() {
      super("no glyph");
    }

    @Override
    public synchronized Throwable fillInStackTrace() {
      return this;
    }
  }

  /**
   * A font that has no glyph: asked for the width of any text, it notes the characters and says it
   * cannot encode them, which is how the renderer learns that a font lacks a character. Its metrics
   * are tiny, so that being part of every stack changes no line's height.
   */
  private final class NoGlyphs extends PDFont {

    private final NoGlyph noGlyph = new NoGlyph();

    NoGlyphs() {
      super(dictionary());
    }

    @Override
    protected byte[] encode(int unicode) {
      note(unicode);
      throw noGlyph;
    }

    @Override
    protected float getStandard14Width(int code) {
      return 0;
    }

    @Override
    public int readCode(InputStream in) {
      throw new UnsupportedOperationException("a font without glyphs is never drawn");
    }

    @Override
    public boolean isVertical() {
      return false;
    }

    @Override
    public void addToSubset(int codePoint) {
      throw new UnsupportedOperationException("a font without glyphs is never drawn");
    }

    @Override
    public void subset() {}

    @Override
    public boolean willBeSubset() {
      return false;
    }

    @Override
    public String getName() {
      return "CertBulletinNoGlyphs";
    }

    @Override
    public BoundingBox getBoundingBox() {
      return new BoundingBox(0, -1, 1, 3000);
    }

    @Override
    @Deprecated
    @SuppressWarnings("InlineMeSuggester") // PDFBox's, overridden as it must be
    public float getHeight(int code) {
      return 0;
    }

    @Override
    public boolean hasExplicitWidth(int code) {
      return false;
    }

    @Override
    public float getWidthFromFont(int code) {
      return 0;
    }

    @Override
    public boolean isEmbedded() {
      return false;
    }

    @Override
    public boolean isDamaged() {
      return false;
    }
  }
}
