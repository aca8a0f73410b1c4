package org.certbulletin.render;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.certbulletin.render.BulletinView.AxisTick;
import org.certbulletin.render.BulletinView.BarView;
import org.certbulletin.render.BulletinView.ChartView;
import org.certbulletin.render.BulletinView.DataTable;
import org.certbulletin.render.BulletinView.Drawing;
import org.certbulletin.render.BulletinView.PlotArea;
import org.certbulletin.render.BulletinView.PointView;
import org.certbulletin.render.BulletinView.SeriesView;

/**
 * Lays out line and bar charts as SVG geometry, twice: wide (print, and screens wider than a
 * phone's) and narrow (a phone's screen, drawn at about its own size so that its text stays legible
 * and nothing has to scroll). Templates draw what is computed here, in colours of their own
 * choosing (by series position and bar slug).
 */
final class Charts {

  /** The width and text size of one drawing of a chart, in SVG user units. */
  record Layout(String variant, int width, int fontSize, int lineHeight, boolean labelsAbove) {}

  /** Print (170 mm: 12 units are 9 pt) and desktop screens. */
  static final Layout WIDE = new Layout("wide", 640, 12, 240, false);

  /** A phone: about one unit to a CSS pixel on a 375 px screen. */
  static final Layout NARROW = new Layout("narrow", 340, 13, 220, true);

  private static final int BAR_GAP = 10;

  /** How much wider bold text (the values) is than regular, about. */
  static final double BOLD = 1.08;

  /**
   * The least share of a wide bar chart's width its labels take, so that bar charts one above the
   * other start their bars at one place unless a label needs more room.
   */
  private static final double LABEL_COLUMN = 0.3;

  /** One line of a line chart: a name and a value per x position ({@code null} where unknown). */
  record Line(String name, String slug, List<Long> values) {}

  /** One bar of a bar chart. */
  record Bar(String label, long value, String shownValue, String slug) {}

  private Charts() {}

  /** A line chart over {@code xLabels}, the last of which is the newest (this week). */
  static ChartView line(
      String id,
      String title,
      String description,
      List<String> xLabels,
      List<Line> lines,
      Formats formats,
      DataTable table) {
    Drawing wide = lineDrawing(WIDE, xLabels, lines, formats);
    return new ChartView(
        "line",
        id,
        title,
        description,
        wide,
        lineDrawing(NARROW, xLabels, lines, formats),
        wide.series(),
        table,
        null);
  }

  /** A bar chart, its bars in the order given. */
  static ChartView bars(
      String id, String title, String description, List<Bar> bars, DataTable table) {
    return new ChartView(
        "bar",
        id,
        title,
        description,
        barDrawing(WIDE, bars),
        barDrawing(NARROW, bars),
        List.of(),
        table,
        null);
  }

  /** Whether a chart of these lines would draw nothing but zeros (or nothing at all). */
  static boolean allZero(List<Line> lines) {
    return lines.stream().flatMap(l -> l.values().stream()).allMatch(v -> v == null || v == 0);
  }

