package org.certbulletin.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.encoder.LayoutWrappingEncoder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.certbulletin.model.PrintableMessage;
import org.certbulletin.testing.ImportFixtures;
import org.certbulletin.testing.SampleWorkspace;
import org.certbulletin.testing.SampleWorkspaceExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;

/**
 * What the command line prints quotes the data, and the data may hold characters that a terminal
 * hides or that reorder the line they are on: each is shown by its code ({@code U+202E}), in a
 * problem, an import report and a log line alike.
 */
@ExtendWith(SampleWorkspaceExtension.class)
class SafeMessagesTest {

  private static final String RLO = "\u202e"; // RIGHT-TO-LEFT OVERRIDE
  private static final String ESC = "\u001b"; // starts a terminal's escape sequences

  SampleWorkspace sample;

  @BeforeEach
  void copySample(SampleWorkspace sample) {
    this.sample = sample;
  }

  @Test
  void aRightToLeftOverrideInANarrativeIsNamedNotPrinted() {
    sample.editWeek(
        "2024-W51",
        json ->
            json.replaceFirst("\"narrative\": \"Attackers", "\"narrative\": \"" + RLO + "fdp.exe"));

    CommandLineRun run = run("validate", "2024-W51");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err())
        .contains("/highlights/0/narrative: 'U+202Efdp.exe exploited")
        .contains("nor invisible direction and spacing marks");
    assertPrintable(run.err());
  }

  @Test
  void aControlCharacterInASpreadsheetCellIsNamed() throws IOException {
    Path sheet = sample.root().resolve("figures.csv");
    Files.writeString(
        sheet,
        "tally,part,value\nincidents,,1" + ESC + "[2J46\nincidents,phish" + RLO + "ing,38\n",
        StandardCharsets.UTF_8);

    CommandLineRun run = run("import", "tallies", sheet.toString(), "--week", "2024-W51");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("'1U+001B[2J46'", "phishU+202Eing");
    assertPrintable(run.err());
  }

  @Test
  void aControlCharacterInAConfigurationValueIsNamed() {
    sample.editConfig(
        json ->
            json.replace(
                "\"name\": \"Sample National CERT\"",
                "\"name\": \"Sample \\u001b[8m National " + RLO + "TREC\""));

    CommandLineRun run = run("validate");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err())
        .contains("/issuer/name: 'Sample U+001B[8m National U+202ETREC' must be a single line");
    assertPrintable(run.err());
  }

  /** An import report is no problem of a file: the terminal writer shows the code all the same. */
  @Test
  void aFileNameInAnImportReportIsShownByItsCodes() {
    Path document = sample.root().resolve("bsi" + RLO + "nosj.json");
    ImportFixtures.write(
        document,
        ImportFixtures.revised(
            ImportFixtures.csaf("bsi-2022-0001"), "BIDI-1", "1", "2024-12-18T10:00:00Z", "A flaw"));

    CommandLineRun run = run("import", "csaf", document.toString(), "--week", "2024-W51");

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).contains("added BIDI-1 (").contains("bsiU+202Enosj.json, revision 1)");
    assertPrintable(run.out());
  }

  @Test
  void aLogLineThatQuotesTheDataShowsTheCodes() {
    LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    OutputStreamAppender<?> appender =
        (OutputStreamAppender<?>) context.getLogger(Logger.ROOT_LOGGER_NAME).getAppender("STDERR");
    var layout = ((LayoutWrappingEncoder<?>) appender.getEncoder()).getLayout();
    LoggingEvent event =
        new LoggingEvent(
            Logger.class.getName(),
            context.getLogger("org.certbulletin.test"),
            Level.WARN,
            "cannot read {}",
            new IllegalStateException("bad " + RLO + "name\nsecond line"),
            new Object[] {"weeks/" + RLO + "nosj.json\nforged line"});

    @SuppressWarnings("unchecked")
    String line =
        ((ch.qos.logback.core.Layout<ch.qos.logback.classic.spi.ILoggingEvent>) layout)
            .doLayout(event);

    assertThat(line)
        .contains("cannot read weeks/U+202Enosj.jsonU+000Aforged line")
        .contains("java.lang.IllegalStateException: bad U+202Ename")
        .contains("\n\tat ")
        .doesNotContain(RLO);
  }

  /** Nothing in {@code text} but line breaks is shown other than as itself. */
  private static void assertPrintable(String text) {
    assertThat(text).doesNotContain(RLO, ESC);
    assertThat(PrintableMessage.lines(text)).isEqualTo(text);
  }

  private CommandLineRun run(String... args) {
    return CommandLineRun.of(CommandLineRun.join(sample.options(), args));
  }
}
