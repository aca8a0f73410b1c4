package org.certbulletin.benchmarks;

import java.nio.file.Path;
import java.util.Collection;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.certbulletin.benchmarks.RenderBenchmark.Renderer;
import org.certbulletin.ingest.DataDirectory;
import org.certbulletin.ingest.WeekWriter;
import org.certbulletin.model.Bulletin;
import org.certbulletin.model.Format;
import org.certbulletin.model.WeekId;
import org.certbulletin.render.BulletinRenderer;
import org.certbulletin.render.RenderedBulletin;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.util.Statistics;

/**
 * Runs {@link RenderBenchmark} (JMH's own options apply: {@code -f 1 -wi 2 -i 3}, {@code -p
 * language=en}, {@code -prof gc}, ...) and prints its figures under the names they have always had:
 * {@code render_warm_ms} and {@code render_warm_p95_ms} for the main language, {@code
 * render_warm_zh-CN_ms} and so on for the others, {@code render_warm_untagged_ms}, {@code
 * render_warm_unchecked_ms} and from the medians {@code tagging_cost_pct} and {@code
 * glyph_check_cost_pct} (the other languages' with their suffix), and the sizes of the files one
 * render writes ({@code pdf_bytes}, {@code html_bytes}). One week at a time ({@code -p week=...}).
 */
public final class RenderFigures {

  private RenderFigures() {}

  public static void main(String[] args) throws Exception {
    CommandLineOptions command = new CommandLineOptions(args);
    if (command.shouldHelp()) {
      command.showHelp();
      return;
    }
    Collection<RunResult> results =
        new Runner(
                new OptionsBuilder()
                    .parent(command)
                    .include(RenderBenchmark.class.getSimpleName())
                    .build())
            .run();
    Map<String, Map<Renderer, Statistics>> byLanguage = new LinkedHashMap<>();
    String week = null;
    for (RunResult result : results) {
      week = result.getParams().getParam("week");
      byLanguage
          .computeIfAbsent(
              result.getParams().getParam("language"), l -> new EnumMap<>(Renderer.class))
          .put(
              Renderer.valueOf(result.getParams().getParam("renderer")),
              result.getPrimaryResult().getStatistics());
    }
    if (week == null) {
      return;
    }
    DataDirectory data = new DataDirectory(Path.of("data"));
    BulletinRenderer renderer = new BulletinRenderer(Path.of("templates"));
    Figures figures = new Figures(System.out);
    for (Map.Entry<String, Map<Renderer, Statistics>> entry : byLanguage.entrySet()) {
      Locale language = Locale.forLanguageTag(entry.getKey());
      String suffix = language.equals(data.config().mainLanguage()) ? "" : "_" + entry.getKey();
      print(figures, suffix, entry.getValue());
      sizes(figures, suffix, renderer, data.bulletin(WeekId.parse(week), language));
    }
  }

  private static void print(Figures figures, String suffix, Map<Renderer, Statistics> statistics) {
    Statistics tagged = statistics.get(Renderer.TAGGED);
    if (tagged != null) {
      figures.add("render_warm" + suffix + "_ms", tagged.getPercentile(50), "ms");
      figures.add("render_warm" + suffix + "_p95_ms", tagged.getPercentile(95), "ms");
    }
    cost(figures, tagged, statistics.get(Renderer.UNTAGGED), suffix, "untagged", "tagging_cost");
    cost(
        figures,
        tagged,
        statistics.get(Renderer.UNCHECKED),
        suffix,
        "unchecked",
        "glyph_check_cost");
  }

  /** The render without a feature, and what the feature adds to the median in per cent. */
  private static void cost(
      Figures figures,
      Statistics with,
      Statistics without,
      String suffix,
      String variant,
      String cost) {
    if (without == null) {
      return;
    }
    double median = without.getPercentile(50);
    figures.add("render_warm" + suffix + "_" + variant + "_ms", median, "ms");
    if (with != null) {
      figures.add(cost + suffix + "_pct", 100 * (with.getPercentile(50) - median) / median, "%");
    }
  }

  /** The sizes of the files one render of {@code bulletin} writes. */
  private static void sizes(
      Figures figures, String suffix, BulletinRenderer renderer, Bulletin bulletin) {
    RenderedBulletin files =
        renderer.render(bulletin, WeekWriter.write(bulletin.week()), EnumSet.allOf(Format.class));
    figures.add("pdf" + suffix + "_bytes", files.file(Format.PDF).orElseThrow().length, "bytes");
    figures.add("html" + suffix + "_bytes", files.file(Format.HTML).orElseThrow().length, "bytes");
  }
}
