package org.certbulletin.render;

import com.openhtmltopdf.outputdevice.helper.BaseRendererBuilder.FontStyle;
import com.openhtmltopdf.pdfboxout.PDFontSupplier;
import com.openhtmltopdf.pdfboxout.PdfRendererBuilder;
import com.openhtmltopdf.svgsupport.PDFTranscoder.OpenHtmlFontResolver;
import java.awt.FontFormatException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.Character.UnicodeScript;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.PDType0Font;

/**
 * The fonts PDFs are drawn with, all shipped inside the build (never the machine's fonts):
 * Liberation Sans and Mono for Latin (with Vietnamese), Greek, Cyrillic and Hebrew, registered for
 * every document, and one font per other script (Arabic, Thai, Devanagari, and one for Chinese,
 * Japanese and Korean), registered only for a document whose text needs it. Those are read and
 * parsed the first time a text needs them and kept for the life of the process.
 *
 * <p>It also says in which fonts each edition's text is drawn (its font stacks), which the
 * templates write into the page's style sheet and {@code validate} asks: an edition's own fonts
 * first, then every other shipped font, so that a word in any script that ships a font is drawn in
 * every edition.
 */
final class FontSet {

  /** The family templates use for text. */
  static final String SANS = "Liberation Sans";

  /** The family templates use for identifiers and vectors. */
  static final String MONO = "Liberation Mono";

  // the constants SHIPPED's constructor uses come first: static fields are set in order
  private static final int GSUB = tag("GSUB");
  private static final int UNUSED_TAG = tag("xGSB");

  /** The family of the Chinese edition's text, which also draws Japanese and Korean. */
  static final String CJK_FAMILY = "WenQuanYi Micro Hei";

  /**
   * The fonts an edition names first: the shipped one, then those a browser may have in its place
   * (the web page uses the reader's fonts, not the shipped ones).
   */
  private static final List<String> LATIN_OWN = List.of(SANS, "Arial", "Helvetica");

  private static final List<String> LATIN_MONO_OWN = List.of(MONO, "Courier New");
  private static final List<String> CHINESE_OWN =
      List.of(
          CJK_FAMILY, "Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei");

  private static final Set<UnicodeScript> ARABIC = Set.of(UnicodeScript.ARABIC);
  private static final Set<UnicodeScript> THAI = Set.of(UnicodeScript.THAI);
  private static final Set<UnicodeScript> DEVANAGARI = Set.of(UnicodeScript.DEVANAGARI);
  private static final Set<UnicodeScript> CJK =
      Set.of(
          UnicodeScript.HAN,
          UnicodeScript.HIRAGANA,
          UnicodeScript.KATAKANA,
          UnicodeScript.HANGUL,
          UnicodeScript.BOPOMOFO);

  private static final FontSet SHIPPED = new FontSet();

  /** Liberation Sans Regular: it tells which characters need a script font. */
  private final SharedFont sans = liberation(SANS, 400, FontStyle.NORMAL, "Regular");

  /** Liberation Mono Regular: it tells whether Mono has a character Sans lacks. */
  private final SharedFont mono = liberation(MONO, 400, FontStyle.NORMAL, "Regular");

  /** The Liberation faces, registered for every document. */
  private final List<SharedFont> latinFaces =
      List.of(
          sans,
          liberation(SANS, 700, FontStyle.NORMAL, "Bold"),
          liberation(SANS, 400, FontStyle.ITALIC, "Italic"),
          liberation(SANS, 700, FontStyle.ITALIC, "BoldItalic"),
          mono,
          liberation(MONO, 700, FontStyle.NORMAL, "Bold"));

  /**
   * The fonts the charts are drawn with, by the script families a document needs beyond Liberation:
   * the SVG renderer makes fonts of its own from the font files, so they are made once per process.
   */
  private final Map<Set<String>, OpenHtmlFontResolver> chartFonts = new ConcurrentHashMap<>();

  private final Map<String, FontStacks> stacks = new ConcurrentHashMap<>();

  /**
   * {@link #draws}'s answers by language (as {@link #stacks} keys them) and code point: a text
   * repeats its characters, and each answer asks up to four stacks.
   */
  private final Map<String, Map<Integer, Boolean>> drawn = new ConcurrentHashMap<>();

