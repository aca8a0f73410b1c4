package org.certbulletin.render;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.certbulletin.render.BulletinView.AxisTick;
import org.certbulletin.render.BulletinView.BarView;
import org.certbulletin.render.BulletinView.ChartView;
import org.certbulletin.render.BulletinView.DataTable;
import org.certbulletin.render.BulletinView.PlotArea;
import org.certbulletin.render.BulletinView.PointView;
import org.certbulletin.render.BulletinView.SeriesView;

/**
 * Lays out line and bar charts as SVG geometry; templates draw what is computed here, in colours of
 * their own choosing (by series position and bar slug).
 */
final class Charts {

  static final int WIDTH = 640;
  private static final int LINE_HEIGHT = 240;
  private static final int BAR_THICKNESS = 20;
  private static final int BAR_GAP = 10;
  private static final int BAR_LABEL_WIDTH = 190;
  private static final int BAR_VALUE_ROOM = 64;

  /** One line of a line chart: a name and a value per x position ({@code null} where unknown). */
  record Line(String name, String slug, List<Long> values) {}

  /** One bar of a bar chart. */
  record Bar(String label, long value, String shownValue, String slug) {}

  private Charts() {}

  static ChartView line(
      String id,
      String title,
      String description,
      List<String> xLabels,
      List<Line> lines,
      Formats formats,
      DataTable table) {
    PlotArea plot = new PlotArea(56, 14, WIDTH - 20, LINE_HEIGHT - 34);
    long max =
        lines.stream()
            .flatMap(l -> l.values().stream())
            .filter(v -> v != null)
            .mapToLong(Long::longValue)
            .max()
            .orElse(0);
    long step = niceStep(max);
    long top = Math.max(step, ((max + step - 1) / step) * step);
    List<AxisTick> yTicks = new ArrayList<>();
    for (long v = 0; v <= top; v += step) {
      yTicks.add(new AxisTick(formats.number(v), coord(plot.left() - 8), coord(y(v, top, plot))));
    }
    List<AxisTick> xTicks = new ArrayList<>();
    for (int i = 0; i < xLabels.size(); i++) {
      xTicks.add(
          new AxisTick(
              xLabels.get(i), coord(x(i, xLabels.size(), plot)), coord(plot.bottom() + 18)));
    }
    List<SeriesView> series = new ArrayList<>();
    for (Line line : lines) {
      List<String> paths = new ArrayList<>();
      List<PointView> points = new ArrayList<>();
      StringBuilder path = new StringBuilder();
      for (int i = 0; i < line.values().size(); i++) {
        Long value = line.values().get(i);
        if (value == null) {
          flush(path, paths);
          continue;
        }
        String px = coord(x(i, xLabels.size(), plot));
        String py = coord(y(value, top, plot));
        path.append(path.length() == 0 ? "M" : " L").append(px).append(' ').append(py);
        points.add(new PointView(px, py, xLabels.get(i) + ": " + formats.number(value)));
      }
      flush(path, paths);
      series.add(new SeriesView(line.name(), line.slug(), paths, points));
    }
    return new ChartView(
        "line",
        id,
        title,
        description,
        WIDTH,
        LINE_HEIGHT,
        yTicks,
        xTicks,
        series,
        List.of(),
        plot,
        table);
  }

  static ChartView bars(
      String id, String title, String description, List<Bar> bars, DataTable table) {
    int height = BAR_GAP + bars.size() * (BAR_THICKNESS + BAR_GAP);
    PlotArea plot = new PlotArea(BAR_LABEL_WIDTH, 0, WIDTH - BAR_VALUE_ROOM, height);
    long max = bars.stream().mapToLong(Bar::value).max().orElse(0);
    List<BarView> views = new ArrayList<>();
    for (int i = 0; i < bars.size(); i++) {
      Bar bar = bars.get(i);
      double length = max == 0 ? 0 : (double) bar.value() * (plot.right() - plot.left()) / max;
      if (bar.value() > 0) {
        length = Math.max(length, 2);
      }
      int y = BAR_GAP + i * (BAR_THICKNESS + BAR_GAP);
      views.add(
          new BarView(
              bar.label(),
              bar.shownValue(),
              bar.slug(),
              coord(y),
              coord(length),
              coord(BAR_THICKNESS),
              coord(plot.left() + length + 6)));
    }
    return new ChartView(
        "bar",
        id,
        title,
        description,
        WIDTH,
        height,
        List.of(),
        List.of(),
        List.of(),
        views,
        plot,
        table);
  }

  /** A round step that splits {@code max} into about four intervals. */
  static long niceStep(long max) {
    if (max <= 4) {
      return 1;
    }
    double raw = max / 4.0;
    double magnitude = Math.pow(10, Math.floor(Math.log10(raw)));
    double normal = raw / magnitude;
    double factor =
        normal <= 1
            ? 1
            : normal <= 2 ? 2 : normal <= 2.5 && magnitude >= 10 ? 2.5 : normal <= 5 ? 5 : 10;
    return Math.max(1, Math.round(factor * magnitude));
  }

  private static double x(int index, int count, PlotArea plot) {
    if (count == 1) {
      return (plot.left() + plot.right()) / 2.0;
    }
    double inset = 16;
    return plot.left() + inset + index * (plot.right() - plot.left() - 2 * inset) / (count - 1);
  }

  private static double y(long value, long top, PlotArea plot) {
    return plot.bottom() - (double) value * (plot.bottom() - plot.top()) / top;
  }

  private static void flush(StringBuilder path, List<String> paths) {
    if (path.length() > 0) {
      paths.add(path.toString());
      path.setLength(0);
    }
  }

  private static String coord(double value) {
    return String.format(Locale.ROOT, "%.1f", value);
  }
}
