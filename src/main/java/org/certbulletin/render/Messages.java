package org.certbulletin.render;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.MessageFormat;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.MissingResourceException;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.certbulletin.model.InvalidDataException;

/**
 * The words of a bulletin in one language, from {@code messages/messages_<lang>.properties} in the
 * templates directory (UTF-8), with the more general bundles as fallback ({@code fr_CA}, then
 * {@code fr}). In a language written right to left, each value put into a message is a bidi isolate
 * (between U+2068 FIRST STRONG ISOLATE and U+2069 POP DIRECTIONAL ISOLATE), so a number, a
 * percentage, a week id or a name in another script keeps its place and the spaces around it.
 */
public final class Messages {

  /** Languages written right to left when their tag names no script. */
  private static final Set<String> RIGHT_TO_LEFT =
      Set.of(
          "ar", "arc", "azb", "ckb", "dv", "fa", "glk", "he", "iw", "ks", "lrc", "mzn", "nqo", "ps",
          "sd", "syr", "ug", "ur", "yi");

  /** Scripts written right to left. */
  private static final Set<String> RIGHT_TO_LEFT_SCRIPTS =
      Set.of("Adlm", "Arab", "Hebr", "Mand", "Nkoo", "Rohg", "Samr", "Syrc", "Thaa");

  /** U+2068 FIRST STRONG ISOLATE: what follows up to the matching PDI takes its own direction. */
  static final char FSI = '\u2068';

  /** U+2069 POP DIRECTIONAL ISOLATE. */
  static final char PDI = '\u2069';

  private final Locale locale;
  private final Map<String, String> texts;
  private final boolean rightToLeft;
  private final Map<String, String> isolated = new ConcurrentHashMap<>();

  private Messages(Locale locale, Map<String, String> texts) {
    this.locale = locale;
    this.texts = Collections.unmodifiableMap(texts);
    this.rightToLeft = isRightToLeft(locale);
  }

  /** Whether {@code locale}'s language is written right to left (Arabic, Hebrew, Persian...). */
  public static boolean isRightToLeft(Locale locale) {
    String script = locale.getScript();
    return script.isEmpty()
        ? RIGHT_TO_LEFT.contains(locale.getLanguage())
        : RIGHT_TO_LEFT_SCRIPTS.contains(script);
  }

  /** {@code rtl} or {@code ltr}: the direction of the language, for HTML's {@code dir}. */
  static String direction(String languageTag) {
    return isRightToLeft(Locale.forLanguageTag(languageTag)) ? "rtl" : "ltr";
  }

  /** Whether the language is written right to left. */
  public boolean rightToLeft() {
    return rightToLeft;
  }

  /**
   * {@code text} as a bidi isolate in a language written right to left (and as it is in another),
   * for a value a template puts beside the language's words.
   */
  public String isolate(String text) {
    return rightToLeft ? FSI + text + PDI : text;
  }

  /**
   * Loads the bundle for {@code locale} from {@code templatesDir}.
   *
   * @throws IllegalArgumentException if no bundle exists for the language
   */
  public static Messages load(Path templatesDir, Locale locale) {
    Map<String, String> texts = new LinkedHashMap<>();
    List<String> names = new ArrayList<>();
    String language = locale.getLanguage();
    names.add("messages_" + language + ".properties");
    if (!locale.getCountry().isEmpty()) {
      names.add("messages_" + language + "_" + locale.getCountry() + ".properties");
    }
    boolean found = false;
    for (String name : names) {
      Path file = templatesDir.resolve("messages").resolve(name);
      if (Files.isRegularFile(file)) {
        found = true;
        Properties properties = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
          properties.load(in);
        } catch (IOException e) {
          throw new UncheckedIOException("cannot read " + file, e);
        }
        properties
            .stringPropertyNames()
            .forEach(key -> texts.put(key, properties.getProperty(key)));
      }
    }
    if (!found) {
      throw InvalidDataException.of(
          templatesDir.resolve("messages").resolve(names.get(0)).toString(),
          "no message bundle for language '"
              + locale.toLanguageTag()
              + "'; add this file or use a language that has"
              + " one (languages, or issuer.language, in config.json)");
    }
    return new Messages(locale, texts);
  }

  public Locale locale() {
    return locale;
  }

  /** The text for {@code key}. */
  public String get(String key) {
    String text = texts.get(key);
    if (text == null) {
      throw new MissingResourceException(
          "message '" + key + "' is missing from the " + locale.toLanguageTag() + " bundle",
          "messages",
          key);
    }
    return text;
  }

  /** The text for {@code key} with {@link MessageFormat} arguments filled in. */
  public String format(String key, Object... args) {
    return new MessageFormat(pattern(get(key)), locale).format(args);
  }

  /**
   * {@link #format} of the text for {@code key}, or of {@code fallback} when the bundle does not
   * have it: for keys added after a user's own bundles may have been copied.
   */
  public String formatOr(String key, String fallback, Object... args) {
    return new MessageFormat(pattern(getOr(key, fallback)), locale).format(args);
  }

  /** {@code pattern}, with each of its arguments isolated in a language written right to left. */
  private String pattern(String pattern) {
    return rightToLeft ? isolated.computeIfAbsent(pattern, Messages::isolateArguments) : pattern;
  }

  /**
   * {@code pattern} with each argument (<code>{0}</code>, <code>{1,number}</code>, and those inside
   * a choice) between FSI and PDI; quoted text (<code>'{'</code>) is left as it is.
   */
  static String isolateArguments(String pattern) {
    StringBuilder out = new StringBuilder(pattern.length() + 8);
    boolean quoted = false;
    int depth = 0;
    for (int i = 0; i < pattern.length(); i++) {
      char c = pattern.charAt(i);
      if (c == '\'') {
        quoted = !quoted;
      } else if (!quoted && c == '{') {
        out.append(FSI);
        depth++;
      } else if (!quoted && c == '}' && depth > 0) {
        out.append(c).append(PDI);
        depth--;
        continue;
      }
      out.append(c);
    }
    return out.toString();
  }

  /** The text for {@code key}, or {@code fallback} when the bundle does not have it. */
  public String getOr(String key, String fallback) {
    return texts.getOrDefault(key, fallback);
  }

  /** All texts, for templates. */
  public Map<String, String> all() {
    return texts;
  }
}
