package org.certbulletin.cli;

import java.util.List;
import java.util.concurrent.Callable;
import org.certbulletin.service.Bulletins;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code cert-bulletin import kev SOURCE --week WEEK}: marks advisories CISA lists as exploited.
 */
@Command(
    name = "kev",
    mixinStandardHelpOptions = true,
    description =
        "Mark each advisory of a week whose CVE is in CISA's Known Exploited Vulnerabilities"
            + " catalogue (its JSON: a file or an https URL) as exploited, with the date added and"
            + " the due date.")
final class ImportKevCommand implements Callable<Integer> {

  @Mixin ExitCodes.Standard exitCodes;

  private final ApplicationSource applications;

  ImportKevCommand(ApplicationSource applications) {
    this.applications = applications;
  }

  @Spec CommandSpec spec;

  @Mixin WorkspaceOptions workspace;

  @Mixin ImportOptions options;

  @Parameters(
      paramLabel = "SOURCE",
      description = "known_exploited_vulnerabilities.json, a file or https URL.")
  String source;

  @Override
  public Integer call() {
    return ImportRun.advisories(
        applications.open(workspace), spec, options, Bulletins.AdvisorySource.KEV, List.of(source));
  }
}
