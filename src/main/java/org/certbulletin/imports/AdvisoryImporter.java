package org.certbulletin.imports;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.certbulletin.files.Digests;
import org.certbulletin.ingest.JsonDocumentReader;
import org.certbulletin.ingest.SchemaCheck;
import org.certbulletin.ingest.SourceDocument;
import org.certbulletin.model.InvalidDataException;
import org.certbulletin.model.Problem;
import org.certbulletin.model.WeekId;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
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

  public AdvisoryImporter(FetchLimits limits, WeekId week, ZoneId zone) {
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
    AdvisoryMerge merge = new AdvisoryMerge(advisories(weekTree), report);
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
      merge.merge(CsafMapping.advisory(document.get().root(), provenance));
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
    AdvisoryMerge merge = new AdvisoryMerge(advisories(weekTree), report);
    int outside = 0;
    for (CsafSources.Candidate candidate : candidates(locations, report)) {
      Optional<Fetched> read = read(candidate, report);
      if (read.isEmpty()) {
        continue;
      }
      Fetched fetched = read.get();
      SourceDocument record;
      try {
        record = reader.parse(fetched.bytes(), fetched.name());
      } catch (InvalidDataException e) {
        report.rejected(e.problems().get(0).toString());
        continue;
      }
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
      merge.merge(CveMapping.advisory(record.root(), provenance));
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
   * the date the catalogue added it and CISA's due date.
   */
  public ImportReport kev(ObjectNode weekTree, String location) {
    ImportReport report = new ImportReport();
    KevCatalog catalog = KevCatalog.parse(parse(fetcher.read(location)));
    int thisWeek = 0;
    int marked = 0;
    for (JsonNode item : advisories(weekTree)) {
      ObjectNode advisory = (ObjectNode) item;
      List<KevCatalog.Entry> entries =
          cves(advisory).stream().map(catalog::entry).flatMap(Optional::stream).toList();
      if (entries.isEmpty()) {
        continue;
      }
      marked++;
      ArrayNode kev = advisory.arrayNode();
      for (KevCatalog.Entry entry : entries) {
        ObjectNode listed = kev.addObject();
        listed.put("cve", entry.cve());
        listed.put("date_added", entry.added().toString());
        entry.due().ifPresent(due -> listed.put("due_date", due.toString()));
        if (entry.ransomware()) {
          listed.put("ransomware", true);
        }
      }
      KevCatalog.Entry first =
          entries.stream().min(Comparator.comparing(KevCatalog.Entry::added)).orElseThrow();
      if (entries.stream()
          .anyMatch(
              e ->
                  !e.added().isBefore(week.week().start())
                      && !e.added().isAfter(week.week().end()))) {
        thisWeek++;
      }
      boolean same = kev.equals(advisory.get("kev")) && advisory.path("exploited").asBoolean(false);
      if (same) {
        report.sameAsBefore();
        continue;
      }
      advisory.put("exploited", true);
      advisory.set("kev", kev);
      replace(advisory, AdvisoryMerge.ordered(advisory));
      report.updated(
          advisory.path("id").asString()
              + ": known exploited ("
              + String.join(", ", entries.stream().map(KevCatalog.Entry::cve).toList())
              + " in KEV since "
              + first.added()
              + ")");
    }
    report.note(
        "KEV catalogue "
            + catalog.version()
            + " ("
            + catalog.size()
            + " entries): "
            + marked
            + " advisory(ies) of "
            + week.week()
            + " known exploited, "
            + thisWeek
            + " of them added this week");
    return report;
  }

  /** Attaches to each advisory the highest EPSS score of its CVEs, from FIRST's CSV. */
  public ImportReport epss(ObjectNode weekTree, String location) {
    ImportReport report = new ImportReport();
    Set<String> wanted = new LinkedHashSet<>();
    advisories(weekTree).forEach(a -> wanted.addAll(cves(a)));
    EpssScores scores =
        EpssScores.parse(fetcher.read(location), wanted, fetcher.limits().maxBytes());
    int scored = 0;
    for (JsonNode item : advisories(weekTree)) {
      ObjectNode advisory = (ObjectNode) item;
      Optional<EpssScores.Score> best =
          cves(advisory).stream()
              .map(scores::score)
              .flatMap(Optional::stream)
              .max(Comparator.comparing(EpssScores.Score::probability));
      if (best.isEmpty()) {
        continue;
      }
      scored++;
      ObjectNode epss = advisory.objectNode();
      epss.put("cve", best.get().cve());
      epss.put("score", best.get().probability());
      epss.put("percentile", best.get().percentile());
      scores.date().ifPresent(d -> epss.put("date", d.toString()));
      if (epss.equals(advisory.get("epss"))) {
        report.sameAsBefore();
        continue;
      }
      advisory.set("epss", epss);
      replace(advisory, AdvisoryMerge.ordered(advisory));
      report.updated(
          advisory.path("id").asString()
              + ": EPSS "
              + best.get().probability().toPlainString()
              + " ("
              + best.get().cve()
              + ")");
    }
    report.note(
        "EPSS scores"
            + scores.date().map(d -> " of " + d).orElse("")
            + ": "
            + scored
            + " of "
            + advisories(weekTree).size()
            + " advisories scored");
    return report;
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

  private Optional<SourceDocument> checked(
      Fetched fetched, SchemaCheck schema, ImportReport report) {
    SourceDocument document;
    try {
      document = reader.parse(fetched.bytes(), fetched.name());
    } catch (InvalidDataException e) {
      report.rejected(e.problems().get(0).toString() + "; skipped");
      return Optional.empty();
    }
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

  private static ArrayNode advisories(ObjectNode weekTree) {
    JsonNode advisories = weekTree.get("advisories");
    if (advisories instanceof ArrayNode array) {
      return array;
    }
    insertAfter(
        weekTree,
        "advisories",
        weekTree.arrayNode(),
        List.of("highlights", "tallies", "situation"));
    return (ArrayNode) weekTree.get("advisories");
  }

  /** Puts a new member where the week files have it, after the first of {@code after} present. */
  private static void insertAfter(
      ObjectNode tree, String member, JsonNode value, List<String> after) {
    String anchor = after.stream().filter(tree::has).findFirst().orElse(null);
    ObjectNode copy = tree.objectNode();
    for (Map.Entry<String, JsonNode> entry : tree.properties()) {
      copy.set(entry.getKey(), entry.getValue());
      if (entry.getKey().equals(anchor)) {
        copy.set(member, value);
      }
    }
    if (!copy.has(member)) {
      copy.set(member, value);
    }
    replace(tree, copy);
  }

  private static void replace(ObjectNode target, ObjectNode content) {
    ObjectNode snapshot = content.deepCopy();
    target.removeAll();
    target.setAll(snapshot);
  }

  private static List<String> cves(JsonNode advisory) {
    List<String> ids = new ArrayList<>();
    advisory.path("cves").forEach(c -> ids.add(c.asString()));
    return ids;
  }
}
