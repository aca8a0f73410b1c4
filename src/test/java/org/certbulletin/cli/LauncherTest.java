package org.certbulletin.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.certbulletin.testing.SampleWorkspace;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher script as {@code mvn package} installs it ({@code src/main/sh/cert-bulletin} beside
 * a jar), run by {@code sh} the ways README offers: by its path from another folder, through a
 * symbolic link in a folder on the {@code PATH}, from folders whose names hold spaces. {@code
 * LauncherIT} runs the packaged {@code target/cert-bulletin} the same way.
 */
@Tag("slow")
class LauncherTest {

  @TempDir Path root;

  Path launcher;
  SampleWorkspace sample;

  @BeforeEach
  void install() throws Exception {
    launcher = Launcher.installWithTestClasses(root.resolve("cert bulletin/target"));
    // a class-data-sharing archive beside the jar, as packaging leaves one: the launcher passes its
    // path (with the space) as one option; this one is no archive, and the JVM runs without it
    Files.writeString(launcher.resolveSibling("cert-bulletin.jsa"), "not an archive");
    sample = SampleWorkspace.copyTo(root.resolve("my work"));
  }

  @Test
  void startsThroughASymbolicLinkInAnotherFolder() throws Exception {
    Path bin = Files.createDirectories(root.resolve("bin"));
    Files.createSymbolicLink(bin.resolve("cert-bulletin"), launcher);

    Launcher.Outcome validate =
        Launcher.run(
            sample.root(),
            List.of(),
            Map.of(),
            bin.resolve("cert-bulletin").toString(),
            "validate");

    assertThat(validate.exitCode()).as(validate.toString()).isZero();
    assertThat(validate.out()).contains("ok: config.json and 8 week files are valid");
  }

  @Test
  void startsByNameFromThePathThroughARelativeLinkToALink() throws Exception {
    Path bin = Files.createDirectories(root.resolve("home/.local/bin"));
    Path links = Files.createDirectories(root.resolve("links"));
    Files.createSymbolicLink(links.resolve("cb"), launcher);
    Files.createSymbolicLink(bin.resolve("cert-bulletin"), Path.of("../../../links/cb"));

    Launcher.Outcome version =
        Launcher.run(sample.root(), List.of(bin), Map.of(), "cert-bulletin", "--version");
    Launcher.Outcome status =
        Launcher.run(sample.root(), List.of(bin), Map.of(), "cert-bulletin", "status");

    assertThat(version.exitCode()).as(version.toString()).isZero();
    assertThat(version.out()).startsWith("cert-bulletin ");
    assertThat(status.exitCode()).as(status.toString()).isZero();
    assertThat(status.out()).contains("sample data:");
  }

  @Test
  void startsByItsPathFromAnotherFolder() throws Exception {
    Launcher.Outcome help =
        Launcher.run(sample.root(), List.of(), Map.of(), launcher.toString(), "--help");

    assertThat(help.exitCode()).as(help.toString()).isZero();
    assertThat(help.out()).startsWith("Usage: target/cert-bulletin ");
  }
}
