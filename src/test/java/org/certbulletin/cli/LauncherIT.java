package org.certbulletin.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import org.certbulletin.testing.SampleWorkspace;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher {@code mvn package} wrote, {@code target/cert-bulletin}, with its jar and
 * class-data-sharing archive, run after packaging (the {@code packaged} execution in the pom) as
 * README's set-up offers: through a symbolic link in a folder on the {@code PATH}, from the folder
 * of the data; and the jar it wrote holds the product alone, no benchmark (they are a project of
 * their own, {@code benchmarks/}) and no test fixture.
 */
@Tag("slow")
class LauncherIT {

  @TempDir Path root;

  @Test
  void thePackagedLauncherRunsThroughALinkOnThePathWithItsClassDataSharingArchive()
      throws Exception {
    Path launcher = Path.of("target/cert-bulletin").toAbsolutePath();
    assertThat(launcher).as("written by mvn package").isExecutable();
    assertThat(launcher.resolveSibling("cert-bulletin.jsa"))
        .as("recorded by mvn package (see target/cds-training.log)")
        .isRegularFile();
    Path bin = Files.createDirectories(root.resolve("bin"));
    Files.createSymbolicLink(bin.resolve("cert-bulletin"), launcher);
    SampleWorkspace sample = SampleWorkspace.copyTo(root.resolve("my work"));
    Path classes = root.resolve("classes.log");

    Launcher.Outcome validate =
        Launcher.run(
            sample.root(),
            List.of(bin),
            Map.of("JAVA_OPTS", "-Xmx256m -Xlog:class+load=info:file=" + classes),
            "cert-bulletin",
            "validate");

    assertThat(validate.exitCode()).as(validate.toString()).isZero();
    assertThat(validate.out()).contains("ok: config.json and 8 week files are valid");
    assertThat(Files.readAllLines(classes))
        .as("the archive found through the link serves the program's own classes")
        .anySatisfy(
            l -> assertThat(l).contains("org.certbulletin.cli.Main source: shared objects file"));
  }

  @Test
  void theProductHoldsNoBenchmarkAndItsHelpOffersNone() throws Exception {
    try (JarFile jar = new JarFile("target/cert-bulletin.jar")) {
      List<String> entries = jar.stream().map(JarEntry::getName).toList();
      assertThat(entries).contains("org/certbulletin/cli/Main.class");
      assertThat(entries)
          .as("the benchmarks live in benchmarks/, their fixtures in the tests")
          .noneMatch(
              name ->
                  name.startsWith("org/certbulletin/bench/")
                      || name.startsWith("org/certbulletin/testing/")
                      || name.startsWith("bench/"));
    }

    Launcher.Outcome help =
        Launcher.run(
            root,
            List.of(),
            Map.of(),
            Path.of("target/cert-bulletin").toAbsolutePath().toString(),
            "--help");

    assertThat(help.exitCode()).as(help.toString()).isZero();
    assertThat(help.out())
        .containsPattern("(?m)^  validate ")
        .doesNotContainPattern("(?m)^ *bench\\b");
  }
}
