package org.certbulletin.service;

import java.io.IOException;
import java.util.Optional;
import java.util.function.BiFunction;
import org.certbulletin.files.AtomicFiles;
import org.certbulletin.imports.AdvisoryImporter;
import org.certbulletin.imports.FetchLimits;
import org.certbulletin.imports.ImportReport;
import org.certbulletin.ingest.DataDirectory;
import org.certbulletin.model.WeekId;
import tools.jackson.databind.node.ObjectNode;

/**
 * Imports into one week's file: reads it (it must be valid), lets an importer change its tree,
 * checks the result like any week file and writes it atomically in the file's own layout, or, on a
 * dry run, only reports.
 */
public final class WeekImport {

  private final DataDirectory data;
  private final WeekId week;

  WeekImport(DataDirectory data, WeekId week) {
    this.data = data;
    this.week = week;
  }

  /** The importer of advisories for this week, reading within {@code limits}. */
  public AdvisoryImporter advisories(FetchLimits limits) {
    return new AdvisoryImporter(limits, week, data.config().issuer().zone());
  }

  /**
   * Runs {@code change} on the week's tree and writes the result unless {@code dryRun}.
   *
   * @throws org.certbulletin.model.InvalidDataException if the week file, or the week the import
   *     would make, does not validate (nothing is written)
   */
  public <T> ImportReport apply(
      T importer, BiFunction<T, ObjectNode, ImportReport> change, boolean dryRun)
      throws IOException {
    ObjectNode tree = (ObjectNode) data.document(week);
    ImportReport report = change.apply(importer, tree);
    Optional<byte[]> bytes = data.changed(week, tree);
    report.changed(bytes.isPresent());
    if (bytes.isPresent() && !dryRun) {
      AtomicFiles.replace(data.weekFile(week), bytes.get());
    }
    return report;
  }

  public String file() {
    return data.weekFile(week).toString();
  }
}