  /** The fonts for other scripts, in the order a character is looked up in them. */
  private final List<SharedFont> scripts =
      List.of(
          script("Noto Sans Arabic", 400, "NotoSansArabic-Regular.ttf", ARABIC, false),
          script("Noto Sans Arabic", 700, "NotoSansArabic-Bold.ttf", ARABIC, false),
          script("Noto Sans Thai", 400, "NotoSansThai-Regular.ttf", THAI, false),
          script("Noto Sans Thai", 700, "NotoSansThai-Bold.ttf", THAI, false),
          script("Noto Sans Devanagari", 400, "NotoSansDevanagari-Regular.ttf", DEVANAGARI, true),
          script("Noto Sans Devanagari", 700, "NotoSansDevanagari-Bold.ttf", DEVANAGARI, true),
          script(CJK_FAMILY, 400, "WenQuanYiMicroHei.ttf", CJK, false));

  /** A set of its own, whose fonts are read anew (tests); renders share {@link #shipped()}. */
  FontSet() {}

  /** The fonts of this build; one set per process, so that parsed fonts are kept across renders. */
  static FontSet shipped() {
    return SHIPPED;
  }

  /**
   * Registers the Liberation fonts and the fonts for the other scripts {@code text} uses, for
   * {@code document} only, and the drawer of the charts, with the same fonts.
   */
  void registerWith(PdfRendererBuilder builder, PDDocument document, String text) {
    for (SharedFont font : latinFaces) {
      register(builder, document, font);
    }
    Set<String> families = familiesFor(text);
    for (SharedFont font : scripts) {
      if (families.contains(font.family())) {
        register(builder, document, font);
      }
    }
    builder.useSVGDrawer(
        new ChartDrawer(chartFonts(families), resolver -> addChartFonts(resolver, families)));
  }

  private static void register(PdfRendererBuilder builder, PDDocument document, SharedFont font) {
    builder.useFont(new Embedded(document, font), font.family(), font.weight(), font.style(), true);
  }

  /**
   * The charts' fonts for documents that need the script fonts of {@code families}: Liberation and
   * those, made once and then shared by every render (the charts only read them).
   */
  private OpenHtmlFontResolver chartFonts(Set<String> families) {
    return chartFonts.computeIfAbsent(
        Set.copyOf(families),
        needed -> {
          OpenHtmlFontResolver resolver = new OpenHtmlFontResolver();
          addChartFonts(resolver, needed);
          return resolver;
        });
  }

  /** Adds Liberation and the script fonts of {@code families} to a chart drawer's fonts. */
  private void addChartFonts(OpenHtmlFontResolver resolver, Set<String> families) {
    List<SharedFont> fonts = new ArrayList<>(latinFaces);
    scripts.stream().filter(f -> families.contains(f.family())).forEach(fonts::add);
    for (SharedFont font : fonts) {
      try {
        resolver.addFontStream(font::open, font.family(), font.weight(), font.style());
      } catch (IOException | FontFormatException e) {
        throw new IllegalStateException("cannot read font " + font.family(), e);
      }
    }
  }

  /** The families of the script fonts {@code text} needs, beyond Liberation. */
  Set<String> familiesFor(String text) {
    Set<String> families = new LinkedHashSet<>();
    text.codePoints()
        .filter(c -> !PrintableText.isInvisible(c) && !sans.has(c))
        .distinct()
        .forEach(c -> scriptFontFor(c).ifPresent(f -> families.add(f.family())));
    return families;
  }

  /**
   * The font stacks of the edition in {@code language}: the edition's own fonts (for Chinese, the
   * CJK font, which draws its Latin letters and digits too, so a line keeps one face; else
   * Liberation), then every other shipped family, then the generic family.
   */
  FontStacks stacksFor(Locale language) {
    return stacks.computeIfAbsent(
        language.getLanguage(),
        l -> {
          List<String> latin = stack(LATIN_OWN, "sans-serif");
          List<String> mono = stack(LATIN_MONO_OWN, "monospace");
          if (l.equals("zh")) {
            List<String> chinese = stack(CHINESE_OWN, "sans-serif");
            return new FontStacks(chinese, chinese, mono, latin);
          }
          return new FontStacks(latin, mono, mono, latin);
        });
  }

  /** The families of the shipped fonts, Liberation Sans first, then the script fonts. */
  List<String> families() {
    List<String> families = new ArrayList<>(List.of(SANS));
    scripts.stream().map(SharedFont::family).distinct().forEach(families::add);
    return families;
  }

  private List<String> stack(List<String> own, String generic) {
    List<String> stack = new ArrayList<>(own);
    families().stream().filter(f -> !stack.contains(f)).forEach(stack::add);
    stack.add(generic);
    return List.copyOf(stack);
  }

