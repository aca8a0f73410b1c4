package org.certbulletin.cli;

import java.util.List;
import java.util.concurrent.Callable;
import org.certbulletin.service.Bulletins;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code cert-bulletin import epss SOURCE --week WEEK}: EPSS scores for the advisories. */
@Command(
    name = "epss",
    mixinStandardHelpOptions = true,
    description =
        "Attach to each advisory of a week the highest EPSS score of its CVEs, from FIRST's CSV"
            + " (gzipped or not; a file or an https URL).")
final class ImportEpssCommand implements Callable<Integer> {

  @Mixin ExitCodes.Standard exitCodes;

  private final ApplicationSource applications;

  ImportEpssCommand(ApplicationSource applications) {
    this.applications = applications;
  }

  @Spec CommandSpec spec;

  @Mixin WorkspaceOptions workspace;

  @Mixin ImportOptions options;

  @Parameters(
      paramLabel = "SOURCE",
      description = "epss_scores-YYYY-MM-DD.csv(.gz), a file or https URL.")
  String source;

  @Override
  public Integer call() {
    return ImportRun.advisories(
        applications.open(workspace),
        spec,
        options,
        Bulletins.AdvisorySource.EPSS,
        List.of(source));
  }
}
