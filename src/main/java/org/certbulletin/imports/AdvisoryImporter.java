package org.certbulletin.imports;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.certbulletin.files.Digests;
import org.certbulletin.ingest.JsonDocumentReader;
import org.certbulletin.ingest.SchemaCheck;
import org.certbulletin.ingest.SourceDocument;
import org.certbulletin.model.InvalidDataException;
import org.certbulletin.model.Problem;
import org.certbulletin.model.WeekId;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Imports advisories into a week file's tree from CSAF 2.0 documents and CVE JSON 5 records, and
 * marks them from CISA's KEV catalogue and FIRST's EPSS scores. The caller reads the week file and
 * writes the tree back; this class only changes the tree.
 */
public final class AdvisoryImporter {

  /** CSAF documents nest their product trees deeply; the data files' limit is 32. */
  private static final int MAX_DEPTH = 64;

  private final Fetcher fetcher;
  private final JsonDocumentReader reader;
  private final WeekWindow week;
  private final List<Locale> languages;

  /**
   * An importer into week {@code week} of a bulletin written in {@code languages} (the main one
   * first), in each of which it words the version ranges it reads.
   */
  public AdvisoryImporter(FetchLimits limits, WeekId week, ZoneId zone, List<Locale> languages) {
    this.languages = List.copyOf(languages);
    this.fetcher = new Fetcher(limits);
    this.reader = new JsonDocumentReader(limits.maxBytes(), MAX_DEPTH);
    this.week = WeekWindow.of(week, zone);
  }

  /**
   * Merges the CSAF documents {@code locations} name (files, folders, https addresses of documents,
   * ROLIE feeds or provider metadata) into {@code weekTree}'s advisories.
   */
  public ImportReport csaf(ObjectNode weekTree, List<String> locations) {
    ImportReport report = new ImportReport();
    SchemaCheck schema = CsafSchema.check();
    AdvisoryMerge merge = new AdvisoryMerge(WeekAdvisories.of(weekTree), report);
    int outside = 0;
    for (CsafSources.Candidate candidate : candidates(locations, report)) {
      Optional<Fetched> read = read(candidate, report);
      if (read.isEmpty()) {
        continue;
      }
      Fetched fetched = read.get();
      Optional<SourceDocument> document = checked(fetched, schema, report);
      if (document.isEmpty()) {
        continue;
      }
      JsonNode tracking = document.get().root().path("document").path("tracking");
      String released = tracking.path("current_release_date").asString("");
      if (candidate.weekOnly() && !week.contains(released)) {
        outside++;
        continue;
      }
      Provenance provenance =
          new Provenance(
              "csaf",
              fetched.name(),
              tracking.path("id").asString(),
              Optional.of(
                      document
                          .get()
                          .root()
                          .path("document")
                          .path("publisher")
                          .path("namespace")
                          .asString(""))
                  .filter(n -> !n.isEmpty()),
              tracking.path("version").asString(),
              released,
              Digests.sha256(fetched.bytes()));
      merge.merge(CsafMapping.advisory(document.get().root(), provenance, languages));
    }
    if (outside > 0) {
      report.note(
          outside
              + " document(s) in the folders given were released outside "
              + week.week()
              + "; left out");
    }
    return report;
  }

  /** Merges the CVE JSON 5 records {@code locations} name (files or folders) likewise. */
  public ImportReport cve(ObjectNode weekTree, List<String> locations) {
    ImportReport report = new ImportReport();
    AdvisoryMerge merge = new AdvisoryMerge(WeekAdvisories.of(weekTree), report);
    int outside = 0;
    for (CsafSources.Candidate candidate : candidates(locations, report)) {
      Optional<Fetched> read = read(candidate, report);
      if (read.isEmpty()) {
        continue;
      }
      Fetched fetched = read.get();
      Optional<SourceDocument> parsed = parsed(fetched, report);
      if (parsed.isEmpty()) {
        continue;
      }
      SourceDocument record = parsed.get();
      List<Problem> problems = CveMapping.check(record);
      if (!problems.isEmpty()) {
        problems.forEach(p -> report.rejected(p.toString()));
        continue;
      }
      JsonNode metadata = record.root().path("cveMetadata");
      String updated =
          metadata.path("dateUpdated").asString(metadata.path("datePublished").asString(""));
      if (candidate.weekOnly()
          && !week.contains(updated)
          && !week.contains(metadata.path("datePublished").asString(""))) {
        outside++;
        continue;
      }
      Provenance provenance =
          new Provenance(
              "cve",
              fetched.name(),
              metadata.path("cveId").asString(),
              Optional.empty(),
              updated,
              updated,
              Digests.sha256(fetched.bytes()));
      merge.merge(CveMapping.advisory(record.root(), provenance, languages));
    }
    if (outside > 0) {
      report.note(
          outside
              + " record(s) in the folders given were published or updated outside "
              + week.week()
              + "; left out");
    }
    return report;
  }

  /**
   * Marks each advisory with a CVE in CISA's KEV catalogue at {@code location} as exploited, with
   * the date the catalogue added each CVE and CISA's due date.
   */
  public ImportReport kev(ObjectNode weekTree, String location) {
    return new ExploitMarks(parse(fetcher.read(location)), week.week()).kev(weekTree);
  }

  /** Attaches to each advisory the highest EPSS score of its CVEs, from FIRST's CSV. */
  public ImportReport epss(ObjectNode weekTree, String location) {
    return ExploitMarks.epss(weekTree, fetcher.read(location), fetcher.limits().maxBytes());
  }

  /** The documents {@code locations} name, each read only when its turn comes. */
  private List<CsafSources.Candidate> candidates(List<String> locations, ImportReport report) {
    CsafSources sources = new CsafSources(fetcher, reader, week, report);
    List<CsafSources.Candidate> all = new ArrayList<>();
    for (String location : locations) {
      try {
        all.addAll(sources.candidates(location));
      } catch (ImportException e) {
        report.rejected(e.getMessage());
      }
    }
    return all;
  }

  /** The document, or empty when it cannot be read (reported: the others are still imported). */
  private static Optional<Fetched> read(CsafSources.Candidate candidate, ImportReport report) {
    try {
      return Optional.of(candidate.read());
    } catch (ImportException e) {
      report.rejected(e.getMessage());
      return Optional.empty();
    }
  }

  /** The document parsed, or empty when it is not well-formed JSON (reported, and skipped). */
  private Optional<SourceDocument> parsed(Fetched fetched, ImportReport report) {
    try {
      return Optional.of(reader.parse(fetched.bytes(), fetched.name()));
    } catch (InvalidDataException e) {
      report.rejected(e.problems().get(0) + "; skipped");
      return Optional.empty();
    }
  }

  private Optional<SourceDocument> checked(
      Fetched fetched, SchemaCheck schema, ImportReport report) {
    Optional<SourceDocument> parsed = parsed(fetched, report);
    if (parsed.isEmpty()) {
      return parsed;
    }
    SourceDocument document = parsed.get();
    List<Problem> problems = schema.check(document);
    if (!problems.isEmpty()) {
      problems.stream().limit(3).forEach(p -> report.rejected(p + " (CSAF 2.0 schema); skipped"));
      if (problems.size() > 3) {
        report.rejected(fetched.name() + ": " + (problems.size() - 3) + " more schema problem(s)");
      }
      return Optional.empty();
    }
    return Optional.of(document);
  }

  private SourceDocument parse(Fetched fetched) {
    try {
      return reader.parse(fetched.bytes(), fetched.name());
    } catch (InvalidDataException e) {
      throw new ImportException(e.problems().get(0).toString());
    }
  }
}
