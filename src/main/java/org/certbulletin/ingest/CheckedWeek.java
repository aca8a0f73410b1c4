package org.certbulletin.ingest;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.certbulletin.model.Problem;
import org.certbulletin.model.Week;

/**
 * A week file that passed its schema and rules, the texts it lacks in one of the bulletin's
 * languages, and its editions, mapped once per language.
 */
final class CheckedWeek {
  private final SourceDocument document;
  private final Locale main;
  private final List<Locale> languages;
  private final List<Problem> translationProblems;
  private final Map<Locale, Week> editions = new ConcurrentHashMap<>();

  CheckedWeek(SourceDocument document, List<Locale> languages, List<Problem> translationProblems) {
    this.document = document;
    this.languages = languages;
    this.main = languages.isEmpty() ? Locale.ROOT : languages.get(0);
    this.translationProblems = List.copyOf(translationProblems);
  }

  SourceDocument document() {
    return document;
  }

  /** The texts the file lacks in one of the bulletin's languages. */
  List<Problem> translationProblems() {
    return translationProblems;
  }

  /**
   * The week in {@code language} ({@code null} for the main language); in a language the bulletin
   * is not written in, the main language's.
   */
  Week week(Locale language) {
    Locale key = language != null && languages.contains(language) ? language : main;
    return editions.computeIfAbsent(key, l -> DataMapper.week(document.root(), l, main));
  }
}
