package org.certbulletin.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.certbulletin.testing.CliProcess;
import org.certbulletin.testing.SampleWorkspace;
import org.certbulletin.testing.SampleWorkspaceExtension;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * The real command line on a machine whose default locale writes other digits (Arabic, Egypt):
 * paths, week ids, generation names and the CLI's own output stay in ASCII.
 */
@Tag("slow")
@ExtendWith(SampleWorkspaceExtension.class)
// waits on processes of its own: runs beside the other classes
@Execution(ExecutionMode.CONCURRENT)
class ForeignLocaleTest {

  @Test
  void theLocaleChangesDigitsSoTheTestMeansSomething() {
    assertThat(String.format(Locale.forLanguageTag("ar-EG"), "%d", 51))
        .as("control: under ar-EG the default formatting is not ASCII")
        .isNotEqualTo("51");
  }

  @Test
  void buildAndPublishUnderAnArabicDefaultLocaleWriteAsciiPaths(SampleWorkspace sample)
      throws Exception {
    Result build = cli(sample, "build", "2024-W51");
    assertThat(build.exitCode()).as(build.output()).isZero();
    assertThat(build.output()).contains("built 2024-W51", "2024/W51");

    Result publish = cli(sample, "publish");
    assertThat(publish.exitCode()).as(publish.output()).isZero();
    assertThat(publish.output()).contains("8 built");

    assertThat(Files.readSymbolicLink(sample.out().resolve("site")).toString())
        .matches("site\\.d/g[0-9]{6}");
    try (Stream<Path> files = Files.walk(sample.out())) {
      assertThat(files.map(p -> sample.out().relativize(p).toString()))
          .allSatisfy(name -> assertThat(name).matches("[\\x20-\\x7e]*"));
    }
    assertThat(sample.out().resolve("site/2024/W51/bulletin.pdf")).isNotEmptyFile();
  }

  private record Result(int exitCode, String output) {}

  private static Result cli(SampleWorkspace sample, String... args)
      throws IOException, InterruptedException {
    List<String> command =
        CliProcess.javaCommand("-Xmx512m", "-Duser.language=ar", "-Duser.country=EG");
    command.addAll(List.of(args));
    command.addAll(List.of(sample.options()));
    Path log = sample.root().resolve("cli-" + args[0] + ".log");
    Process process =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    if (!process.waitFor(3, TimeUnit.MINUTES)) {
      process.destroyForcibly();
      throw new IllegalStateException("the CLI did not finish: " + String.join(" ", command));
    }
    return new Result(process.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
  }
}
