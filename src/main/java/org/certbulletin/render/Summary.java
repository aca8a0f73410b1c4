package org.certbulletin.render;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.certbulletin.model.Advisory;
import org.certbulletin.model.Bulletin;
import org.certbulletin.model.Change;
import org.certbulletin.model.Severity;
import org.certbulletin.model.Tally;
import org.certbulletin.model.TallyCatalogue;
import org.certbulletin.model.TallyDefinition;
import org.certbulletin.model.Week;

/** Writes the plain-language summary of a week's figures that opens the bulletin. */
final class Summary {

  /** How many products the summary names before saying "and N more". */
  static final int PRODUCTS_NAMED = 6;

  private static final List<String> OTHER_FIGURES =
      List.of(
          TallyCatalogue.DATA_BREACHES,
          TallyCatalogue.INFECTED_HOSTS,
          TallyCatalogue.DEFACED_SITES,
          TallyCatalogue.BACKDOOR_SITES,
          TallyCatalogue.PHISHING_PAGES,
          TallyCatalogue.VULNERABILITIES);

  private final Messages messages;
  private final Formats formats;
  private final TallyLabels labels;

  Summary(Messages messages, Formats formats, TallyLabels labels) {
    this.messages = messages;
    this.formats = formats;
    this.labels = labels;
  }

  /** The summary's paragraphs. */
  List<String> write(Bulletin bulletin, List<Advisory> sortedAdvisories) {
    Week week = bulletin.week();
    String period = formats.period(week.id().start(), week.id().end());
    String issuer = bulletin.config().issuer().name();
    long incidents = week.tally(TallyCatalogue.INCIDENTS).orElseThrow().value();
    if (incidents == 0 && week.advisories().isEmpty() && week.highlights().isEmpty()) {
      return List.of(
          messages.format("summary.quiet", week.id().week(), week.id().year(), period, issuer));
    }
    List<String> paragraphs = new ArrayList<>();
    paragraphs.add(incidentParagraph(bulletin, period, issuer, incidents));
    otherFigures(bulletin).ifPresent(paragraphs::add);
    ownFigures(bulletin).ifPresent(paragraphs::add);
    paragraphs.add(advisoryParagraph(sortedAdvisories));
    return paragraphs;
  }

  private String incidentParagraph(
      Bulletin bulletin, String period, String issuer, long incidents) {
    Week week = bulletin.week();
    List<String> sentences = new ArrayList<>();
    String opening =
        messages.format(
            "summary.opening",
            week.id().week(),
            week.id().year(),
            period,
            issuer,
            incidents,
            formats.count(incidents));
    Change change = bulletin.change(TallyCatalogue.INCIDENTS).orElseThrow();
    String first =
        changeText(change, true)
            .map(text -> messages.format("summary.change", opening, text))
            .orElse(opening);
    Optional<Tally> crossBorder =
        week.tally(TallyCatalogue.CROSS_BORDER_INCIDENTS).filter(t -> incidents > 0);
    if (crossBorder.isPresent()) {
      long value = crossBorder.get().value();
      first =
          messages.format(
              "summary.openingWithCrossBorder",
              first,
              messages.format(
                  "summary.crossBorder",
                  value,
                  formats.share(value, incidents),
                  formats.count(value)));
    }
    sentences.add(first);
    Tally tally = week.tally(TallyCatalogue.INCIDENTS).orElseThrow();
    List<String> top =
        tally.breakdown().entrySet().stream()
            .filter(e -> e.getValue() > 0 && !"other".equals(e.getKey()))
            .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
            .limit(3)
            .map(
                e ->
                    messages.format(
                        "part.share",
                        messages.get("part." + e.getKey()).toLowerCase(messages.locale()),
                        formats.count(e.getValue())))
            .toList();
    if (!top.isEmpty()) {
      sentences.add(messages.format("summary.topTypes", formats.list(top)));
    }
    // a sentence of its own, naming what it counts: after the types it cannot say "of which"
    if (!week.highlights().isEmpty()) {
      sentences.add(messages.format("summary.highlights", week.highlights().size()));
    }
    return sentences(sentences);
  }

  private Optional<String> otherFigures(Bulletin bulletin) {
    Week week = bulletin.week();
    List<String> figures = new ArrayList<>();
    for (String key : OTHER_FIGURES) {
      week.tally(key)
          .ifPresent(
              tally -> {
                String figure =
                    messages.format(
                        "summary.figure." + key, tally.value(), formats.count(tally.value()));
                Optional<String> government =
                    Optional.ofNullable(tally.ofWhich().get("government"))
                        .map(count -> messages.format("summary.figure.government", count));
                Optional<String> change = changeText(bulletin.change(key).orElseThrow(), false);
                if (government.isPresent() && change.isPresent()) {
                  figure =
                      messages.format(
                          "summary.changeNoteWith", figure, government.get(), change.get());
                } else if (government.isPresent() || change.isPresent()) {
                  figure =
                      messages.format(
                          "summary.changeNote", figure, government.orElseGet(change::get));
                }
                figures.add(figure);
              });
    }
    if (figures.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        sentences(List.of(messages.format("summary.figures", formats.list(figures)))));
  }

