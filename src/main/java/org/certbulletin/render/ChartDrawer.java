package org.certbulletin.render;

import com.openhtmltopdf.css.sheet.FontFaceRule;
import com.openhtmltopdf.layout.SharedContext;
import com.openhtmltopdf.svgsupport.BatikSVGDrawer;
import com.openhtmltopdf.svgsupport.PDFTranscoder.OpenHtmlFontResolver;
import java.util.List;
import java.util.function.Consumer;

/**
 * Draws the charts (inline SVG) with fonts made once per process. The stock drawer makes a new font
 * of every registered font file for every document, which for the Chinese font alone means copying
 * 4.6 MB per render. Scripts and external resources stay refused, as in the stock secure drawer.
 */
final class ChartDrawer extends BatikSVGDrawer {

  private final OpenHtmlFontResolver fonts;
  private final Consumer<OpenHtmlFontResolver> addFonts;

  /**
   * @param fonts the shared fonts
   * @param addFonts adds the same fonts to a drawer's own fonts
   */
  ChartDrawer(OpenHtmlFontResolver fonts, Consumer<OpenHtmlFontResolver> addFonts) {
    super(SvgScriptMode.SECURE, SvgExternalResourceMode.SECURE);
    this.fonts = fonts;
    this.addFonts = addFonts;
  }

  /**
   * Uses the shared fonts. A style sheet with {@code @font-face} rules (a CERT's own templates)
   * gets fonts of its own, as the stock drawer makes them: those fonts and the shipped ones.
   */
  @Override
  public void importFontFaceRules(List<FontFaceRule> fontFaces, SharedContext shared) {
    if (fontFaces.isEmpty()) {
      this.fontResolver = fonts;
    } else {
      super.importFontFaceRules(fontFaces, shared);
      addFonts.accept(this.fontResolver);
    }
  }
}
