package org.certbulletin.render;

import com.openhtmltopdf.outputdevice.helper.BaseRendererBuilder.FSFontUseCase;
import com.openhtmltopdf.outputdevice.helper.BaseRendererBuilder.FontStyle;
import com.openhtmltopdf.pdfboxout.PdfRendererBuilder;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.List;

/**
 * The fonts embedded in every PDF: Liberation Sans and Mono, shipped inside the build (never the
 * machine's fonts), held in memory and registered for both text and SVG charts.
 */
final class FontSet {

  /** The family templates use for text. */
  static final String SANS = "Liberation Sans";

  /** The family templates use for identifiers and vectors. */
  static final String MONO = "Liberation Mono";

  @SuppressWarnings("ArrayRecordComponent") // carries a font file's bytes; never compared or hashed
  private record Face(String family, int weight, FontStyle style, byte[] data) {}

  private final List<Face> faces;

  private FontSet(List<Face> faces) {
    this.faces = faces;
  }

  static FontSet liberation() {
    return new FontSet(
        List.of(
            face(SANS, 400, FontStyle.NORMAL, "LiberationSans-Regular.ttf"),
            face(SANS, 700, FontStyle.NORMAL, "LiberationSans-Bold.ttf"),
            face(SANS, 400, FontStyle.ITALIC, "LiberationSans-Italic.ttf"),
            face(SANS, 700, FontStyle.ITALIC, "LiberationSans-BoldItalic.ttf"),
            face(MONO, 400, FontStyle.NORMAL, "LiberationMono-Regular.ttf"),
            face(MONO, 700, FontStyle.NORMAL, "LiberationMono-Bold.ttf")));
  }

  void registerWith(PdfRendererBuilder builder) {
    for (Face face : faces) {
      builder.useFont(
          () -> new ByteArrayInputStream(face.data()),
          face.family(),
          face.weight(),
          face.style(),
          true,
          EnumSet.of(FSFontUseCase.DOCUMENT, FSFontUseCase.SVG));
    }
  }

  /**
   * The font with its GSUB table hidden. PDFBox 3 applies glyph substitution to every text run of a
   * font that has one, compiling regular expressions as it goes; for Latin text that costs about
   * half of each render and only buys ligatures. The table's tag is renamed in the table directory,
   * so parsers skip it; the embedded subsets never carry it.
   */
  static byte[] withoutGlyphSubstitution(byte[] font) {
    ByteBuffer buffer = ByteBuffer.wrap(font);
    int tables = Short.toUnsignedInt(buffer.getShort(4));
    for (int i = 0; i < tables; i++) {
      int record = 12 + 16 * i;
      if (buffer.getInt(record) == GSUB) {
        byte[] copy = font.clone();
        ByteBuffer.wrap(copy).putInt(record, UNUSED_TAG);
        return copy;
      }
    }
    return font;
  }

  private static final int GSUB = tag("GSUB");
  private static final int UNUSED_TAG = tag("xGSB");

  private static int tag(String tag) {
    return ByteBuffer.wrap(tag.getBytes(StandardCharsets.US_ASCII)).getInt();
  }

  private static Face face(String family, int weight, FontStyle style, String file) {
    String resource = "/liberation/" + file;
    try (InputStream in = FontSet.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("font missing from the class path: " + resource);
      }
      return new Face(family, weight, style, withoutGlyphSubstitution(in.readAllBytes()));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read font " + resource, e);
    }
  }
}
