package org.certbulletin.bench;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.certbulletin.ingest.DataDirectory;
import org.certbulletin.ingest.WeekWriter;
import org.certbulletin.model.Bulletin;
import org.certbulletin.model.WeekId;
import org.certbulletin.render.BulletinRenderer;
import org.certbulletin.render.Format;
import org.certbulletin.render.RenderedBulletin;
import org.certbulletin.service.Workspace;

/**
 * Measures what operators care about and prints one line per figure, {@code name: value unit}.
 * Figures are measured, never asserted: the numbers go into issue notes.
 */
public final class Benchmark {

  /** Which figures to measure, and how hard. */
  public record Options(Workspace workspace, WeekId week, int warmup, int runs, int coldRuns, Set<String> only) {
  }

  private final Options options;
  private final PrintWriter out;

  public Benchmark(Options options, PrintWriter out) {
    this.options = options;
    this.out = out;
  }

  public void run() throws IOException, InterruptedException {
    if (wanted("render")) {
      render();
    }
    if (wanted("cold")) {
      cold();
    }
  }

  private boolean wanted(String group) {
    return options.only().isEmpty() || options.only().contains(group);
  }

  private void render() {
    DataDirectory data = new DataDirectory(options.workspace().data());
    Bulletin bulletin = data.bulletin(options.week());
    byte[] json = WeekWriter.write(bulletin.week());
    BulletinRenderer renderer = new BulletinRenderer(options.workspace().templates());
    Set<Format> both = EnumSet.allOf(Format.class);
    RenderedBulletin last = null;
    progress("render: warming up (" + options.warmup() + " renders)");
    for (int i = 0; i < options.warmup(); i++) {
      last = renderer.render(bulletin, json, both);
    }
    System.gc();
    HeapSampler heap = HeapSampler.start();
    List<Double> times = new ArrayList<>();
    progress("render: measuring (" + options.runs() + " renders)");
    for (int i = 0; i < options.runs(); i++) {
      long start = System.nanoTime();
      last = renderer.render(bulletin, json, both);
      times.add((System.nanoTime() - start) / 1e6);
    }
    Stats stats = new Stats(times);
    figure("render_warm_ms", stats.median(), "ms");
    figure("render_warm_p95_ms", stats.percentile(95), "ms");
    figure("pdf_bytes", last.file(Format.PDF).orElseThrow().length, "bytes");
    figure("html_bytes", last.file(Format.HTML).orElseThrow().length, "bytes");
    figure("heap_peak_mb", heap.stop() / (1024.0 * 1024.0), "MB");
  }

  private void cold() throws IOException, InterruptedException {
    Path jar = ownJar();
    List<Double> tuned = new ArrayList<>();
    List<Double> plain = new ArrayList<>();
    Path scratch = Files.createTempDirectory("cert-bulletin-bench");
    for (int i = 0; i < options.coldRuns(); i++) {
      progress("cold: build " + (i + 1) + " of " + options.coldRuns());
      tuned.add(coldBuild(jar, launcherFlags(jar), scratch.resolve("tuned-" + i)));
      plain.add(coldBuild(jar, List.of(), scratch.resolve("plain-" + i)));
    }
    figure("build_cold_ms", new Stats(tuned).median(), "ms");
    figure("build_cold_plain_ms", new Stats(plain).median(), "ms");
  }

  private double coldBuild(Path jar, List<String> flags, Path out) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(flags);
    command.addAll(List.of("-jar", jar.toString(), "build", options.week().toString(),
        "--data", options.workspace().data().toString(), "--templates", options.workspace().templates().toString(),
        "--out", out.toString()));
    long start = System.nanoTime();
    Process process = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    if (!process.waitFor(5, TimeUnit.MINUTES) || process.exitValue() != 0) {
      throw new IllegalStateException("cold build failed: " + String.join(" ", command));
    }
    return (System.nanoTime() - start) / 1e6;
  }

  /** The flags {@code target/cert-bulletin} starts one-shot commands with. */
  private static List<String> launcherFlags(Path jar) {
    List<String> flags = new ArrayList<>(List.of("-Xshare:auto", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"));
    Path archive = jar.resolveSibling("cert-bulletin.jsa");
    if (Files.isRegularFile(archive)) {
      flags.addAll(List.of("-XX:SharedArchiveFile=" + archive, "-Xlog:cds=off", "-Xlog:cds+dynamic=off"));
    } else {
      progress("cold: no " + archive + "; run mvn package to make it");
    }
    return flags;
  }

  private static Path ownJar() {
    try {
      Path location = Path.of(Benchmark.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      if (!location.toString().endsWith(".jar")) {
        throw new IllegalStateException("the cold-build benchmark runs from the jar: java -jar target/cert-bulletin.jar bench");
      }
      return location;
    } catch (java.net.URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  private void figure(String name, double value, String unit) {
    String shown = value == Math.rint(value) && Math.abs(value) < 1e15
        ? String.valueOf((long) value) : String.format(Locale.ROOT, "%.1f", value);
    out.println(name + ": " + shown + " " + unit);
    out.flush();
  }

  private static void progress(String message) {
    System.err.println(message);
  }
}
