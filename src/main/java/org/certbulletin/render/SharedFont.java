package org.certbulletin.render;

import com.openhtmltopdf.outputdevice.helper.BaseRendererBuilder.FontStyle;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Optional;
import java.util.Set;
import java.util.function.IntPredicate;
import org.apache.fontbox.ttf.CmapLookup;
import org.apache.fontbox.ttf.TTFParser;
import org.apache.fontbox.ttf.TrueTypeFont;
import org.apache.pdfbox.io.RandomAccessReadBuffer;

/**
 * A TrueType font shipped in the jar, read and parsed the first time something asks for it and then
 * kept for the life of the process: every PDF that needs it embeds a subset made from this one
 * parsed font. PDFBox locks its own table reads, so renders on several threads may share it.
 */
final class SharedFont {

  private final String family;
  private final int weight;
  private final FontStyle style;
  private final String resource;
  private final Set<Character.UnicodeScript> scripts;
  private final boolean keepGlyphSubstitution;
  private volatile Parsed parsed;
  private volatile IntPredicate coverage;

  private record Parsed(TrueTypeFont font, CmapLookup cmap) {}

  /**
   * @param keepGlyphSubstitution whether PDFBox should apply the font's GSUB table (Devanagari
   *     needs it for conjuncts and vowel-sign order; for the others it only costs time)
   */
  SharedFont(
      String family,
      int weight,
      FontStyle style,
      String resource,
      Set<Character.UnicodeScript> scripts,
      boolean keepGlyphSubstitution) {
    this.family = family;
    this.weight = weight;
    this.style = style;
    this.resource = resource;
    this.scripts = Set.copyOf(scripts);
    this.keepGlyphSubstitution = keepGlyphSubstitution;
  }

  String family() {
    return family;
  }

  int weight() {
    return weight;
  }

  FontStyle style() {
    return style;
  }

  /** Whether the font is made for the script of {@code codePoint} (not for common punctuation). */
  boolean isFor(int codePoint) {
    return scripts.contains(Character.UnicodeScript.of(codePoint));
  }

  /**
   * Whether the font has a glyph for {@code codePoint}: from its character map alone (see {@link
   * FontCoverage}), so that a font is parsed only when a document draws with it.
   */
  boolean has(int codePoint) {
    IntPredicate c = coverage;
    if (c == null) {
      synchronized (this) {
        c = coverage;
        if (c == null) {
          c = readCoverage();
          coverage = c;
        }
      }
    }
    return c.test(codePoint);
  }

  private IntPredicate readCoverage() {
    Optional<FontCoverage> read;
    try (InputStream in = open()) {
      read = FontCoverage.read(in);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read font " + resource, e);
    }
    if (read.isPresent()) {
      return read.get()::has;
    }
    CmapLookup cmap = parsed().cmap();
    return codePoint -> cmap.getGlyphId(codePoint) != 0;
  }

  /**
   * The font file as shipped, for the SVG renderer (the charts), which makes a font of its own from
   * it (and shapes Arabic with its glyph substitution).
   */
  InputStream open() {
    InputStream in = SharedFont.class.getResourceAsStream(resource);
    if (in == null) {
      throw new IllegalStateException("font missing from the class path: " + resource);
    }
    return in;
  }

  /** Whether PDFBox would apply glyph substitution to this font (for tests). */
  boolean substitutes() {
    return font().getTableMap().containsKey("GSUB");
  }

  /**
   * Whether the font has been read yet, its character map or all of it (for tests: a font no text
   * needed is never read).
   */
  boolean isLoaded() {
    return coverage != null || parsed != null;
  }

  TrueTypeFont font() {
    return parsed().font();
  }

  private Parsed parsed() {
    Parsed p = parsed;
    if (p == null) {
      synchronized (this) {
        p = parsed;
        if (p == null) {
          p = load();
          parsed = p;
        }
      }
    }
    return p;
  }

  private Parsed load() {
    try (InputStream in = SharedFont.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("font missing from the class path: " + resource);
      }
      byte[] bytes = in.readAllBytes();
      if (!keepGlyphSubstitution) {
        bytes = FontSet.withoutGlyphSubstitution(bytes);
      }
      TrueTypeFont font = new TTFParser().parse(new RandomAccessReadBuffer(bytes));
      return new Parsed(font, font.getUnicodeCmapLookup());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read font " + resource, e);
    }
  }
}
