package org.certbulletin.ingest;

import java.lang.Character.UnicodeScript;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.certbulletin.model.UntranslatedText;

/**
 * Finds the prose an edition would print in another language than its own: an English remediation
 * given as one text for every language (or imported so) reaches the Chinese edition as it is. The
 * prose is the texts that may be given per language ({@link Translations}); names, ids, versions
 * without words, CVSS vectors and addresses are not prose and are not looked at.
 *
 * <p>A text is told by its script, which needs no dictionary: for an edition in a script other than
 * Latin (Chinese), a text without a letter of that script that has a lower-case Latin word ("and",
 * "earlier") is foreign, while a name ("Apache NimBLE") or a version ("12L", "FP2") is not; for an
 * edition in Latin script, a text with letters of another script (two or more, so a symbol is not
 * enough) is foreign. Addresses are left out before either test.
 */
final class UntranslatedProse {

  /** At most this much of a text is quoted in a warning. */
  private static final int QUOTED = 60;

  private static final Pattern ADDRESS =
      Pattern.compile("(?:https?://|www\\.)\\S+|[\\w.+-]+@[\\w-]+(?:\\.[\\w-]+)+");
  private static final Pattern LATIN_WORD = Pattern.compile("\\p{IsLatin}+");

  private static final Set<UnicodeScript> NEUTRAL =
      EnumSet.of(UnicodeScript.COMMON, UnicodeScript.INHERITED, UnicodeScript.UNKNOWN);

  private UntranslatedProse() {}

  /**
   * A warning for each text of {@code document} at the places of {@code translations} that the
   * edition in one of {@code languages} (the bulletin's, main one first) prints in another
   * language, naming the edition, the text and where it is written.
   */
  static List<UntranslatedText> check(
      SourceDocument document, Translations translations, List<Locale> languages) {
    List<UntranslatedText> found = new ArrayList<>();
    if (languages.isEmpty()) {
      return found;
    }
    Locale main = languages.get(0);
    for (Locale edition : languages) {
      for (Map.Entry<String, String> text :
          translations.read(document.root(), edition, main).entrySet()) {
        if (foreign(text.getValue(), edition)) {
          found.add(
              new UntranslatedText(
                  edition,
                  document.problem(
                      text.getKey(), message(edition, text.getKey(), text.getValue()))));
        }
      }
    }
    return found;
  }

  private static String message(Locale edition, String pointer, String text) {
    String tag = edition.toLanguageTag();
    String quoted = text.length() > QUOTED ? text.substring(0, QUOTED - 1) + "…" : text;
    String given =
        pointer.endsWith("/" + tag)
            ? "its " + tag + " text is in another language"
            : "it is one text for every language";
    return "the "
        + tag
        + " edition prints \""
        + quoted
        + "\", which is not in "
        + edition.getDisplayLanguage(Locale.ENGLISH)
        + " ("
        + given
        + "); give its \""
        + tag
        + "\" text, e.g. {\"en\": \"...\", \""
        + tag
        + "\": \"...\"}";
  }

  /** True if {@code text} reads as another language than {@code edition}'s: see the class. */
  static boolean foreign(String text, Locale edition) {
    String prose = ADDRESS.matcher(text).replaceAll(" ");
    UnicodeScript own = script(edition);
    if (own == UnicodeScript.LATIN) {
      long others =
          prose
              .codePoints()
              .filter(Character::isLetter)
              .filter(c -> !isScript(c, UnicodeScript.LATIN) && !NEUTRAL.contains(script(c)))
              .count();
      return others >= 2;
    }
    if (prose.codePoints().anyMatch(c -> isScript(c, own) || ownKana(c, edition))) {
      return false;
    }
    Matcher words = LATIN_WORD.matcher(prose);
    while (words.find()) {
      String word = words.group();
      if (word.length() >= 2 && word.equals(word.toLowerCase(Locale.ROOT))) {
        return true;
      }
    }
    return false;
  }

  private static boolean ownKana(int c, Locale edition) {
    UnicodeScript script = script(c);
    return "ja".equals(edition.getLanguage())
        && (script == UnicodeScript.HIRAGANA || script == UnicodeScript.KATAKANA);
  }

  private static boolean isScript(int c, UnicodeScript script) {
    return script(c) == script;
  }

  private static UnicodeScript script(int c) {
    return UnicodeScript.of(c);
  }

  /** The script a language is written in: the few the bulletin's fonts may meet, else Latin. */
  static UnicodeScript script(Locale language) {
    return switch (language.getLanguage()) {
      case "zh", "ja" -> UnicodeScript.HAN;
      case "ko" -> UnicodeScript.HANGUL;
      case "ru", "uk", "be", "bg", "mk", "kk", "ky", "mn" -> UnicodeScript.CYRILLIC;
      case "ar", "fa", "ur", "ps" -> UnicodeScript.ARABIC;
      case "he", "yi" -> UnicodeScript.HEBREW;
      case "el" -> UnicodeScript.GREEK;
      case "th" -> UnicodeScript.THAI;
      case "hi", "mr", "ne" -> UnicodeScript.DEVANAGARI;
      default -> UnicodeScript.LATIN;
    };
  }
}