  /**
   * Whether the edition in {@code language} draws {@code codePoint} wherever it stands: a font of
   * each of its stacks has it.
   */
  boolean draws(int codePoint, Locale language) {
    Map<Integer, Boolean> answers =
        drawn.computeIfAbsent(language.getLanguage(), l -> new ConcurrentHashMap<>());
    Boolean known = answers.get(codePoint);
    if (known != null) {
      return known;
    }
    boolean answer = drawsNow(codePoint, language);
    answers.put(codePoint, answer);
    return answer;
  }

  private boolean drawsNow(int codePoint, Locale language) {
    FontStacks edition = stacksFor(language);
    return drawnBy(edition.text(), codePoint)
        && drawnBy(edition.code(), codePoint)
        && drawnBy(edition.mono(), codePoint)
        && drawnBy(edition.latin(), codePoint);
  }

  /**
   * Whether a shipped font named in {@code stack} has {@code codePoint}; the script fonts are asked
   * in the order {@link #scriptFontFor} reads them, so a font is read only when a text needs it.
   */
  private boolean drawnBy(List<String> stack, int codePoint) {
    if (stack.contains(SANS) && sans.has(codePoint)) {
      return true;
    }
    if (stack.contains(MONO) && mono.has(codePoint)) {
      return true;
    }
    return scriptFontFor(codePoint, stack::contains).isPresent();
  }

  /** Whether any Liberation face still has a GSUB table PDFBox would apply (for tests). */
  boolean liberationSubstitutes() {
    return latinFaces.stream().anyMatch(SharedFont::substitutes);
  }

  /** The script fonts read so far in this process (for tests). */
  Set<String> loadedFamilies() {
    Set<String> loaded = new LinkedHashSet<>();
    scripts.stream().filter(SharedFont::isLoaded).forEach(f -> loaded.add(f.family()));
    return loaded;
  }

  /**
   * The first font for {@code codePoint}'s script that has it; for punctuation and other common
   * characters, the first font already read that has it, then any. So a font is read only when a
   * text needs it, not to learn that it lacks a character another font has.
   */
  private Optional<SharedFont> scriptFontFor(int codePoint) {
    return scriptFontFor(codePoint, family -> true);
  }

  private Optional<SharedFont> scriptFontFor(int codePoint, Predicate<String> named) {
    List<SharedFont> regular =
        scripts.stream().filter(f -> f.weight() == 400 && named.test(f.family())).toList();
    return regular.stream()
        .filter(f -> f.isFor(codePoint) && f.has(codePoint))
        .findFirst()
        .or(() -> regular.stream().filter(f -> f.isLoaded() && f.has(codePoint)).findFirst())
        .or(() -> regular.stream().filter(f -> f.has(codePoint)).findFirst());
  }

  /** Makes the PDF font of a shared font for one document, when the layout first needs it. */
  private static final class Embedded extends PDFontSupplier {
    private final PDDocument document;
    private final SharedFont font;

    Embedded(PDDocument document, SharedFont font) {
      super(null);
      this.document = document;
      this.font = font;
    }

    @Override
    public PDFont supply() {
      try {
        return PDType0Font.load(document, font.font(), true);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot embed font " + font.family(), e);
      }
    }
  }

  /**
   * The font with its GSUB table hidden. PDFBox 3 applies glyph substitution to every text run of a
   * font that has one, compiling regular expressions as it goes; for Latin text that costs about
   * half of each render and only buys ligatures. The table's tag is renamed in the table directory,
   * so parsers skip it; the embedded subsets never carry it. Arabic is shaped before PDFBox sees it
   * (ICU's shaper, to presentation forms), and PDFBox has no GSUB rules for Thai or CJK, so only
   * Devanagari keeps its table.
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

  private static int tag(String tag) {
    return ByteBuffer.wrap(tag.getBytes(StandardCharsets.US_ASCII)).getInt();
  }

  private static SharedFont liberation(String family, int weight, FontStyle style, String face) {
    String file = family.replace(" ", "") + "-" + face + ".ttf";
    return new SharedFont(family, weight, style, "/liberation/" + file, Set.of(), false);
  }

  private static SharedFont script(
      String family,
      int weight,
      String file,
      Set<UnicodeScript> scripts,
      boolean keepGlyphSubstitution) {
    return new SharedFont(
        family, weight, FontStyle.NORMAL, "/fonts/" + file, scripts, keepGlyphSubstitution);
  }
}
