package org.certbulletin.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/**
 * {@code cert-bulletin --version} prints the version and commit from the pom, as the build recorded
 * them.
 */
class VersionOptionTest {

  @Test
  void printsThePomVersionAndTheCommit() throws IOException {
    Properties build = new Properties();
    try (InputStream in =
        getClass().getResourceAsStream("/META-INF/cert-bulletin/build.properties")) {
      assertThat(in).as("build.properties on the class path").isNotNull();
      build.load(in);
    }
    String version = build.getProperty("version");
    assertThat(version).as("version filled in by Maven").isNotBlank().doesNotContain("${");

    CommandLineRun run = CommandLineRun.of("--version");

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out().strip())
        .isEqualTo("cert-bulletin " + version + " (" + build.getProperty("commit") + ")");
  }
}
