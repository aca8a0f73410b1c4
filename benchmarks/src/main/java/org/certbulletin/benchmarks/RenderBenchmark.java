package org.certbulletin.benchmarks;

import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.certbulletin.ingest.DataDirectory;
import org.certbulletin.ingest.WeekWriter;
import org.certbulletin.model.Bulletin;
import org.certbulletin.model.Format;
import org.certbulletin.model.WeekId;
import org.certbulletin.render.BulletinRenderer;
import org.certbulletin.render.RenderedBulletin;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The warm render of one week's edition, HTML and PDF, in one JVM: every language of the sample
 * with the renderer the tool uses ({@code TAGGED}), with the PDF's accessibility tagging off
 * ({@code UNTAGGED}) and without the check that every character reached the page as a glyph ({@code
 * UNCHECKED}). Each invocation is timed (sample mode), so {@link RenderFigures} reads the median
 * and 95th percentile, after 30 s of warm-up (some 300 renders on an idle machine). It reads {@code
 * data/} and {@code templates/} of the folder it is started in, the repository's root.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 10, time = 3)
@Measurement(iterations = 5, time = 3)
@Fork(1)
public class RenderBenchmark {

  /** The renderers measured: the tool's own, and the two switches the benchmark turns off. */
  public enum Renderer {
    TAGGED,
    UNTAGGED,
    UNCHECKED;

    BulletinRenderer create(Path templates) {
      return switch (this) {
        case TAGGED -> new BulletinRenderer(templates);
        case UNTAGGED -> BulletinRenderer.untaggedForBenchmark(templates);
        case UNCHECKED -> BulletinRenderer.uncheckedForBenchmark(templates);
      };
    }
  }

  @Param("2024-W51")
  public String week;

  @Param({"en", "zh-CN"})
  public String language;

  @Param({"TAGGED", "UNTAGGED", "UNCHECKED"})
  public Renderer renderer;

  private BulletinRenderer bulletinRenderer;
  private Bulletin bulletin;
  private byte[] source;
  private final Set<Format> formats = EnumSet.allOf(Format.class);

  @Setup
  public void load() {
    bulletin =
        new DataDirectory(Path.of("data"))
            .bulletin(WeekId.parse(week), Locale.forLanguageTag(language));
    source = WeekWriter.write(bulletin.week());
    bulletinRenderer = renderer.create(Path.of("templates"));
  }

  @Benchmark
  public RenderedBulletin render() {
    return bulletinRenderer.render(bulletin, source, formats);
  }
}
