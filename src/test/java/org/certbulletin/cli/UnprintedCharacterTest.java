package org.certbulletin.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.certbulletin.testing.SampleWorkspace;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What {@code validate} cannot see, the PDF renderer does: a character that reaches a page and that
 * no font of its font stack has fails the build with exit 2, naming the character, the edition and
 * the place it comes from, and nothing of the week is written.
 */
class UnprintedCharacterTest {

  /** U+10000 LINEAR B SYLLABLE B008 A: no shipped font has it. */
  private static final String LINEAR_B = "\uD800\uDC00";

  @TempDir Path root;

  @Test
  void aCharacterOfTheMessagesNoFontHasFailsTheBuildNamingItAndTheEdition() throws IOException {
    SampleWorkspace sample = SampleWorkspace.copyAsShipped(root);
    inChineseBanner(sample, LINEAR_B);
    assertThat(run(sample, "validate", "2024-W51").exitCode())
        .as("validate reads no messages")
        .isZero();

    CommandLineRun build = run(sample, "build", "2024-W51");

    assertThat(build.exitCode()).isEqualTo(2);
    assertThat(build.err())
        .contains(
            "character U+10000 (LINEAR B SYLLABLE B008 A) cannot be printed in the zh-CN edition:"
                + " no font of its font stack has it, so its PDF would show '#' (near '")
        .contains("仅供演示" + LINEAR_B)
        .contains("it comes from the templates or messages: change that text")
        .doesNotContain("Exception");
    assertThat(sample.out().resolve("site/2024/W51")).doesNotExist();
  }

  @Test
  void aFailedRebuildLeavesThePreviousEditionAsItWas() throws IOException {
    SampleWorkspace sample = SampleWorkspace.copyAsShipped(root);
    assertThat(run(sample, "build", "2024-W51").exitCode()).isZero();
    Path week = sample.out().resolve("site/2024/W51");
    Map<String, String> before = SampleWorkspace.snapshot(week);
    assertThat(before).containsKeys("bulletin.pdf", "bulletin.zh-CN.pdf");

    inChineseBanner(sample, LINEAR_B);
    CommandLineRun build = run(sample, "build", "2024-W51");

    assertThat(build.exitCode()).isEqualTo(2);
    assertThat(SampleWorkspace.snapshot(week)).isEqualTo(before);
  }

  /**
   * A style sheet of the CERT's own that names only Liberation for the highlights' text: the Thai
   * word of a narrative passes {@code validate} (a shipped font has it) but that font stack has no
   * Thai, so the build fails at the narrative's place in the week file.
   */
  @Test
  void aStyleSheetWhoseFontsLackAScriptFailsTheBuildAtTheTextInTheData() throws IOException {
    SampleWorkspace sample = SampleWorkspace.copyTo(root);
    sample.editWeek(
        "2024-W51",
        json ->
            json.replaceFirst(
                "\"narrative\": \"Attackers", "\"narrative\": \"ใบแจ้งหนี้ Attackers"));
    Path css = sample.templates().resolve("bulletin/bulletin.css");
    String rule = ".highlight p { font-family: 'Liberation Sans'; }";
    Files.writeString(css, Files.readString(css) + System.lineSeparator() + rule);
    assertThat(run(sample, "validate", "2024-W51").exitCode()).isZero();

    CommandLineRun build = run(sample, "build", "2024-W51");

    assertThat(build.exitCode()).isEqualTo(2);
    assertThat(build.err())
        .containsPattern(
            "2024-W51\\.json:\\d+:\\d+: /highlights/0/narrative: characters U\\+0E43 \\(THAI"
                + " CHARACTER SARA AI MAIMUAN\\), U\\+0E1A \\(THAI CHARACTER BO BAIMAI\\),"
                + " .*U\\+0E35 \\(THAI CHARACTER SARA II\\) cannot be printed in the en edition: no"
                + " font of its font stack has them, so its PDF would show '#' \\(near"
                + " '.*ใบแจ้งหนี้ Attackers.*'\\); write it another way, or name a font that has it"
                + " in the font-family of the templates' style sheet");
    assertThat(build.err().lines().filter(l -> l.contains("/highlights/0/narrative")))
        .as("one problem for the text, naming each of its characters")
        .hasSize(1);
    assertThat(sample.out().resolve("site/2024/W51")).doesNotExist();
  }

  private static void inChineseBanner(SampleWorkspace sample, String text) throws IOException {
    Path bundle = sample.templates().resolve("messages/messages_zh_CN.properties");
    String messages = Files.readString(bundle);
    String edited = messages.replace("仅供演示", "仅供演示" + text);
    assertThat(edited).isNotEqualTo(messages);
    Files.writeString(bundle, edited);
  }

  private static CommandLineRun run(SampleWorkspace sample, String... command) {
    return CommandLineRun.of(CommandLineRun.join(sample.options(), command));
  }
}
