package org.certbulletin.render;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.certbulletin.model.Advisory;
import org.certbulletin.model.Bulletin;
import org.certbulletin.model.Severity;
import org.certbulletin.model.Tally;
import org.certbulletin.model.TallyCatalogue;
import org.certbulletin.model.TallyDefinition;
import org.certbulletin.model.Week;
import org.certbulletin.model.WeekId;
import org.certbulletin.render.BulletinView.ChartView;
import org.certbulletin.render.BulletinView.DataTable;

/**
 * Turns a bulletin's figures into its charts: the trend over the last weeks, incidents by type,
 * advisories by severity. A chart whose values are all zero is replaced by a sentence saying so.
 */
final class ChartFactory {

  private final Messages messages;
  private final Formats formats;
  private final TallyLabels tallyLabels;
  private final ChartText text;

  ChartFactory(Messages messages, Formats formats, TallyLabels labels) {
    this.messages = messages;
    this.formats = formats;
    this.tallyLabels = labels;
    this.text = new ChartText(messages, formats);
  }

  /** The trend, incident-type and severity charts of {@code bulletin}. */
  List<ChartView> create(Bulletin bulletin, List<Advisory> advisories) {
    List<ChartView> charts = new ArrayList<>();
    charts.add(trend(bulletin));
    TallyDefinition incidents =
        bulletin.config().catalogue().find(TallyCatalogue.INCIDENTS).orElseThrow();
    Tally incidentTally = bulletin.week().tally(TallyCatalogue.INCIDENTS).orElseThrow();
    if (!incidentTally.breakdown().isEmpty()) {
      charts.add(
          bars(
              "types",
              breakdownBars(incidents, incidentTally),
              "chart.table.type",
              "chart.table.incidents"));
    }
    charts.add(
        bars(
            "severity",
            severityBars(advisories),
            "chart.table.severity",
            "chart.table.advisories"));
    return charts;
  }

  /** The x-axis label of a week in the edition's language: {@code W51}, {@code 第51周}. */
  String weekLabel(WeekId week) {
    return messages.formatOr("chart.week", "W{0,number,00}", week.week());
  }

  /**
   * The bars of a tally's breakdown, in the order its card shows them ({@link BreakdownOrder}),
   * named as its card names them.
   */
  List<Charts.Bar> breakdownBars(TallyDefinition definition, Tally tally) {
    return BreakdownOrder.of(definition, tally.breakdown()).stream()
        .map(
            e ->
                new Charts.Bar(
                    tallyLabels.part(definition, e.getKey()),
                    e.getValue(),
                    formats.number(e.getValue()),
                    e.getKey()))
        .toList();
  }

  /**
   * A bar chart whose title, text alternative and replacing sentence are the bundle's {@code
   * chart.<id>.title}, {@code .desc} and {@code .none}; left out, with that sentence, when every
   * bar is zero.
   */
  ChartView bars(String id, List<Charts.Bar> bars, String labelHeading, String valueHeading) {
    String title = messages.get("chart." + id + ".title");
    if (bars.stream().allMatch(b -> b.value() == 0)) {
      return ChartView.none(id, title, none(id, title));
    }
    return Charts.bars(
        id,
        title,
        messages.format("chart." + id + ".desc", describe(bars)),
        bars,
        new DataTable(
            List.of(messages.get(labelHeading), messages.get(valueHeading)),
            bars.stream().map(b -> List.of(b.label(), b.shownValue())).toList()));
  }

  private ChartView trend(Bulletin bulletin) {
    Map<WeekId, Week> present = new TreeMap<>();
    bulletin.trendWeeks().forEach(w -> present.put(w.id(), w));
    WeekId windowStart = bulletin.week().id();
    for (int i = 1; i < Bulletin.TREND_WEEKS; i++) {
      windowStart = windowStart.previous();
    }
    WeekId first = present.keySet().iterator().next();
    List<WeekId> axis = new ArrayList<>();
    for (WeekId id = first.compareTo(windowStart) > 0 ? first : windowStart;
        id.compareTo(bulletin.week().id()) <= 0;
        id = id.next()) {
      axis.add(id);
    }
    present.keySet().removeIf(id -> id.compareTo(axis.get(0)) < 0);
    List<String> labels = axis.stream().map(this::weekLabel).toList();
    List<Charts.Line> lines = new ArrayList<>();
    for (TallyDefinition tally : bulletin.config().trendTallies()) {
      lines.add(
          new Charts.Line(
              tallyLabels.label(tally),
              tally.key().replace('_', '-'),
              axis.stream()
                  .map(
                      id ->
                          Optional.ofNullable(present.get(id))
                              .flatMap(w -> w.tally(tally.key()))
                              .map(Tally::value)
                              .orElse(null))
                  .toList()));
    }
    String title = messages.format("chart.trend.title", axis.size());
    if (Charts.allZero(lines)) {
      return ChartView.none("trend", title, none("trend", title));
    }
    String names =
        formats.list(
            lines.stream().map(l -> ChartText.inSentence(l.name(), messages.locale())).toList());
    return Charts.line(
        "trend",
        title,
        messages.format(
            "chart.trend.desc",
            names,
            axis.get(0),
            bulletin.week().id(),
            text.trend(labels, lines)),
        labels,
        lines,
        formats,
        trendTable(labels, lines));
  }

  /**
   * The advisories by severity, from the most severe: a scale keeps its order (see {@link
   * BreakdownOrder}). None and not-yet-assigned only when an advisory has them.
   */
  private List<Charts.Bar> severityBars(List<Advisory> advisories) {
    List<Charts.Bar> severities = new ArrayList<>();
    Severity.count(advisories)
        .forEach(
            (severity, count) -> {
              if (count > 0 || severity.compareTo(Severity.LOW) <= 0) {
                severities.add(
                    new Charts.Bar(
                        messages.get("severity." + severity.code()),
                        count,
                        formats.number(count),
                        severity.code()));
              }
            });
    return severities;
  }

  private String none(String id, String title) {
    String own = "chart." + id + ".none";
    return messages.all().containsKey(own)
        ? messages.format(own, title)
        : messages.formatOr("chart.none", "{0}: every value is zero this week.", title);
  }

  private DataTable trendTable(List<String> weeks, List<Charts.Line> lines) {
    List<String> header = new ArrayList<>();
    header.add(messages.get("chart.table.week"));
    lines.forEach(l -> header.add(l.name()));
    List<List<String>> rows = new ArrayList<>();
    for (int i = 0; i < weeks.size(); i++) {
      List<String> row = new ArrayList<>();
      row.add(weeks.get(i));
      for (Charts.Line line : lines) {
        Long value = line.values().get(i);
        row.add(value == null ? messages.get("chart.empty") : formats.number(value));
      }
      rows.add(row);
    }
    return new DataTable(header, rows);
  }

  private String describe(List<Charts.Bar> bars) {
    return formats.list(
        bars.stream()
            .map(b -> ChartText.inSentence(b.label(), messages.locale()) + " " + b.shownValue())
            .toList());
  }
}
