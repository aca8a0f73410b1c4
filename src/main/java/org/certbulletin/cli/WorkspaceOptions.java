package org.certbulletin.cli;

import java.nio.file.Path;
import org.certbulletin.service.Workspace;
import picocli.CommandLine.Option;

/** The {@code --data}, {@code --templates} and {@code --out} options every command takes. */
final class WorkspaceOptions {

  @Option(
      names = "--data",
      paramLabel = "DIR",
      description = "Data folder with config.json and weeks/ (default: ${DEFAULT-VALUE}).")
  Path data = Path.of("data");

  @Option(
      names = "--templates",
      paramLabel = "DIR",
      description = "Templates folder (default: ${DEFAULT-VALUE}).")
  Path templates = Path.of("templates");

  @Option(
      names = "--out",
      paramLabel = "DIR",
      description = "Output folder (default: ${DEFAULT-VALUE}).")
  Path out = Path.of("out");

  Workspace workspace() {
    return new Workspace(data, templates, out);
  }
}
