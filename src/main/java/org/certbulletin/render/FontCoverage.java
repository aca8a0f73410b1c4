package org.certbulletin.render;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.BitSet;
import java.util.Optional;

/**
 * The characters a TrueType font has a glyph for, read from its character map ({@code cmap}) and
 * glyph count ({@code maxp}) alone, as PDFBox's {@code TrueTypeFont.getUnicodeCmapLookup()} maps
 * them. Telling whether a font can print a text needs neither the glyphs nor the metrics, whose
 * parsing took longer than the rest of {@code validate}; the file is read only as far as its
 * character map (for the CJK font, the first 4% of it).
 */
final class FontCoverage {

  /** The Unicode subtables PDFBox takes, in its order: (platform, encoding). */
  private static final int[][] UNICODE_SUBTABLES = {
    {0, 4}, {3, 10}, {0, 3}, {3, 1}, {3, 0}, {0, 1}
  };

  private final BitSet characters;

  private FontCoverage(BitSet characters) {
    this.characters = characters;
  }

  /** Whether the font maps {@code codePoint} to a glyph other than the missing glyph. */
  boolean has(int codePoint) {
    return codePoint >= 0 && characters.get(codePoint);
  }

  /**
   * The coverage of the font file {@code in}; empty if its Unicode character map is of a format
   * this does not read (only 4 and 12, which every shipped font uses), so the font must be parsed.
   */
  static Optional<FontCoverage> read(InputStream in) throws IOException {
    Forward file = new Forward(in);
    file.in.readInt(); // sfnt version
    int tables = file.in.readUnsignedShort();
    file.in.skipNBytes(6);
    long cmapOffset = -1;
    long maxpOffset = -1;
    int cmapLength = 0;
    for (int i = 0; i < tables; i++) {
      int tag = file.in.readInt();
      file.in.readInt(); // checksum
      long offset = Integer.toUnsignedLong(file.in.readInt());
      int length = file.in.readInt();
      if (tag == tag("cmap")) {
        cmapOffset = offset;
        cmapLength = length;
      } else if (tag == tag("maxp")) {
        maxpOffset = offset;
      }
    }
    file.position = 12L + 16L * tables;
    if (cmapOffset < 0 || maxpOffset < 0 || cmapLength < 4) {
      return Optional.empty();
    }
    // the two tables in the order they stand in the file: the stream is read forwards only
    int glyphs;
    ByteBuffer cmap;
    if (maxpOffset < cmapOffset) {
      glyphs = file.glyphCount(maxpOffset);
      cmap = file.table(cmapOffset, cmapLength);
    } else {
      cmap = file.table(cmapOffset, cmapLength);
      glyphs = file.glyphCount(maxpOffset);
    }
    return unicodeSubtable(cmap).flatMap(at -> characters(cmap, at, glyphs)).map(FontCoverage::new);
  }

  /** A font file read from its start towards its end. */
  private static final class Forward {
    private final DataInputStream in;
    private long position;

    Forward(InputStream in) {
      this.in = new DataInputStream(in);
    }

    /** The number of glyphs in the {@code maxp} table at {@code offset}. */
    int glyphCount(long offset) throws IOException {
      skipTo(offset);
      in.readInt(); // version
      position += 6;
      return in.readUnsignedShort();
    }

    ByteBuffer table(long offset, int length) throws IOException {
      skipTo(offset);
      byte[] bytes = new byte[length];
      in.readFully(bytes);
      position += length;
      return ByteBuffer.wrap(bytes);
    }

    private void skipTo(long offset) throws IOException {
      if (offset < position) {
        throw new IOException("font tables overlap at offset " + offset);
      }
      in.skipNBytes(offset - position);
      position = offset;
    }
  }

  /** Where the Unicode subtable PDFBox would use starts in {@code cmap}. */
  private static Optional<Integer> unicodeSubtable(ByteBuffer cmap) {
    int subtables = cmap.getShort(2) & 0xFFFF;
    for (int[] wanted : UNICODE_SUBTABLES) {
      for (int i = 0; i < subtables; i++) {
        int record = 4 + 8 * i;
        if ((cmap.getShort(record) & 0xFFFF) == wanted[0]
            && (cmap.getShort(record + 2) & 0xFFFF) == wanted[1]) {
          return Optional.of(cmap.getInt(record + 4));
        }
      }
    }
    return Optional.empty();
  }

  private static Optional<BitSet> characters(ByteBuffer cmap, int at, int glyphs) {
    if (at < 0 || at + 2 > cmap.limit()) {
      return Optional.empty();
    }
    try {
      return switch (cmap.getShort(at) & 0xFFFF) {
        case 4 -> Optional.of(format4(cmap, at));
        case 12 -> Optional.of(format12(cmap, at, glyphs));
        default -> Optional.empty();
      };
    } catch (IndexOutOfBoundsException e) {
      return Optional.empty(); // a table cut short: let PDFBox parse it and say what is wrong
    }
  }

  /** Segments of 16-bit codes, mapped by a delta or through an array of glyph ids. */
  private static BitSet format4(ByteBuffer cmap, int at) {
    BitSet characters = new BitSet(0x10000);
    int segments = (cmap.getShort(at + 6) & 0xFFFF) / 2;
    int ends = at + 14;
    int starts = ends + 2 * segments + 2;
    int deltas = starts + 2 * segments;
    int rangeOffsets = deltas + 2 * segments;
    for (int i = 0; i < segments; i++) {
      int end = cmap.getShort(ends + 2 * i) & 0xFFFF;
      int start = cmap.getShort(starts + 2 * i) & 0xFFFF;
      int delta = cmap.getShort(deltas + 2 * i);
      int rangeOffsetAt = rangeOffsets + 2 * i;
      int rangeOffset = cmap.getShort(rangeOffsetAt) & 0xFFFF;
      if (start == 0xFFFF || end == 0xFFFF) {
        continue; // PDFBox skips the closing segment, and any segment that reaches U+FFFF
      }
      for (int c = start; c <= end; c++) {
        int glyph;
        if (rangeOffset == 0) {
          glyph = (c + delta) & 0xFFFF;
        } else {
          glyph = cmap.getShort(rangeOffsetAt + rangeOffset + 2 * (c - start)) & 0xFFFF;
          glyph = glyph == 0 ? 0 : (glyph + delta) & 0xFFFF;
        }
        if (glyph != 0) {
          characters.set(c);
        }
      }
    }
    return characters;
  }

  /** Groups of 32-bit codes mapped to consecutive glyphs, up to the font's last glyph. */
  private static BitSet format12(ByteBuffer cmap, int at, int glyphs) {
    BitSet characters = new BitSet(0x10000);
    long groups = Integer.toUnsignedLong(cmap.getInt(at + 12));
    for (long i = 0; i < groups; i++) {
      int group = Math.toIntExact(at + 16 + 12 * i);
      long first = Integer.toUnsignedLong(cmap.getInt(group));
      long last = Integer.toUnsignedLong(cmap.getInt(group + 4));
      long startGlyph = Integer.toUnsignedLong(cmap.getInt(group + 8));
      for (long c = first; c <= last && c <= Character.MAX_CODE_POINT; c++) {
        long glyph = startGlyph + (c - first);
        if (glyph >= glyphs) {
          break; // PDFBox stops a group at the first glyph the font does not have
        }
        if (glyph != 0) {
          characters.set((int) c);
        }
      }
    }
    return characters;
  }

  private static int tag(String tag) {
    return ByteBuffer.wrap(tag.getBytes(StandardCharsets.US_ASCII)).getInt();
  }
}
