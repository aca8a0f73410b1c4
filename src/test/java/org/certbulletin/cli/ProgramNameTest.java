package org.certbulletin.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.certbulletin.testing.SampleWorkspace;
import org.certbulletin.testing.SampleWorkspaceExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Every command the program suggests, and every command README and the guides in {@code docs/}
 * show, names the program as README's set-up command does, so a suggestion can be typed as printed:
 * usage lines, error hints, {@code new}'s next step, {@code status}'s notes and alarm.
 */
@ExtendWith(SampleWorkspaceExtension.class)
class ProgramNameTest {

  /** A suggested command: the program's name, then one of its commands. */
  private static final Pattern SUGGESTION =
      Pattern.compile(
          "([\\w./-]*cert-bulletin(?:\\.jar)?)\\s+"
              + "(validate|build|publish|send|run|status|new|import)\\b");

  /** README's set-up command, which builds the program and runs it for the first time. */
  private static final Pattern SET_UP =
      Pattern.compile("(?m)^ {4}mvn [^\\n]*&& (\\S+) build 2024-W51$");

  /** The guides, which carry the commands README carried before it became the front door. */
  private static final List<Path> GUIDES =
      List.of(
          Path.of("docs/analyst-guide.md"),
          Path.of("docs/operator-guide.md"),
          Path.of("docs/reader-guide.md"),
          Path.of("docs/maintainer-guide.md"));

  SampleWorkspace sample;

  @BeforeEach
  void copySample(SampleWorkspace sample) {
    this.sample = sample;
  }

  @Test
  void readmeAndTheGuidesNameTheProgramOneWayThroughout() throws Exception {
    String name = readmeName();
    assertThat(name).isEqualTo("target/cert-bulletin");
    List<Path> pages = new ArrayList<>(List.of(Path.of("README.md")));
    pages.addAll(GUIDES);
    for (Path page : pages) {
      List<String> others =
          suggestions(Files.readString(page)).stream()
              // an absolute path to the launcher, as a systemd unit gives it, is the same name
              .filter(s -> !s.program().equals(name) && !s.program().endsWith("/" + name))
              .map(Suggestion::toString)
              .toList();
      assertThat(others).as("commands in %s named otherwise than %s", page, name).isEmpty();
    }
    assertThat(suggestions(Files.readString(Path.of("docs/analyst-guide.md"))))
        .as("commands in the analyst's guide")
        .isNotEmpty();
  }

  @Test
  void everyCommandTheProgramSuggestsNamesItAsReadmeDoes() throws Exception {
    String name = readmeName();
    assertThat(run(0, "--help").out()).startsWith("Usage: " + name + " ");
    assertThat(run(0, "run", "--help").out()).startsWith("Usage: " + name + " run ");
    List<String> outputs = new ArrayList<>();
    outputs.add(run(2, "build", "not-a-week").err());
    outputs.add(run(0, "status").out()); // the sample long after its weeks
    outputs.add(run(0, "new").out()); // 2024-W52, the CERT's own week
    outputs.add(run(2, "new", "2024-W52").err()); // exists already
    outputs.add(run(1, "status").err()); // 2024-W52 is no sample: the late week's alarm
    outputs.add(run(2, "import", "cve", "missing.json", "--week", "2030-W01").err());
    sample.editWeek(
        "2024-W52", json -> json.replace("\"rating\": \"good\"", "\"rating\": \"fine\""));
    outputs.add(run(2, "validate", "2024-W52").err());
    outputs.add(run(2, "build", "2024-W52").err());

    for (String output : outputs) {
      List<Suggestion> suggested = suggestions(output);
      assertThat(suggested).as("a command suggested in:%n%s", output).isNotEmpty();
      assertThat(suggested)
          .as("suggested in:%n%s", output)
          .allSatisfy(s -> assertThat(s.program()).isEqualTo(name));
    }
  }

  @Test
  void theCheckFindsAProgramNamedOtherwise() {
    assertThat(
            suggestions(
                "fill in the figures, then run: cert-bulletin validate 2024-W52 (or java -jar"
                    + " target/cert-bulletin.jar status)"))
        .extracting(Suggestion::program)
        .containsExactly("cert-bulletin", "target/cert-bulletin.jar");
  }

  private CommandLineRun run(int exitCode, String... args) {
    CommandLineRun run = CommandLineRun.of(CommandLineRun.join(sample.options(), args));
    assertThat(run.exitCode())
        .as("%s%n%s%s", List.of(args), run.out(), run.err())
        .isEqualTo(exitCode);
    return run;
  }

  private static String readmeName() throws Exception {
    Matcher setUp = SET_UP.matcher(Files.readString(Path.of("README.md")));
    assertThat(setUp.find()).as("README's set-up command").isTrue();
    return setUp.group(1);
  }

  private record Suggestion(String program, String command) {
    @Override
    public String toString() {
      return program + " " + command;
    }
  }

  private static List<Suggestion> suggestions(String text) {
    List<Suggestion> found = new ArrayList<>();
    Matcher m = SUGGESTION.matcher(text);
    while (m.find()) {
      found.add(new Suggestion(m.group(1), m.group(2)));
    }
    return found;
  }
}
