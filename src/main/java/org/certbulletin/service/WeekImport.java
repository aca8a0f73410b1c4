package org.certbulletin.service;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.BiFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.certbulletin.files.AtomicFiles;
import org.certbulletin.imports.AdvisoryImporter;
import org.certbulletin.imports.FetchLimits;
import org.certbulletin.imports.ImportException;
import org.certbulletin.imports.ImportReport;
import org.certbulletin.ingest.DataDirectory;
import org.certbulletin.model.InvalidDataException;
import org.certbulletin.model.Problem;
import org.certbulletin.model.WeekId;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Imports into one week's file: reads it (it must be valid), lets an importer change its tree,
 * checks the result like any week file and writes it atomically in the file's own layout, or, on a
 * dry run, only reports.
 */
public final class WeekImport {

  private static final Pattern ADVISORY = Pattern.compile("/advisories/([0-9]+)(?:/|$)");

  private final DataDirectory data;
  private final WeekId week;

  WeekImport(DataDirectory data, WeekId week) {
    this.data = data;
    this.week = week;
  }

  /**
   * The importer of advisories for this week, reading within {@code limits}, which also allow the
   * hosts {@code config.json} allows.
   */
  public AdvisoryImporter advisories(FetchLimits limits) {
    return new AdvisoryImporter(
        limits.allowing(data.config().imports().allowHosts()),
        week,
        data.config().issuer().zone(),
        data.config().languages());
  }

  /**
   * Runs {@code change} on the week's tree and writes the result unless {@code dryRun}. An imported
   * advisory that would make the week invalid (a title no font can print, a value over a limit) is
   * put back as it was, or left out, and reported; the rest is written.
   *
   * @throws org.certbulletin.model.InvalidDataException if the week file does not validate
   * @throws ImportException if the file changed on disk while the import ran (nothing is written)
   */
  public <T> ImportReport apply(
      T importer, BiFunction<T, ObjectNode, ImportReport> change, boolean dryRun)
      throws IOException {
    Path file = data.weekFile(week);
    byte[] before = Files.readAllBytes(file);
    ObjectNode tree = (ObjectNode) data.document(week);
    JsonNode original = tree.deepCopy();
    ImportReport report = change.apply(importer, tree);
    if (tree.equals(original)) {
      report.changed(false);
      return report;
    }
    leaveOutWhatDoesNotValidate(tree, original, report);
    byte[] bytes = DataDirectory.fileBytes(tree);
    report.changed(!Arrays.equals(bytes, before));
    if (report.changed() && !dryRun) {
      if (!Arrays.equals(Files.readAllBytes(file), before)) {
        throw new ImportException(
            file
                + " changed while the import ran; nothing was written, so that edit is kept: run"
                + " the import again");
      }
      AtomicFiles.replace(file, bytes);
    }
    return report;
  }

  private void leaveOutWhatDoesNotValidate(
      ObjectNode tree, JsonNode original, ImportReport report) {
    List<Problem> problems = data.check(week, tree);
    for (int round = 0; round < 3 && !problems.isEmpty(); round++) {
      SortedMap<Integer, List<Problem>> byAdvisory = new TreeMap<>(Comparator.reverseOrder());
      for (Problem problem : problems) {
        Matcher advisory = ADVISORY.matcher(problem.pointer());
        if (!advisory.lookingAt()) {
          throw new InvalidDataException(problems);
        }
        byAdvisory
            .computeIfAbsent(Integer.parseInt(advisory.group(1)), i -> new ArrayList<>())
            .add(problem);
      }
      ArrayNode advisories = (ArrayNode) tree.get("advisories");
      byAdvisory.forEach(
          (index, found) -> {
            JsonNode advisory = advisories.get(index);
            String id = advisory.path("id").asString();
            Optional<JsonNode> before = byId(original.path("advisories"), id);
            if (before.isPresent()) {
              advisories.set(index, before.get().deepCopy());
            } else {
              advisories.remove(index);
            }
            report.rejected(
                id
                    + advisory
                        .path("provenance")
                        .path("location")
                        .asOptional()
                        .map(l -> " (" + l.asString() + ")")
                        .orElse("")
                    + ": "
                    + String.join(
                        "; ",
                        found.stream()
                            .map(
                                p ->
                                    p.pointer().replaceFirst("^/advisories/[0-9]+", "")
                                        + " "
                                        + p.message())
                            .toList())
                    + (before.isPresent() ? "; kept as it was" : "; left out"));
          });
      problems = data.check(week, tree);
    }
    if (!problems.isEmpty()) {
      throw new InvalidDataException(problems);
    }
  }

  private static Optional<JsonNode> byId(JsonNode advisories, String id) {
    for (JsonNode advisory : advisories) {
      if (id.equals(advisory.path("id").asString(""))) {
        return Optional.of(advisory);
      }
    }
    return Optional.empty();
  }

  public String file() {
    return data.weekFile(week).toString();
  }
}
