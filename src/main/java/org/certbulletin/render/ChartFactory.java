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
 * advisories by severity.
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
    List<String> labels = axis.stream().map(WeekId::shortLabel).toList();
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
    String names =
        formats.list(lines.stream().map(l -> l.name().toLowerCase(messages.locale())).toList());
    charts.add(
        Charts.line(
            "trend",
            messages.format("chart.trend.title", axis.size()),
            messages.format(
                "chart.trend.desc",
                names,
                axis.get(0),
                bulletin.week().id(),
                text.trend(labels, lines)),
            labels,
            lines,
            formats,
            trendTable(labels, lines)));

    Tally incidents = bulletin.week().tally(TallyCatalogue.INCIDENTS).orElseThrow();
    if (!incidents.breakdown().isEmpty()) {
      List<Charts.Bar> bars =
          incidents.breakdown().entrySet().stream()
              .map(
                  e ->
                      new Charts.Bar(
                          messages.getOr("part." + e.getKey(), e.getKey()),
                          e.getValue(),
                          formats.number(e.getValue()),
                          e.getKey()))
              .toList();
      charts.add(
          Charts.bars(
              "types",
              messages.get("chart.types.title"),
              messages.format("chart.types.desc", describe(bars)),
              bars,
              barTable("chart.table.type", "chart.table.incidents", bars)));
    }

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
    charts.add(
        Charts.bars(
            "severity",
            messages.get("chart.severity.title"),
            messages.format("chart.severity.desc", describe(severities)),
            severities,
            barTable("chart.table.severity", "chart.table.advisories", severities)));
    return charts;
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

  private DataTable barTable(String labelKey, String valueKey, List<Charts.Bar> bars) {
    return new DataTable(
        List.of(messages.get(labelKey), messages.get(valueKey)),
        bars.stream().map(b -> List.of(b.label(), b.shownValue())).toList());
  }

  private String describe(List<Charts.Bar> bars) {
    return formats.list(
        bars.stream()
            .map(b -> b.label().toLowerCase(messages.locale()) + " " + b.shownValue())
            .toList());
  }
}
