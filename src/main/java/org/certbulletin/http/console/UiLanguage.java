package org.certbulletin.http.console;

import io.javalin.http.Context;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The languages the console speaks: chosen by the reader (a cookie the language links set), else by
 * the browser's {@code Accept-Language}, else English. The readers' pages speak them too.
 */
public enum UiLanguage {
  EN("en", "English"),
  ZH_CN("zh-CN", "中文");

  public static final String COOKIE = "cert_bulletin_ui";

  private final String tag;
  private final String name;

  UiLanguage(String tag, String name) {
    this.tag = tag;
    this.name = name;
  }

  /** The BCP 47 tag: {@code zh-CN}. */
  public String tag() {
    return tag;
  }

  /** The language's name in itself, for the switch. */
  public String selfName() {
    return name;
  }

  public Locale locale() {
    return Locale.forLanguageTag(tag);
  }

  /** The language {@code tag} names ({@code zh}, {@code zh-Hans-CN}...), if the console has it. */
  public static Optional<UiLanguage> of(String tag) {
    if (tag == null || tag.isBlank()) {
      return Optional.empty();
    }
    String language = Locale.forLanguageTag(tag.strip()).getLanguage();
    for (UiLanguage ui : values()) {
      if (ui.locale().getLanguage().equals(language)) {
        return Optional.of(ui);
      }
    }
    return Optional.empty();
  }

  /** The reader's language for this request. */
  static UiLanguage of(Context ctx) {
    return choose(null, ctx, Set.of(values()));
  }

  /**
   * The reader's language for this request among {@code offered}: the one {@code ?lang=} names,
   * else the cookie's, else the first of {@code Accept-Language}, else English.
   */
  public static UiLanguage of(Context ctx, Set<UiLanguage> offered) {
    return choose(ctx.queryParam("lang"), ctx, offered);
  }

  private static UiLanguage choose(String asked, Context ctx, Set<UiLanguage> offered) {
    for (String chosen : new String[] {asked, ctx.cookie(COOKIE)}) {
      Optional<UiLanguage> ui = of(chosen).filter(offered::contains);
      if (ui.isPresent()) {
        return ui.get();
      }
    }
    String accepted = ctx.header("Accept-Language");
    if (accepted != null) {
      try {
        for (Locale.LanguageRange range : Locale.LanguageRange.parse(accepted)) {
          Optional<UiLanguage> ui = of(range.getRange()).filter(offered::contains);
          if (ui.isPresent()) {
            return ui.get();
          }
        }
      } catch (IllegalArgumentException e) {
        // a malformed header chooses nothing
      }
    }
    return EN;
  }
}
