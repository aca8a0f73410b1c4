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

/** {@code cert-bulletin import csaf SOURCE... --week WEEK}: advisories from CSAF 2.0 documents. */
@Command(
    name = "csaf",
    mixinStandardHelpOptions = true,
    description =
        "Import CSAF 2.0 advisories into a week: files, folders (documents released in the week),"
            + " or https addresses of documents, ROLIE feeds or provider-metadata.json (documents"
            + " released in the week). Each document is checked against the OASIS schema; one"
            + " that fails is reported and skipped.")
final class ImportCsafCommand implements Callable<Integer> {

  @Mixin ExitCodes.Standard exitCodes;

  private final ApplicationSource applications;

  ImportCsafCommand(ApplicationSource applications) {
    this.applications = applications;
  }

  @Spec CommandSpec spec;

  @Mixin WorkspaceOptions workspace;

  @Mixin ImportOptions options;

  @Parameters(paramLabel = "SOURCE", arity = "1..*", description = "File, folder or https URL.")
  List<String> sources = new ArrayList<>();

  @Override
  public Integer call() {
    return ImportRun.advisories(
        applications.open(workspace), spec, options, Bulletins.AdvisorySource.CSAF, sources);
  }
}
