package org.certbulletin.bench;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.certbulletin.files.JsonMapping;
import org.certbulletin.ingest.DataDirectory;
import org.certbulletin.ingest.WeekWriter;
import org.certbulletin.mail.DeliveryReport;
import org.certbulletin.mail.MailTransport;
import org.certbulletin.model.Bulletin;
import org.certbulletin.model.WeekId;
import org.certbulletin.publish.ProgressListener;
import org.certbulletin.publish.PublishReport;
import org.certbulletin.render.BulletinRenderer;
import org.certbulletin.render.Format;
import org.certbulletin.render.RenderedBulletin;
import org.certbulletin.service.BulletinService;
import org.certbulletin.service.MailService;
import org.certbulletin.service.SendOptions;
import org.certbulletin.service.Workspace;
import tools.jackson.databind.node.ObjectNode;

/**
 * Measures what operators care about and prints one line per figure, {@code name: value unit}.
 * Figures are measured, never asserted: the numbers go into issue notes.
 */
public final class Benchmark {

  /** Which figures to measure, and how hard. */
  public record Options(
      Workspace workspace, WeekId week, int warmup, int runs, int coldRuns, Set<String> only) {}

  /** Recipients of the mail benchmark. */
  static final int MAIL_RECIPIENTS = 2000;

  /** Recipients of the chaos benchmark, and how many times its sender is killed. */
  static final int CHAOS_RECIPIENTS = 150;

  static final int CHAOS_KILLS = 12;

