package org.certbulletin.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.certbulletin.testing.SampleWorkspace;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher {@code mvn package} wrote, {@code target/cert-bulletin}, with its jar and
 * class-data-sharing archive, run after packaging (the {@code packaged} execution in the pom) as
 * README's set-up offers: through a symbolic link in a folder on the {@code PATH}, from the folder
 * of the data.
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
}
