package org.certbulletin.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.certbulletin.testing.SampleWorkspace;
import org.certbulletin.testing.SampleWorkspaceExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A character no embedded font can draw is bad data, named with its place in the file, never a '#'
 * in the PDF.
 */
@ExtendWith(SampleWorkspaceExtension.class)
class UnprintableTextTest {

  private static final String MICROBE = "\uD83E\uDDA0"; // U+1F9A0, an emoji

  @Test
  void buildRefusesAnEmojiWithItsLocationAndWritesNothing(SampleWorkspace sample) {
    withEmojiInFirstTitle(sample);
    CommandLineRun run =
        CommandLineRun.of(CommandLineRun.join(sample.options(), "build", "2024-W51"));
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err())
        .containsPattern(
            "2024-W51\\.json:80:7: /highlights/0/title: character U\\+1F9A0 \\(MICROBE\\) cannot"
                + " be printed: no embedded font has it");
    assertThat(sample.out().resolve("site/2024/W51")).doesNotExist();
  }

  @Test
  void validateReportsTheSameProblem(SampleWorkspace sample) {
    withEmojiInFirstTitle(sample);
    CommandLineRun run =
        CommandLineRun.of(CommandLineRun.join(sample.options(), "validate", "2024-W51"));
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err())
        .contains(
            "/highlights/0/title: character U+1F9A0 (MICROBE) cannot be printed: no embedded font"
                + " has it");
  }

  @Test
  void aPrivateUseCharacterIsReportedToo(SampleWorkspace sample) {
    sample.editWeek(
        "2024-W51", json -> json.replaceFirst("\"sector\": \"", "\"sector\": \"\uE000"));
    CommandLineRun run =
        CommandLineRun.of(CommandLineRun.join(sample.options(), "validate", "2024-W51"));
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err())
        .contains(
            "/highlights/0/sector: character U+E000 (PRIVATE USE AREA E000) cannot be printed");
  }

  @Test
  void theIssuerNameInTheConfigurationIsCheckedToo(SampleWorkspace sample) throws Exception {
    Path config = sample.data().resolve("config.json");
    String before = Files.readString(config);
    Files.writeString(
        config,
        before.replace(
            "\"name\": \"Sample National CERT\"",
            "\"name\": \"Sample National CERT " + MICROBE + "\""));
    CommandLineRun run =
        CommandLineRun.of(CommandLineRun.join(sample.options(), "validate", "2024-W51"));
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("/issuer/name: character U+1F9A0 (MICROBE) cannot be printed");
  }

  private static void withEmojiInFirstTitle(SampleWorkspace sample) {
    sample.editWeek(
        "2024-W51",
        json ->
            json.replaceFirst("\"title\": \"Document", "\"title\": \"" + MICROBE + " Document"));
  }
}
