package org.certbulletin.service;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.certbulletin.files.Digests;
import org.certbulletin.mail.ListEdition;
import org.certbulletin.mail.PreferenceMatch;
import org.certbulletin.model.Bulletin;
import org.certbulletin.model.Config;
import org.certbulletin.model.DistributionList;
import org.certbulletin.model.Preferences;
import org.certbulletin.model.Recipient;
import org.certbulletin.model.Week;
import org.certbulletin.model.WeekId;
import org.certbulletin.render.MailBodies;
import org.certbulletin.render.MailChoice;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The editions a list's readers get, and who gets which: readers who chose the same language,
 * format and content share one edition, rendered once (and kept in {@code out/state/editions/} like
 * the list's own) and signed once. The attached PDF is always the list's whole edition in the
 * reader's language; only the body of a subscriber who chose sectors or products is their own: the
 * chosen advisories and highlights in full, the others by title (see {@link PreferenceMatch}).
 */
final class ReaderEditions {

  /** Readers who get one edition: its language, its messages' format and its rendered content. */
  record Part(Locale language, ListEdition edition, List<String> addresses) {}

  /** A list's whole edition in one language as rendered, with what it was rendered from. */
  record Whole(ListEdition edition, Bulletin bulletin, String key, Optional<String> webPage) {}

  private static final Logger log = LoggerFactory.getLogger(ReaderEditions.class);

  private final BulletinService bulletins;
  private final WeekId id;
  private final DistributionList list;
  private final Function<Locale, Whole> whole;
  private final Optional<String> manage;
  private final Map<Locale, Whole> wholes = new HashMap<>();
  private Week main;
  private int rendered;

  /**
   * @param whole renders (or finds) the list's whole edition in a language
   * @param manage the subscriber's page, which every body links to
   */
  ReaderEditions(
      BulletinService bulletins,
      WeekId id,
      DistributionList list,
      Function<Locale, Whole> whole,
      Optional<String> manage) {
    this.bulletins = bulletins;
    this.id = id;
    this.list = list;
    this.whole = whole;
    this.manage = manage;
  }

  /**
   * {@code recipients} by edition, in the order each edition first appears among them; {@code
   * language}, when given, is every reader's (a correction's group), else each reader's own or the
   * list's.
   */
  List<Part> parts(List<Recipient> recipients, Optional<Locale> language) {
    Config config = bulletins.data().config();
    Locale listLanguage = list.language().orElse(config.mainLanguage());
    Map<String, List<String>> addresses = new LinkedHashMap<>();
    Map<String, Part> editions = new HashMap<>();
    for (Recipient recipient : recipients) {
      Locale chosen =
          language.orElseGet(
              () -> recipient.language().filter(config.languages()::contains).orElse(listLanguage));
      DistributionList.Format format = recipient.format().orElse(list.format());
      Whole base = wholes.computeIfAbsent(chosen, whole);
      Preferences preferences = effective(recipient.preferences(), base);
      String key = chosen.toLanguageTag() + "\n" + format.code() + "\n" + preferences.key();
      addresses.computeIfAbsent(key, k -> new ArrayList<>()).add(recipient.address());
      editions.computeIfAbsent(
          key, k -> new Part(chosen, edition(base, preferences, format), List.of()));
    }
    if (rendered > 0) {
      log.info("{} {}: {} edition(s) of readers' own choice rendered", id, list.name(), rendered);
    }
    List<Part> parts = new ArrayList<>();
    if (addresses.isEmpty()) {
      // no readers: the list's edition, so that the report still names it
      Locale chosen = language.orElse(listLanguage);
      Whole base = wholes.computeIfAbsent(chosen, whole);
      parts.add(new Part(chosen, edition(base, Preferences.EVERYTHING, list.format()), List.of()));
    }
    addresses.forEach(
        (key, group) -> {
          Part part = editions.get(key);
          parts.add(new Part(part.language(), part.edition(), group));
        });
    return parts;
  }

  /** {@code preferences}, or everything when they leave nothing of the edition out. */
  private Preferences effective(Preferences preferences, Whole base) {
    if (preferences.everything()) {
      return preferences;
    }
    Week edition = base.bulletin().week();
    MailChoice choice = PreferenceMatch.choice(preferences, main(), edition);
    return PreferenceMatch.takesAll(choice, edition) ? Preferences.EVERYTHING : preferences;
  }

  /** The week in the bulletin's main language, at the list's clearance: what choices match. */
  private Week main() {
    if (main == null) {
      Config config = bulletins.data().config();
      main =
          bulletins.data().bulletin(id, config.mainLanguage()).editionFor(list.clearance()).week();
    }
    return main;
  }

  private ListEdition edition(Whole base, Preferences preferences, DistributionList.Format format) {
    ListEdition edition = base.edition();
    MailBodies bodies =
        preferences.everything() ? edition.bodies() : bodies(base, preferences, edition);
    return new ListEdition(
        edition.list().inFormat(format),
        edition.edition(),
        bodies,
        edition.pdf(),
        edition.attachmentName(),
        edition.version());
  }

  /** The bodies of {@code preferences}'s edition, from the state file or rendered now. */
  private MailBodies bodies(Whole base, Preferences preferences, ListEdition edition) {
    Locale language = edition.list().language().orElse(bulletins.data().config().mainLanguage());
    String key = base.key() + "\n" + language.toLanguageTag() + "\n" + preferences.key();
    // named by the choice, not by the inputs: a changed week replaces the file, never adds one
    String digest =
        Digests.sha256(preferences.key().getBytes(StandardCharsets.UTF_8)).substring(0, 16);
    EditionCache cache =
        new EditionCache(
            bulletins
                .layout()
                .editionCache(
                    id,
                    list.name()
                        + (edition.version() == 1 ? "" : ".v" + edition.version())
                        + "."
                        + language.toLanguageTag().toLowerCase(Locale.ROOT)
                        + ".choice-"
                        + digest));
    return cache
        .read(key)
        .map(EditionCache.Entry::bodies)
        .orElseGet(
            () -> {
              MailChoice choice =
                  PreferenceMatch.choice(preferences, main(), base.bulletin().week());
              MailBodies fresh =
                  bulletins
                      .renderer()
                      .renderMail(
                          base.bulletin(),
                          edition.attachmentName(),
                          base.webPage(),
                          list.unsubscribe().map(DistributionList.Unsubscribe::mailto),
                          manage,
                          choice);
              cache.write(key, new EditionCache.Entry(fresh, new byte[0]));
              rendered++;
              return fresh;
            });
  }
}