  /**
   * The CERT's own figures of the key-figures grid, with their labels and units and each one's
   * change, e.g. "Other figures this week: ransomware cases: 12 cases (up 20.0% from 10)".
   */
  private Optional<String> ownFigures(Bulletin bulletin) {
    List<String> figures = new ArrayList<>();
    for (TallyDefinition definition : bulletin.config().catalogue().all()) {
      if (definition.builtIn() || !definition.keyFigure()) {
        continue;
      }
      bulletin
          .week()
          .tally(definition.key())
          .ifPresent(
              tally -> {
                String value = formats.count(tally.value());
                String label = labels.label(definition);
                String figure =
                    definition
                        .unit()
                        .map(
                            unit ->
                                messages.formatOr(
                                    "summary.figure.ownWithUnit",
                                    "{0}: {1} {2}",
                                    label,
                                    value,
                                    unit))
                        .orElseGet(
                            () ->
                                messages.formatOr("summary.figure.own", "{0}: {1}", label, value));
                Optional<String> change =
                    changeText(bulletin.change(definition.key()).orElseThrow(), false);
                if (change.isPresent()) {
                  figure = messages.format("summary.changeNote", figure, change.get());
                }
                figures.add(figure);
              });
    }
    if (figures.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        sentences(
            List.of(
                messages.formatOr(
                    "summary.ownFigures",
                    "Other figures this week: {0}",
                    String.join(messages.getOr("summary.ownFigures.separator", "; "), figures)))));
  }

  private String advisoryParagraph(List<Advisory> advisories) {
    if (advisories.isEmpty()) {
      return sentences(List.of(messages.get("summary.noAdvisories")));
    }
    List<String> bands = new ArrayList<>();
    Severity.count(advisories)
        .forEach(
            (severity, count) -> {
              if (count > 0) {
                bands.add(
                    messages.format(
                        "summary.band",
                        formats.number(count),
                        messages
                            .get("severity." + severity.code())
                            .toLowerCase(messages.locale())));
              }
            });
    List<String> products = advisories.stream().map(Summary::productName).distinct().toList();
    String named = formats.list(products.subList(0, Math.min(PRODUCTS_NAMED, products.size())));
    if (products.size() > PRODUCTS_NAMED) {
      named =
          messages.format(
              "summary.moreProducts",
              String.join(messages.get("list.separator"), products.subList(0, PRODUCTS_NAMED)),
              products.size() - PRODUCTS_NAMED);
    }
    List<String> sentences = new ArrayList<>();
    sentences.add(
        messages.format(
            "summary.advisories",
            advisories.size(),
            String.join(messages.get("list.separator"), bands),
            named));
    List<String> exploited =
        advisories.stream()
            .filter(Advisory::exploited)
            .map(Summary::productName)
            .distinct()
            .toList();
    if (exploited.isEmpty()) {
      sentences.add(messages.get("summary.exploited.none"));
    } else {
      String names =
          exploited.size() > PRODUCTS_NAMED
              ? messages.format(
                  "summary.moreProducts",
                  String.join(messages.get("list.separator"), exploited.subList(0, PRODUCTS_NAMED)),
                  exploited.size() - PRODUCTS_NAMED)
              : formats.list(exploited);
      long count = advisories.stream().filter(Advisory::exploited).count();
      sentences.add(messages.format("summary.exploited.some", count, names));
    }
    return sentences(sentences);
  }

  /** The product as readers know it; data files name products in full ("Adobe Illustrator"). */
  static String productName(Advisory advisory) {
    return advisory.product();
  }

  /**
   * "up 5.8% from 138", or "unchanged ...", or nothing when there is no comparable previous week.
   */
  private Optional<String> changeText(Change change, boolean spelledOut) {
    String suffix = spelledOut ? ".summary" : "";
    return switch (change.direction()) {
      case UP, DOWN ->
          Optional.of(
              messages.format(
                  (change.direction() == Change.Direction.UP ? "change.up" : "change.down")
                      + suffix,
                  formats.percent(change.percent().orElseThrow().abs()),
                  formats.number(change.previous().getAsLong())));
      case UNCHANGED -> Optional.of(messages.get("change.unchanged"));
      default -> Optional.empty();
    };
  }

  /**
   * Sentences as the language writes them: {@code sentence.end} after each ("." or "。") unless it
   * has its own, {@code sentence.join} between them (a space, or nothing in Chinese).
   */
  private String sentences(List<String> sentences) {
    String end = messages.get("sentence.end");
    String join = messages.get("sentence.join");
    StringBuilder paragraph = new StringBuilder();
    for (String sentence : sentences) {
      if (paragraph.length() > 0) {
        paragraph.append(join);
      }
      paragraph.append(capitalise(sentence)).append(sentence.endsWith(end) ? "" : end);
    }
    return paragraph.toString();
  }

  private static String capitalise(String text) {
    return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
  }

  static Comparator<Advisory> order() {
    return Comparator.comparing((Advisory a) -> a.kev().isEmpty())
        .thenComparing(a -> !a.exploited())
        .thenComparing(a -> !a.zeroDay())
        .thenComparing(Advisory::severity)
        .thenComparing(a -> a.topScore().map(c -> c.score().negate()).orElse(BigDecimal.ONE))
        .thenComparing(Advisory::vendor, String.CASE_INSENSITIVE_ORDER)
        .thenComparing(Advisory::id);
  }
}