  static Drawing lineDrawing(Layout layout, List<String> xLabels, List<Line> lines, Formats f) {
    int fs = layout.fontSize();
    int count = xLabels.size();
    long max =
        lines.stream()
            .flatMap(l -> l.values().stream())
            .filter(v -> v != null)
            .mapToLong(Long::longValue)
            .max()
            .orElse(0);
    long step = niceStep(max);
    long top = Math.max(step, ((max + step - 1) / step) * step);
    List<String> yLabels = new ArrayList<>();
    for (long v = 0; v <= top; v += step) {
      yLabels.add(f.number(v));
    }
    List<String> latest = new ArrayList<>();
    for (Line line : lines) {
      Long value = line.values().isEmpty() ? null : line.values().get(count - 1);
      latest.add(value == null ? null : f.number(value));
    }
    double inset = layout.labelsAbove() ? 12 : 16;
    double newestLabel = textWidth(xLabels.get(count - 1), fs);
    double latestWidth =
        latest.stream()
            .filter(l -> l != null)
            .mapToDouble(l -> textWidth(l, fs) * BOLD)
            .max()
            .orElse(0);
    int left = (int) Math.ceil(Math.max(widest(yLabels, fs) + 12, 30));
    int right =
        (int)
            Math.floor(
                Math.min(
                    layout.width() - 20,
                    Math.min(
                        layout.width() - 8 - latestWidth + inset - 7,
                        layout.width() - 2 - newestLabel / 2 + inset)));
    int bottom = layout.lineHeight() - fs - 12;
    PlotArea plot = new PlotArea(left, 14, right, bottom);

    List<AxisTick> yTicks = new ArrayList<>();
    for (int i = 0; i < yLabels.size(); i++) {
      yTicks.add(
          new AxisTick(
              yLabels.get(i), coord(plot.left() - 8), coord(y(i * step, top, plot)), false));
    }
    int every = labelEvery(xLabels, fs, plot, inset);
    List<AxisTick> xTicks = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      if ((count - 1 - i) % every == 0) {
        xTicks.add(
            new AxisTick(
                xLabels.get(i),
                coord(x(i, count, plot, inset)),
                coord(plot.bottom() + fs + 6),
                i == count - 1));
      }
    }

