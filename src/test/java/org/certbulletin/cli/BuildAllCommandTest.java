package org.certbulletin.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.certbulletin.testing.SampleWorkspace;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code build --all} and {@code publish} as a user runs them. */
class BuildAllCommandTest {

  @TempDir Path root;

  @Test
  void buildAllBuildsTheGoodWeeksAndReportsTheBadOne() {
    SampleWorkspace sample = SampleWorkspace.copyTo(root);
    sample.editWeek("2024-W46", json -> json.replace("\"sample\": true", "\"sample\": \"yes\""));

    CommandLineRun run = CommandLineRun.of(CommandLineRun.join(sample.options(), "build", "--all"));

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.out()).contains("built 7 weeks", "1 failed");
    assertThat(run.err())
        .contains(
            "failed 2024-W46:",
            "/sample: expected a boolean, found a string",
            "1 week failed",
            "build: 8 weeks to render",
            "build: 8/8 weeks (100%), 1 failed");
    assertThat(sample.out().resolve("site/2024/W51/bulletin.pdf")).exists();
    assertThat(sample.out().resolve("site/2024/W46")).doesNotExist();
  }

  @Test
  void publishReportsWhatItDid() {
    SampleWorkspace sample = SampleWorkspace.copyTo(root);
    CommandLineRun first = CommandLineRun.of(CommandLineRun.join(sample.options(), "publish"));
    assertThat(first.exitCode()).as(first.err()).isZero();
    assertThat(first.out()).contains("8 built, 0 unchanged, 0 failed");

    CommandLineRun second = CommandLineRun.of(CommandLineRun.join(sample.options(), "publish"));
    assertThat(second.out()).contains("0 built, 8 unchanged, 0 failed (nothing changed)");
  }
}
