package org.certbulletin.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.certbulletin.testing.SampleWorkspace;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged launcher answers the short commands without the work they do not need, and its
 * class-data-sharing archives serve every command: each run here is a real process whose JVM logs
 * the classes it loads and where from. Rendering, the scheduler, the database, mail and OpenPGP are
 * loaded only by the commands that use them (the control: {@code build} loads PDFBox).
 */
@Tag("slow")
class StartupIT {

  /** What no command that only answers, reads or checks loads. */
  private static final List<String> HEAVY =
      List.of(
          "org.apache.pdfbox.pdmodel.",
          "org.apache.fontbox.ttf.TTFParser ",
          "com.openhtmltopdf.pdfboxout.PdfBoxRenderer ",
          "freemarker.",
          "org.quartz.core.", // the scheduler (validate reads a schedule with its cron parser)
          "org.quartz.impl.",
          "org.h2.",
          "com.zaxxer.hikari.",
          "org.flywaydb.",
          "jakarta.mail.",
          "org.pgpainless.",
          "org.bouncycastle.");

  /**
   * What {@code --version} and {@code --help} load beyond that: logging and the data's readers
   * (picocli reading the commands' methods loads some of the types they name, not the readers).
   */
  private static final List<String> READING =
      List.of(
          "ch.qos.logback.",
          "org.slf4j.LoggerFactory ",
          "tools.jackson.databind.ObjectMapper ",
          "com.networknt.");

  @TempDir Path root;

  @Test
  void theVersionLoadsNoLibraryNotEvenTheCommandLineParser() throws Exception {
    Run run = run(SampleWorkspace.copyTo(root.resolve("work")), "--version");

    assertThat(run.outcome.out()).matches("cert-bulletin \\S+ \\(\\S+\\)\n");
    run.assertLoadedFromTheArchive("org.certbulletin.cli.Main");
    run.assertNotLoaded(HEAVY);
    run.assertNotLoaded(READING);
    // (the interfaces of picocli that its classes implement are loaded with them, not the parser)
    run.assertNotLoaded(List.of("picocli.CommandLine ", "picocli.CommandLine$Model"));
  }

  @Test
  void theHelpLoadsTheCommandLineParserOnly() throws Exception {
    Run run = run(SampleWorkspace.copyTo(root.resolve("work")), "--help");

    assertThat(run.outcome.out()).contains("Commands:", "validate", "build");
    run.assertLoadedFromTheArchive("picocli.CommandLine$Help$TextTable");
    run.assertNotLoaded(HEAVY);
    run.assertNotLoaded(READING);
  }

  @Test
  void validateReadsAndChecksWithoutRenderingOrParsingFonts() throws Exception {
    // both languages: the Chinese texts are checked against the CJK font's characters
    Run run = run(SampleWorkspace.copyAsShipped(root.resolve("work")), "validate");

    assertThat(run.outcome.out()).contains("ok: config.json and 8 week files are valid");
    run.assertLoadedFromTheArchive("picocli.CommandLine");
    run.assertLoadedFromTheArchive("tools.jackson.databind.ObjectMapper");
    run.assertLoadedFromTheArchive("com.networknt.schema.SchemaRegistry");
    run.assertLoadedFromTheArchive("org.certbulletin.render.FontCoverage");
    run.assertNotLoaded(HEAVY);
  }

  @Test
  void buildLoadsRenderingFromTheArchive() throws Exception {
    Run run = run(SampleWorkspace.copyTo(root.resolve("work")), "build", "2024-W51");

    assertThat(run.outcome.out()).contains("built 2024-W51");
    run.assertLoadedFromTheArchive("org.apache.pdfbox.pdmodel.PDDocument");
    run.assertLoadedFromTheArchive("freemarker.template.Template");
    run.assertLoadedFromTheArchive("picocli.CommandLine");
  }

  /** A flight recording hooks class loading, which the archive must bear (JDK 17 crashed). */
  @Test
  void aCommandRunsUnderAFlightRecording() throws Exception {
    SampleWorkspace sample = SampleWorkspace.copyTo(root.resolve("work"));
    Path recording = root.resolve("validate.jfr");

    Launcher.Outcome outcome =
        Launcher.run(
            sample.root(),
            List.of(),
            Map.of("JAVA_OPTS", "-Xmx256m -XX:StartFlightRecording=filename=" + recording),
            launcher().toString(),
            "validate");

    assertThat(outcome.exitCode()).as(outcome.toString()).isZero();
    assertThat(outcome.out()).contains("ok: config.json and 8 week files are valid");
    assertThat(recording).isNotEmptyFile();
  }

  private Run run(SampleWorkspace sample, String... args) throws Exception {
    Path classes = root.resolve("classes.log");
    Launcher.Outcome outcome =
        Launcher.run(
            sample.root(),
            List.of(),
            Map.of("JAVA_OPTS", "-Xmx256m -Xlog:class+load=info:file=" + classes),
            launcher().toString(),
            args);
    assertThat(outcome.exitCode()).as(outcome.toString()).isZero();
    return new Run(outcome, Files.readAllLines(classes));
  }

  private static Path launcher() {
    Path launcher = Path.of("target/cert-bulletin").toAbsolutePath();
    assertThat(launcher).as("written by mvn package").isExecutable();
    return launcher;
  }

  /** A run of the launcher and the JVM's log of the classes it loaded. */
  private record Run(Launcher.Outcome outcome, List<String> classes) {

    void assertLoadedFromTheArchive(String className) {
      assertThat(classes)
          .as("%s loads %s from a class-data-sharing archive", outcome, className)
          .anySatisfy(
              line -> assertThat(line).contains(" " + className + " source: shared objects file"));
    }

    void assertNotLoaded(List<String> prefixes) {
      for (String prefix : prefixes) {
        assertThat(classes)
            .as("classes loaded, none of them %s", prefix)
            .noneSatisfy(line -> assertThat(line).contains("[class,load] " + prefix));
      }
    }
  }
}
