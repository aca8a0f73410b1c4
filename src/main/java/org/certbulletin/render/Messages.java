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
import org.certbulletin.model.InvalidDataException;

/**
 * The words of a bulletin in one language, from {@code messages/messages_<lang>.properties} in the
 * templates directory (UTF-8), with the more general bundles as fallback ({@code fr_CA}, then
 * {@code fr}).
 */
public final class Messages {

  private final Locale locale;
  private final Map<String, String> texts;

  private Messages(Locale locale, Map<String, String> texts) {
    this.locale = locale;
    this.texts = Collections.unmodifiableMap(texts);
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
    return new MessageFormat(get(key), locale).format(args);
  }

  /**
   * {@link #format} of the text for {@code key}, or of {@code fallback} when the bundle does not
   * have it: for keys added after a user's own bundles may have been copied.
   */
  public String formatOr(String key, String fallback, Object... args) {
    return new MessageFormat(getOr(key, fallback), locale).format(args);
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
