package org.certbulletin.benchmarks;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The HTTP API's figures ({@link ApiLoad} says what a round is): in this JVM, {@code
 * api_build_ms_p50} and {@code api_build_ms_p95} ({@code buildWeek} and {@code getEdition} of one
 * client, after a warm-up), {@code api_build_cpu_ms_p50} (the process's CPU time in those rounds:
 * what a busy machine changes least), {@code api_put_ms_p50} (the {@code putWeek} before each),
 * {@code api_builds_per_s} (rounds per second of {@link #CLIENTS} clients at once) and {@code
 * api_cpu_ms_per_build} (the process's CPU time per round then), with the 503s they were answered
 * ({@code api_busy_answers}) and the PDFs another client had rendered already ({@code
 * api_cached_pdfs}); then the same load in a fresh JVM for each maximum heap of {@code
 * --api-heaps}, each with {@code -XX:+ExitOnOutOfMemoryError}: {@code api_xmx256m_builds_per_s},
 * {@code api_xmx256m_rss_peak_mb} (the process's peak resident memory), {@code
 * api_xmx256m_live_heap_mb} (heap in use after a full collection at the end), and {@code
 * api_heap_min_mb}, the smallest that held without a failed request, with its {@code
 * api_rss_peak_mb}.
 */
final class ApiBuilds {

  static final int CLIENTS = 8;

  private static final Pattern RSS = Pattern.compile(".*_rss_peak_mb: ([0-9.]+) MB");

  private static final ApiLoad.Plan MAIN =
      new ApiLoad.Plan(40, 100, Duration.ofSeconds(30), CLIENTS);
  private static final ApiLoad.Plan HEAP =
      new ApiLoad.Plan(20, 30, Duration.ofSeconds(20), CLIENTS);

  private ApiBuilds() {}

  static void run(Setup setup) throws IOException, InterruptedException {
    Figures figures = setup.figures();
    String week = setup.week().toString();
    Figures.progress(
        "api: "
            + week
            + " built and read over HTTP, "
            + MAIN.warmUpRounds()
            + " rounds to warm up");
    ApiLoad.Result result = ApiLoad.run(setup.data(), setup.templates(), week, MAIN);
    requireNoErrors(result);
    figures.add("api_build_ms_p50", new Stats(result.roundMs()).median(), "ms");
    figures.add("api_build_ms_p95", new Stats(result.roundMs()).percentile(95), "ms");
    figures.add("api_build_cpu_ms_p50", new Stats(result.roundCpuMs()).median(), "ms");
    figures.add("api_put_ms_p50", new Stats(result.putMs()).median(), "ms");
    figures.add("api_builds_per_s", result.roundsPerSecond(), "builds/s");
    figures.add("api_cpu_ms_per_build", result.concurrentCpuMsPerRound(), "ms");
    figures.add("api_busy_puts", result.busyPuts(), "answers");
    figures.add("api_busy_builds", result.busyBuilds(), "answers");
    figures.add("api_cached_pdfs", result.cachedPdfs(), "of " + result.concurrentRounds());
    Optional<Long> smallest = Optional.empty();
    double rss = 0;
    for (String heap : setup.apiHeaps()) {
      Figures.progress("api: the same load in a JVM with -Xmx" + heap);
      OptionalDouble peak = inFreshJvm(setup, week, heap, figures);
      if (peak.isPresent() && smallest.isEmpty()) {
        smallest = Optional.of(megabytes(heap));
        rss = peak.getAsDouble();
      }
    }
    if (smallest.isPresent()) {
      figures.add("api_heap_min_mb", smallest.get(), "MB");
      figures.add("api_rss_peak_mb", rss, "MB");
    } else if (!setup.apiHeaps().isEmpty()) {
      Figures.progress("api: no heap of " + setup.apiHeaps() + " held");
    }
  }

  /**
   * Runs the load in a fresh JVM with {@code -Xmx<heap>}, its figures passed on under {@code
   * api_xmx<heap>_}.
   *
   * @return its peak resident memory, if it held (exited with 0)
   */
  private static OptionalDouble inFreshJvm(Setup setup, String week, String heap, Figures figures)
      throws IOException, InterruptedException {
    List<String> command =
        List.of(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-Xmx" + heap,
            "-XX:+ExitOnOutOfMemoryError",
            "-cp",
            System.getProperty("java.class.path"),
            ApiBuilds.class.getName(),
            setup.data().toString(),
            setup.templates().toString(),
            week,
            "api_xmx" + heap.toLowerCase(Locale.ROOT) + "_");
    Process process =
        new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    double rss = 0;
    try (BufferedReader lines =
        new BufferedReader(
            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line = lines.readLine(); line != null; line = lines.readLine()) {
        System.out.println(line);
        Matcher figure = RSS.matcher(line);
        if (figure.matches()) {
          rss = Double.parseDouble(figure.group(1));
        }
      }
    }
    int exit = process.waitFor();
    figures.add("api_xmx" + heap.toLowerCase(Locale.ROOT) + "_exit", exit, "code");
    return exit == 0 ? OptionalDouble.of(rss) : OptionalDouble.empty();
  }

  /**
   * The load of a fresh JVM: {@code DATA TEMPLATES WEEK PREFIX}; exits with 1 if any request
   * failed.
   */
  public static void main(String[] args) throws IOException, InterruptedException {
    Figures figures = new Figures(System.out);
    String prefix = args[3];
    ApiLoad.Result result = ApiLoad.run(Path.of(args[0]), Path.of(args[1]), args[2], HEAP);
    figures.add(prefix + "build_ms_p50", new Stats(result.roundMs()).median(), "ms");
    figures.add(prefix + "build_ms_p95", new Stats(result.roundMs()).percentile(95), "ms");
    figures.add(prefix + "builds_per_s", result.roundsPerSecond(), "builds/s");
    figures.add(prefix + "errors", result.errors().size(), "requests");
    System.gc();
    figures.add(
        prefix + "live_heap_mb",
        ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() / 1e6,
        "MB");
    figures.add(prefix + "rss_peak_mb", peakResidentKb() / 1024.0, "MB");
    result.errors().stream().limit(5).forEach(Figures::progress);
    System.exit(result.errors().isEmpty() ? 0 : 1);
  }

  private static void requireNoErrors(ApiLoad.Result result) {
    if (!result.errors().isEmpty()) {
      throw new IllegalStateException(
          result.errors().size() + " requests failed, the first: " + result.errors().get(0));
    }
  }

  /** {@code VmHWM} of {@code /proc/self/status}: Linux only, 0 elsewhere. */
  private static long peakResidentKb() throws IOException {
    Path status = Path.of("/proc/self/status");
    if (!Files.isReadable(status)) {
      return 0;
    }
    for (String line : Files.readAllLines(status)) {
      if (line.startsWith("VmHWM:")) {
        return Long.parseLong(line.replaceAll("[^0-9]", ""));
      }
    }
    return 0;
  }

  /** {@code 256m} or {@code 1g} in megabytes. */
  static long megabytes(String heap) {
    String lower = heap.toLowerCase(Locale.ROOT);
    long number = Long.parseLong(lower.replaceAll("[kmg]$", ""));
    return lower.endsWith("g")
        ? number * 1024
        : lower.endsWith("k") ? number / 1024 : lower.endsWith("m") ? number : number >> 20;
  }

  /**
   * The heaps of {@code --api-heaps}, smallest first.
   *
   * @throws IllegalArgumentException naming one that is not a heap size
   */
  static List<String> checked(List<String> heaps) {
    List<String> checked = new ArrayList<>();
    for (String heap : heaps) {
      if (!heap.matches("[0-9]+[kKmMgG]?")) {
        throw new IllegalArgumentException(
            "--api-heaps: '" + heap + "' is not a heap size; write it like 256m or 1g");
      }
      checked.add(heap);
    }
    checked.sort(java.util.Comparator.comparingLong(ApiBuilds::megabytes));
    return checked;
  }
}
