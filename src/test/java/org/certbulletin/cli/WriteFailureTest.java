package org.certbulletin.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.certbulletin.testing.SampleWorkspace;
import org.certbulletin.testing.SampleWorkspaceExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A write refused by the operating system is reported as such by build, publish and send's outbox,
 * exit 1, one line, no stack trace. Tests run as root, which ignores permission bits, so the out
 * folder is made immutable ({@code chattr +i}: every write in it fails with EPERM, for root too);
 * where chattr is not available the tests are skipped.
 */
@ExtendWith(SampleWorkspaceExtension.class)
class WriteFailureTest {

  SampleWorkspace sample;
  Path out;

  @BeforeEach
  void lockOut(SampleWorkspace sample) throws Exception {
    this.sample = sample;
    out = sample.out();
    Files.createDirectories(out);
    assumeTrue(chattr("+i", out), "chattr +i is not available here");
  }

  @AfterEach
  void unlockOut() throws Exception {
    chattr("-i", out);
  }

  @Test
  void buildSaysPermissionDenied() {
    assertPermissionDenied(CommandLineRun.of(CommandLineRun.join(sample.options(), "build")));
  }

  @Test
  void publishSaysPermissionDenied() {
    assertPermissionDenied(CommandLineRun.of(CommandLineRun.join(sample.options(), "publish")));
  }

  @Test
  void theOutboxSaysPermissionDenied() {
    assertPermissionDenied(
        CommandLineRun.of(
            CommandLineRun.join(
                sample.options(), "send", "2024-W51", "--list", "government", "--dry-run")));
  }

  private static void assertPermissionDenied(CommandLineRun run) {
    assertThat(run.exitCode()).as(run.err()).isEqualTo(1);
    assertThat(run.err())
        .contains("permission denied (check the folder's owner and mode")
        .doesNotContain("\tat ", "unexpected failure");
    assertThat(run.err().lines().count()).as(run.err()).isOne();
  }

  private static boolean chattr(String flag, Path path) throws IOException, InterruptedException {
    try {
      Process process =
          new ProcessBuilder("chattr", flag, path.toString()).redirectErrorStream(true).start();
      process.getInputStream().readAllBytes();
      return process.waitFor(30, TimeUnit.SECONDS) && process.exitValue() == 0;
    } catch (IOException e) {
      return false;
    }
  }
}
