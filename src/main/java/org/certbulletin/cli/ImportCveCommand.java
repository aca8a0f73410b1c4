package org.certbulletin.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.certbulletin.service.Bulletins;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code cert-bulletin import cve SOURCE... --week WEEK}: advisories from CVE JSON 5 records. */
@Command(
    name = "cve",
    mixinStandardHelpOptions = true,
    description =
        "Import CVE JSON 5 records (files or folders) into a week as advisories, one per CVE.")
final class ImportCveCommand implements Callable<Integer> {

  @Mixin ExitCodes.Standard exitCodes;

  private final ApplicationSource applications;

  ImportCveCommand(ApplicationSource applications) {
    this.applications = applications;
  }

  @Spec CommandSpec spec;

  @Mixin WorkspaceOptions workspace;

  @Mixin ImportOptions options;

  @Parameters(paramLabel = "SOURCE", arity = "1..*", description = "File or folder.")
  List<String> sources = new ArrayList<>();

  @Override
  public Integer call() {
    return ImportRun.advisories(
        applications.open(workspace), spec, options, Bulletins.AdvisorySource.CVE, sources);
  }
}