    List<Double> latestY = new ArrayList<>();
    for (Line line : lines) {
      Long value = line.values().get(count - 1);
      latestY.add(value == null ? null : y(value, top, plot) + fs * 0.35);
    }
    spreadApart(latestY, fs + 2);
    List<SeriesView> series = new ArrayList<>();
    for (int s = 0; s < lines.size(); s++) {
      Line line = lines.get(s);
      List<String> paths = new ArrayList<>();
      List<PointView> points = new ArrayList<>();
      StringBuilder path = new StringBuilder();
      for (int i = 0; i < line.values().size(); i++) {
        Long value = line.values().get(i);
        if (value == null) {
          flush(path, paths);
          continue;
        }
        String px = coord(x(i, count, plot, inset));
        String py = coord(y(value, top, plot));
        path.append(path.length() == 0 ? "M" : " L").append(px).append(' ').append(py);
        points.add(new PointView(px, py, xLabels.get(i) + ": " + f.number(value)));
      }
      flush(path, paths);
      AxisTick newest =
          latest.get(s) == null
              ? null
              : new AxisTick(
                  latest.get(s),
                  coord(x(count - 1, count, plot, inset) + 7),
                  coord(latestY.get(s)),
                  true);
      series.add(new SeriesView(line.name(), line.slug(), paths, points, newest));
    }
    return new Drawing(
        layout.variant(),
        layout.width(),
        layout.lineHeight(),
        fs,
        yTicks,
        xTicks,
        series,
        List.of(),
        plot,
        false);
  }

  static Drawing barDrawing(Layout layout, List<Bar> bars) {
    int fs = layout.fontSize();
    boolean above = layout.labelsAbove();
    int thickness = above ? 16 : 20;
    double valueRoom =
        bars.stream().mapToDouble(b -> textWidth(b.shownValue(), fs) * BOLD).max().orElse(0) + 12;
    int left =
        above
            ? 0
            : (int)
                Math.ceil(
                    Math.min(
                        Math.max(
                            bars.stream().mapToDouble(b -> textWidth(b.label(), fs)).max().orElse(0)
                                + 10,
                            layout.width() * LABEL_COLUMN),
                        layout.width() * 0.45));
    int labelRow = above ? fs + 4 : 0;
    int row = labelRow + thickness + BAR_GAP;
    int height = BAR_GAP + bars.size() * row;
    PlotArea plot = new PlotArea(left, 0, (int) Math.floor(layout.width() - valueRoom), height);
    long max = bars.stream().mapToLong(Bar::value).max().orElse(0);
    List<BarView> views = new ArrayList<>();
    for (int i = 0; i < bars.size(); i++) {
      Bar bar = bars.get(i);
      double length = max == 0 ? 0 : (double) bar.value() * (plot.right() - plot.left()) / max;
      if (bar.value() > 0) {
        length = Math.max(length, 2);
      }
      double top = BAR_GAP + i * row + labelRow;
      double middle = top + thickness / 2.0 + fs * 0.35;
      views.add(
          new BarView(
              bar.label(),
              bar.shownValue(),
              bar.slug(),
              coord(above ? plot.left() : plot.left() - 10),
              coord(above ? top - 4 : middle),
              coord(plot.left()),
              coord(top),
              coord(length),
              coord(thickness),
              coord(plot.left() + length + (above && length == 0 ? 0 : 6)),
              coord(middle)));
    }
    return new Drawing(
        layout.variant(),
        layout.width(),
        height,
        fs,
        List.of(),
        List.of(),
        List.of(),
        views,
        plot,
        above);
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

  /**
   * About how wide {@code text} is at {@code fontSize} in a sans-serif face, from the widths its
   * characters have in Liberation Sans and in a CJK face (which are square); generous rather than
   * tight, as the font a reader's browser picks is not known.
   */
  static double textWidth(String text, int fontSize) {
    double em = 0;
    for (int i = 0; i < text.length(); ) {
      int c = text.codePointAt(i);
      i += Character.charCount(c);
      if (Character.isIdeographic(c)
          || Character.UnicodeScript.of(c) == Character.UnicodeScript.HANGUL
          || (c >= 0x3000 && c <= 0x30ff)
          || (c >= 0xff00 && c <= 0xffef)) {
        em += 1.0;
      } else if (Character.isDigit(c)) {
        em += 0.56;
      } else if (c == ',' || c == '.' || c == ' ' || c == ':' || c == '\'') {
        em += 0.28;
      } else if (Character.isUpperCase(c)) {
        em += 0.68;
      } else {
        em += 0.56;
      }
    }
    return em * fontSize;
  }

  /**
   * Every how many x positions a label is written so that neighbouring labels do not touch, counted
   * back from the newest, which is always written.
   */
  private static int labelEvery(List<String> labels, int fs, PlotArea plot, double inset) {
    if (labels.size() < 2) {
      return 1;
    }
    double spacing = (plot.right() - plot.left() - 2 * inset) / (labels.size() - 1);
    double needed = widest(labels, fs) + fs * 0.6;
    return Math.max(1, (int) Math.ceil(needed / spacing));
  }

  private static double widest(List<String> texts, int fs) {
    return texts.stream().mapToDouble(t -> textWidth(t, fs)).max().orElse(0);
  }

  /**
   * Moves the baselines of labels apart so that no two are closer than {@code gap}, keeping their
   * order from top to bottom (nulls are labels not written).
   */
  private static void spreadApart(List<Double> ys, double gap) {
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < ys.size(); i++) {
      if (ys.get(i) != null) {
        order.add(i);
      }
    }
    order.sort(Comparator.comparingDouble(ys::get));
    for (int k = 1; k < order.size(); k++) {
      double previous = ys.get(order.get(k - 1));
      if (ys.get(order.get(k)) - previous < gap) {
        ys.set(order.get(k), previous + gap);
      }
    }
  }

  private static double x(int index, int count, PlotArea plot, double inset) {
    if (count == 1) {
      return (plot.left() + plot.right()) / 2.0;
    }
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

  /** {@code value} to one decimal, as SVG coordinates are written (faster than a format). */
  static String coord(double value) {
    long tenths = Math.round(value * 10);
    long magnitude = Math.abs(tenths);
    return (tenths < 0 ? "-" : "") + magnitude / 10 + "." + magnitude % 10;
  }
}
