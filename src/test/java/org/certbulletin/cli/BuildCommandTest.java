package org.certbulletin.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.certbulletin.testing.SampleWorkspace;
import org.certbulletin.testing.SampleWorkspaceExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The {@code build} command as a user runs it: files written, exit codes, and nothing half-written.
 */
@ExtendWith(SampleWorkspaceExtension.class)
class BuildCommandTest {

  SampleWorkspace sample;

  @BeforeEach
  void copySample(SampleWorkspace sample) {
    this.sample = sample;
  }

  @Test
  void buildsTheThreeFilesOfAWeek() {
    CommandLineRun run = build("2024-W51");
    assertThat(run.exitCode()).as(run.err()).isZero();
    Path folder = sample.out().resolve("site/2024/W51");
    assertThat(folder.resolve("bulletin.html")).isNotEmptyFile();
    assertThat(folder.resolve("bulletin.pdf")).isNotEmptyFile();
    assertThat(folder.resolve("bulletin.json")).isNotEmptyFile();
    assertThat(run.out()).contains("built 2024-W51 (TLP:CLEAR)", "wrote     bulletin.pdf");
    try (var files = Files.list(folder)) {
      assertThat(files.map(f -> f.getFileName().toString()))
          .as("no temporary files left")
          .containsExactlyInAnyOrder("bulletin.html", "bulletin.pdf", "bulletin.json");
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Test
  void buildsTheNewestWeekByDefault() {
    CommandLineRun run = build();
    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).contains("built 2024-W51");
  }

  @Test
  void rebuildingAnUnchangedWeekChangesNothingOnDisk() {
    assertThat(build("2024-W51").exitCode()).isZero();
    Map<String, String> before = edition(sample.out());
    CommandLineRun again = build("2024-W51");
    assertThat(again.exitCode()).isZero();
    assertThat(again.out()).contains("unchanged bulletin.pdf").doesNotContain("wrote");
    assertThat(edition(sample.out())).isEqualTo(before);
  }

  @Test
  void rendersOnlyTheFormatsAsked() {
    assertThat(build("2024-W51", "--format", "html").exitCode()).isZero();
    Path folder = sample.out().resolve("site/2024/W51");
    assertThat(folder.resolve("bulletin.html")).exists();
    assertThat(folder.resolve("bulletin.pdf")).doesNotExist();
  }

  @Test
  void rejectsAWeekThatIsAPath() {
    CommandLineRun run = build("../../etc");
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("not an ISO week: '../../etc'", "expected YYYY-Www");
    assertThat(sample.out()).doesNotExist();
  }

  @Test
  void aWeekAndAllTogetherAreAUsageError() {
    CommandLineRun run = build("2024-W51", "--all");
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err())
        .startsWith("error: WEEK, --all are mutually exclusive")
        .contains("cert-bulletin build --help");
    assertThat(sample.out()).doesNotExist();
  }

  @Test
  void anUnknownFormatIsNamedWithItsOption() {
    CommandLineRun run = build("--format", "html,docx");
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err())
        .contains("option '--format'", "unknown format 'docx' (use html, pdf or html,pdf)");
  }

  @Test
  void rejectsAWeekWithoutData() {
    CommandLineRun run = build("2024-W30");
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("2024-W30.json:1:1: /: file not found");
    assertThat(edition(sample.out())).as("nothing but the audit log's entry").isEmpty();
  }

  @Test
  void rejectsAnUnknownFormat() {
    CommandLineRun run = build("2024-W51", "--format", "docx");
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("unknown format 'docx'");
  }

  @Test
  void invalidDataFailsWithItsLocationAndLeavesThePreviousBuild() {
    assertThat(build("2024-W51").exitCode()).isZero();
    Map<String, String> before = edition(sample.out());
    sample.editWeek("2024-W51", json -> json.replace("\"value\": 146", "\"value\": \"146\""));

    CommandLineRun run = build("2024-W51");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err())
        .containsPattern(
            "2024-W51\\.json:\\d+:\\d+: /tallies/incidents/value: expected an integer, found a"
                + " string");
    assertThat(edition(sample.out())).isEqualTo(before);
  }

  @Test
  void aTemplateErrorFailsWithExitCodeOneAndLeavesThePreviousBuild() throws Exception {
    assertThat(build("2024-W51").exitCode()).isZero();
    Map<String, String> before = edition(sample.out());
    Path template = sample.templates().resolve("bulletin/bulletin.ftlh");
    Files.writeString(
        template, Files.readString(template).replace("${b.title}</h1>", "${b.noSuchField.x}</h1>"));

    CommandLineRun run = build("2024-W51");

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err()).contains("template bulletin/bulletin.ftlh failed", "noSuchField");
    assertThat(edition(sample.out())).isEqualTo(before);
  }

  @Test
  void aMissingTemplatesFolderSaysWhatToDo() {
    CommandLineRun run =
        CommandLineRun.of(
            "build",
            "2024-W51",
            "--data",
            sample.data().toString(),
            "--templates",
            sample.root().resolve("nowhere").toString(),
            "--out",
            sample.out().toString());
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("templates folder not found", "--templates");
  }

  private CommandLineRun build(String... args) {
    String[] command = new String[args.length + 1];
    command[0] = "build";
    System.arraycopy(args, 0, command, 1, args.length);
    return CommandLineRun.of(CommandLineRun.join(sample.options(), command));
  }

  @Test
  void aLogoThatLinksOutOfTheTemplatesFolderIsBadInput() throws Exception {
    java.nio.file.Path outside = sample.root().resolve("secret.svg");
    java.nio.file.Files.writeString(outside, "<svg xmlns=\"http://www.w3.org/2000/svg\"/>");
    java.nio.file.Path logo = sample.templates().resolve("assets/logo.svg");
    java.nio.file.Files.delete(logo);
    java.nio.file.Files.createSymbolicLink(logo, outside);

    CommandLineRun run = build("2024-W51");

    assertThat(run.exitCode()).as(run.err()).isEqualTo(2);
    assertThat(run.err()).contains("logo.svg", "not a file inside the templates folder");
  }

  /**
   * What a build writes under {@code out}: everything but the state database, where each build
   * leaves its audit entry.
   */
  private static Map<String, String> edition(Path out) {
    if (!Files.exists(out)) {
      return Map.of();
    }
    Map<String, String> files = new TreeMap<>(SampleWorkspace.snapshot(out));
    files.keySet().removeIf(name -> name.startsWith("state/"));
    return files;
  }
}