  /** Weeks in the generated archive: two years. */
  static final int ARCHIVE_WEEKS = 104;

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
    if (wanted("publish")) {
      publish();
    }
    if (wanted("mail")) {
      mail();
    }
    if (wanted("chaos")) {
      chaos();
    }
    if (wanted("import")) {
      new ImportBenchmark(options, this::figure).run(ownJar(), launcherFlags(ownJar()));
    }
  }

  /**
   * The real {@code send} command in a child process, killed with SIGKILL {@link #CHAOS_KILLS}
   * times right after (or a few milliseconds after) the server accepted a message, then run to the
   * end and once more with {@code --resend-uncertain}. Duplicates are counted before the resend
   * (which may repeat an uncertain delivery by design), lost recipients after it.
   */
  private void chaos() throws IOException, InterruptedException {
    Path scratch = Files.createTempDirectory("cert-bulletin-chaos");
    Path dataDir = scratch.resolve("data");
    copyTree(options.workspace().data(), dataDir);
    StringBuilder recipients = new StringBuilder();
    for (int i = 0; i < CHAOS_RECIPIENTS; i++) {
      recipients.append(String.format("reader%05d@example.org%n", i));
    }
    Files.writeString(dataDir.resolve("lists/public.txt"), recipients);
    Random random = new Random(7);
    try (SmtpSink sink = new SmtpSink()) {
      pointAt(sink, dataDir.resolve("config.json"), 200);
      Workspace workspace =
          new Workspace(dataDir, options.workspace().templates(), scratch.resolve("out"));
      int kills = 0;
      while (kills < CHAOS_KILLS && sink.messages() < CHAOS_RECIPIENTS - 10) {
        progress("chaos: run " + (kills + 1) + ", killed after a random message");
        Process send = sendProcess(workspace);
        long target = sink.messages() + 1 + random.nextInt(8);
        while (sink.messages() < target && send.isAlive()) {
          Thread.sleep(1);
        }
        if (random.nextBoolean()) {
          Thread.sleep(random.nextInt(10));
        }
        if (send.isAlive()) {
          send.destroyForcibly().waitFor();
          kills++;
        }
      }
      progress("chaos: resuming without a kill, then with --resend-uncertain");
      sendProcess(workspace).waitFor();
      int duplicates = (int) sink.copies().values().stream().filter(n -> n > 1).count();
      sendProcess(workspace, "--resend-uncertain").waitFor();
      int lost = CHAOS_RECIPIENTS - sink.copies().size();
      figure("chaos_kills", kills, "kills");
      figure("chaos_messages", (double) sink.messages(), "messages");
      figure("chaos_duplicates", duplicates, "recipients");
      figure("chaos_lost", lost, "recipients");
    }
  }

  private Process sendProcess(Workspace workspace, String... more) throws IOException {
    List<String> line =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1",
                "-cp",
                System.getProperty("java.class.path"),
                "org.certbulletin.cli.Main",
                "send",
                options.week().toString(),
                "--list",
                "public",
                "--data",
                workspace.data().toString(),
                "--templates",
                workspace.templates().toString(),
                "--out",
                workspace.out().toString()));
    line.addAll(List.of(more));
    return new ProcessBuilder(line)
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.DISCARD)
        .start();
  }

  private static void pointAt(SmtpSink sink, Path config, int ratePerSecond) throws IOException {
    String text =
        Files.readString(config)
            .replaceFirst(
                "\\{",
                "{\n  \"smtp\": {\"host\": \"127.0.0.1\", \"port\": "
                    + sink.port()
                    + ", \"security\": \"none\", \"from\": \"bulletin@cert.example\","
                    + " \"rate_per_second\": "
                    + ratePerSecond
                    + "},");
    Files.writeString(config, text);
  }

  /**
   * Messages per second to {@link #MAIL_RECIPIENTS} recipients, the PDF attached, through a local
   * SMTP server, with every ledger write durable: {@code mail_msgs_per_s} is the rate at which the
   * server accepted them (first to last message), {@code mail_setup_s} the time before the first
   * (rendering the list's edition, opening the ledger, queuing the list), {@code
   * mail_overall_msgs_per_s} the whole command's; {@code mail_signed_msgs_per_s} and {@code
   * mail_encrypted_msgs_per_s} the accepted rate with every message OpenPGP-signed, and signed and
   * encrypted to each recipient's own key.
   */
  private void mail() throws IOException, InterruptedException {
    for (MailShape shape : MailShape.values()) {
      mail(shape);
    }
  }

  /**
   * What the mail benchmark's messages carry: nothing more, an OpenPGP signature (PGP/MIME), or a
   * signature encrypted to each recipient's own key.
   */
  private enum MailShape {
    PLAIN("mail"),
    SIGNED("mail_signed"),
    ENCRYPTED("mail_encrypted");

    final String prefix;

    MailShape(String prefix) {
      this.prefix = prefix;
    }
  }

  private void mail(MailShape shape) throws IOException, InterruptedException {
    Path scratch = Files.createTempDirectory("cert-bulletin-mail");
    Path dataDir = scratch.resolve("data");
    copyTree(options.workspace().data(), dataDir);
    StringBuilder recipients = new StringBuilder();
    List<String> addresses = new ArrayList<>();
    for (int i = 0; i < MAIL_RECIPIENTS; i++) {
      addresses.add(String.format(Locale.ROOT, "reader%05d@example.org", i));
      recipients.append(addresses.get(i)).append('\n');
    }
    Files.writeString(dataDir.resolve("lists/public.txt"), recipients);
    Map<String, String> environment = System.getenv();
    if (shape != MailShape.PLAIN) {
      progress(
          "mail: making OpenPGP keys"
              + (shape == MailShape.ENCRYPTED ? " (one per recipient)" : ""));
      environment = BenchKeys.signing(dataDir);
      if (shape == MailShape.ENCRYPTED) {
        BenchKeys.encryptTo(dataDir, addresses);
      }
    }
    try (SmtpSink sink = new SmtpSink()) {
      pointAt(sink, dataDir.resolve("config.json"), 10000);
      Workspace workspace =
          new Workspace(dataDir, options.workspace().templates(), scratch.resolve("out"));
      progress(
          "mail: sending "
              + options.week()
              + " to "
              + MAIL_RECIPIENTS
              + " recipients (PDF attached"
              + switch (shape) {
                case PLAIN -> "";
                case SIGNED -> ", OpenPGP-signed";
                case ENCRYPTED -> ", OpenPGP-signed and encrypted";
              }
              + ") through a local SMTP server, with the delivery ledger");
      long start = System.nanoTime();
      DeliveryReport report =
          new MailService(new BulletinService(workspace), MailTransport.SMTP)
              .send(
                  options.week(),
                  "public",
                  new SendOptions(false, false, environment, Clock.systemUTC()));
      double seconds = (System.nanoTime() - start) / 1e9;
      if (report.sent() != MAIL_RECIPIENTS || sink.messages() != MAIL_RECIPIENTS) {
        throw new IllegalStateException(
            "sent " + report.sent() + ", the server got " + sink.messages());
      }
      figure(shape.prefix + "_msgs_per_s", sink.acceptedPerSecond(), "messages/s");
      if (shape == MailShape.PLAIN) {
        figure("mail_setup_s", (sink.firstAcceptedNanos() - start) / 1e9, "s");
        figure("mail_total_s", seconds, "s");
        figure("mail_overall_msgs_per_s", MAIL_RECIPIENTS / seconds, "messages/s");
      }
    }
  }

  private static void copyTree(Path from, Path to) throws IOException {
    try (var walk = Files.walk(from)) {
      for (Path path : walk.toList()) {
        Path target = to.resolve(from.relativize(path).toString());
        if (Files.isDirectory(path)) {
          Files.createDirectories(target);
        } else {
          Files.copy(path, target);
        }
      }
    }
  }

  /** Backfill and no-op publish of {@link #ARCHIVE_WEEKS} generated weeks. */
  private void publish() throws IOException, InterruptedException {
    Path scratch = Files.createTempDirectory("cert-bulletin-archive");
    Path dataDir = scratch.resolve("data");
    new SyntheticData(42).write(dataDir, WeekId.parse("2023-W01"), ARCHIVE_WEEKS, 5);
    Workspace workspace =
        new Workspace(dataDir, options.workspace().templates(), scratch.resolve("out"));
    Path jar = ownJar();
    progress(
        "publish: backfilling "
            + ARCHIVE_WEEKS
            + " weeks into an empty out/, fresh process as target/cert-bulletin starts it");
    double launcher = process(jar, launcherFlags(jar), workspace, "publish");
    figure("backfill_bulletins_per_s", ARCHIVE_WEEKS / (launcher / 1000), "bulletins/s");
    progress("publish: the same with plain java -jar");
    Workspace plain = new Workspace(dataDir, workspace.templates(), scratch.resolve("out-plain"));
    figure(
        "backfill_plain_bulletins_per_s",
        ARCHIVE_WEEKS / (process(jar, List.of(), plain, "publish") / 1000),
        "bulletins/s");
    List<Double> noop = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      progress("publish: no-op publish " + (i + 1) + " of 5 (fresh process)");
      noop.add(process(jar, launcherFlags(jar), workspace, "publish"));
    }
    figure("publish_noop_ms", new Stats(noop).median(), "ms");
    progress("publish: backfill and no-op publish inside this JVM");
    Workspace warm = new Workspace(dataDir, workspace.templates(), scratch.resolve("out-warm"));
    long start = System.nanoTime();
    PublishReport report = new BulletinService(warm).publish(ProgressListener.NONE);
    double seconds = (System.nanoTime() - start) / 1e9;
    if (report.built().size() != ARCHIVE_WEEKS) {
      throw new IllegalStateException(
          "backfill built " + report.built().size() + " weeks: " + report.failed());
    }
    figure("backfill_in_jvm_bulletins_per_s", ARCHIVE_WEEKS / seconds, "bulletins/s");
    List<Double> warmNoop = new ArrayList<>();
    for (int i = 0; i < 7; i++) {
      long begin = System.nanoTime();
      PublishReport again = new BulletinService(warm).publish(ProgressListener.NONE);
      warmNoop.add((System.nanoTime() - begin) / 1e6);
      if (again.changed() || !again.built().isEmpty()) {
        throw new IllegalStateException("a publish with nothing to do changed the archive");
      }
    }
    figure("publish_noop_in_jvm_ms", new Stats(warmNoop).median(), "ms");
  }

  static double process(Path jar, List<String> flags, Workspace workspace, String... command)
      throws IOException, InterruptedException {
    List<String> line = new ArrayList<>();
    line.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    line.addAll(flags);
    line.addAll(List.of("-jar", jar.toString()));
    line.addAll(List.of(command));
    line.addAll(
        List.of(
            "--data",
            workspace.data().toString(),
            "--templates",
            workspace.templates().toString(),
            "--out",
            workspace.out().toString()));
    long start = System.nanoTime();
    Process process =
        new ProcessBuilder(line)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .start();
    if (!process.waitFor(10, TimeUnit.MINUTES) || process.exitValue() != 0) {
      throw new IllegalStateException("failed: " + String.join(" ", line));
    }
    return (System.nanoTime() - start) / 1e6;
  }

  private boolean wanted(String group) {
    return options.only().isEmpty() || options.only().contains(group);
  }

  /**
   * The warm render of the week in each language of the bulletin: {@code render_warm_ms} for the
   * main language, {@code render_warm_zh-CN_ms} and so on for the others.
   */
  private void render() {
    DataDirectory data = new DataDirectory(options.workspace().data());
    BulletinRenderer renderer = new BulletinRenderer(options.workspace().templates());
    Locale main = data.config().mainLanguage();
    for (Locale language : data.config().languages()) {
      String suffix = language.equals(main) ? "" : "_" + language.toLanguageTag();
      render(renderer, data.bulletin(options.week(), language), suffix);
    }
    taggingCost(renderer, data.bulletin(options.week(), main));
    glyphCheckCost(renderer, data.bulletin(options.week(), main));
  }

  /**
   * What checking that every character reached the page as a glyph costs: the main language's warm
   * render without the check ({@code render_warm_unchecked_ms}) and, in the same turns, with it
   * ({@code render_warm_checked_in_turns_ms}), each first in every other turn; {@code
   * glyph_check_cost_pct} is the difference of their medians.
   */
  private void glyphCheckCost(BulletinRenderer checked, Bulletin bulletin) {
    BulletinRenderer unchecked =
        BulletinRenderer.uncheckedForBenchmark(options.workspace().templates());
    byte[] json = WeekWriter.write(bulletin.week());
    Set<Format> both = EnumSet.allOf(Format.class);
    progress("render_unchecked: warming up (" + options.warmup() + " renders)");
    for (int i = 0; i < options.warmup(); i++) {
      unchecked.render(bulletin, json, both);
    }
    List<Double> withCheck = new ArrayList<>();
    List<Double> withoutCheck = new ArrayList<>();
    progress("render_unchecked: measuring (" + options.runs() + " renders of each, in turns)");
    for (int i = 0; i < options.runs(); i++) {
      // each goes first in every other turn: the first render of a turn tends to be the slower
      boolean checkedFirst = i % 2 == 0;
      long start = System.nanoTime();
      (checkedFirst ? checked : unchecked).render(bulletin, json, both);
      long between = System.nanoTime();
      (checkedFirst ? unchecked : checked).render(bulletin, json, both);
      double first = (between - start) / 1e6;
      double second = (System.nanoTime() - between) / 1e6;
      withCheck.add(checkedFirst ? first : second);
      withoutCheck.add(checkedFirst ? second : first);
    }
    double check = new Stats(withCheck).median();
    double noCheck = new Stats(withoutCheck).median();
    figure("render_warm_checked_in_turns_ms", check, "ms");
    figure("render_warm_unchecked_ms", noCheck, "ms");
    figure("glyph_check_cost_pct", 100 * (check - noCheck) / noCheck, "%");
  }

  /**
   * What tagging the PDF (PDF/UA structure tree) costs: the main language's warm render with
   * tagging off ({@code render_warm_untagged_ms}) and, measured in the same turns so that both see
   * the same machine, with tagging on ({@code render_warm_tagged_in_turns_ms}); {@code
   * tagging_cost_pct} is the difference of their medians. Run it on a quiet machine: the wall clock
   * is what a reader waits for, and other processes disturb it.
   */
  private void taggingCost(BulletinRenderer tagged, Bulletin bulletin) {
    BulletinRenderer untagged =
        BulletinRenderer.untaggedForBenchmark(options.workspace().templates());
    byte[] json = WeekWriter.write(bulletin.week());
    Set<Format> both = EnumSet.allOf(Format.class);
    progress("render_untagged: warming up (" + options.warmup() + " renders)");
    for (int i = 0; i < options.warmup(); i++) {
      untagged.render(bulletin, json, both);
    }
    List<Double> withTags = new ArrayList<>();
    List<Double> withoutTags = new ArrayList<>();
    progress("render_untagged: measuring (" + options.runs() + " renders of each, in turns)");
    for (int i = 0; i < options.runs(); i++) {
      long start = System.nanoTime();
      tagged.render(bulletin, json, both);
      long between = System.nanoTime();
      untagged.render(bulletin, json, both);
      withTags.add((between - start) / 1e6);
      withoutTags.add((System.nanoTime() - between) / 1e6);
    }
    double tags = new Stats(withTags).median();
    double noTags = new Stats(withoutTags).median();
    figure("render_warm_tagged_in_turns_ms", tags, "ms");
    figure("render_warm_untagged_ms", noTags, "ms");
    figure("tagging_cost_pct", 100 * (tags - noTags) / noTags, "%");
  }

  private void render(BulletinRenderer renderer, Bulletin bulletin, String suffix) {
    byte[] json = WeekWriter.write(bulletin.week());
    Set<Format> both = EnumSet.allOf(Format.class);
    RenderedBulletin last = null;
    progress("render" + suffix + ": warming up (" + options.warmup() + " renders)");
    for (int i = 0; i < options.warmup(); i++) {
      last = renderer.render(bulletin, json, both);
    }
    System.gc();
    HeapSampler heap = HeapSampler.start();
    List<Double> times = new ArrayList<>();
    progress("render" + suffix + ": measuring (" + options.runs() + " renders)");
    for (int i = 0; i < options.runs(); i++) {
      long start = System.nanoTime();
      last = renderer.render(bulletin, json, both);
      times.add((System.nanoTime() - start) / 1e6);
    }
    Stats stats = new Stats(times);
    figure("render_warm" + suffix + "_ms", stats.median(), "ms");
    figure("render_warm" + suffix + "_p95_ms", stats.percentile(95), "ms");
    figure("pdf" + suffix + "_bytes", last.file(Format.PDF).orElseThrow().length, "bytes");
    figure("html" + suffix + "_bytes", last.file(Format.HTML).orElseThrow().length, "bytes");
    figure("heap_peak" + suffix + "_mb", heap.stop() / (1024.0 * 1024.0), "MB");
  }

  /**
   * A fresh {@code build} process: {@code build_cold_ms} of the data as it is (every language),
   * {@code build_cold_plain_ms} the same with plain {@code java -jar}, and, for a bulletin in
   * several languages, {@code build_cold_en_ms} etc. for a copy written in that language alone.
   */
  private void cold() throws IOException, InterruptedException {
    Path jar = ownJar();
    List<Double> tuned = new ArrayList<>();
    List<Double> plain = new ArrayList<>();
    Path scratch = Files.createTempDirectory("cert-bulletin-bench");
    for (int i = 0; i < options.coldRuns(); i++) {
      progress("cold: build " + (i + 1) + " of " + options.coldRuns());
      tuned.add(coldBuild(jar, launcherFlags(jar), options.workspace().data(), scratch, i));
      plain.add(coldBuild(jar, List.of(), options.workspace().data(), scratch, i));
    }
    figure("build_cold_ms", new Stats(tuned).median(), "ms");
    figure("build_cold_plain_ms", new Stats(plain).median(), "ms");
    List<Locale> languages = new DataDirectory(options.workspace().data()).config().languages();
    if (languages.size() < 2) {
      return;
    }
    for (Locale language : languages) {
      Path data = scratch.resolve("data-" + language.toLanguageTag());
      copyTree(options.workspace().data(), data);
      Path config = data.resolve("config.json");
      ObjectNode tree = (ObjectNode) JsonMapping.mapper().readTree(config.toFile());
      tree.putArray("languages").add(language.toLanguageTag());
      Files.writeString(config, JsonMapping.mapper().writeValueAsString(tree));
      List<Double> alone = new ArrayList<>();
      for (int i = 0; i < options.coldRuns(); i++) {
        progress("cold: build in " + language.toLanguageTag() + " " + (i + 1));
        alone.add(coldBuild(jar, launcherFlags(jar), data, scratch, i));
      }
      figure("build_cold_" + language.toLanguageTag() + "_ms", new Stats(alone).median(), "ms");
    }
  }

  private double coldBuild(Path jar, List<String> flags, Path data, Path scratch, int run)
      throws IOException, InterruptedException {
    Path out = Files.createTempDirectory(scratch, "out-" + run + "-");
    return process(
        jar,
        flags,
        new Workspace(data, options.workspace().templates(), out),
        "build",
        options.week().toString());
  }

  /** The flags {@code target/cert-bulletin} starts one-shot commands with. */
  static List<String> launcherFlags(Path jar) {
    List<String> flags =
        new ArrayList<>(List.of("-Xshare:auto", "-XX:TieredStopAtLevel=1", "-XX:+UseParallelGC"));
    Path archive = jar.resolveSibling("cert-bulletin.jsa");
    if (Files.isRegularFile(archive)) {
      flags.addAll(
          List.of("-XX:SharedArchiveFile=" + archive, "-Xlog:cds=off", "-Xlog:cds+dynamic=off"));
    } else {
      progress("cold: no " + archive + "; run mvn package to make it");
    }
    return flags;
  }

  static Path ownJar() {
    try {
      Path location =
          Path.of(Benchmark.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      if (!location.toString().endsWith(".jar")) {
        throw new IllegalStateException(
            "the cold-build benchmark runs from the jar: java -jar target/cert-bulletin.jar bench");
      }
      return location;
    } catch (java.net.URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  private void figure(String name, double value, String unit) {
    String shown =
        value == Math.rint(value) && Math.abs(value) < 1e15
            ? String.valueOf((long) value)
            : String.format(Locale.ROOT, "%.1f", value);
    out.println(name + ": " + shown + " " + unit);
    out.flush();
  }

  static void progress(String message) {
    System.err.println(message);
  }
}
