package org.certbulletin.imports;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.certbulletin.ingest.SourceDocument;
import tools.jackson.databind.JsonNode;

/**
 * CISA's Known Exploited Vulnerabilities catalogue, in its published JSON form. What is wrong in it
 * but does not stop its use (a CVE listed twice, a due date before the date added, a due date that
 * is not one) is kept as warnings that say what was made of it.
 */
final class KevCatalog {

  /** One catalogue entry, and where it is in the catalogue. */
  record Entry(
      String cve, LocalDate added, Optional<LocalDate> due, boolean ransomware, String pointer) {}

  /** The day CISA published the catalogue's first entries. */
  private static final LocalDate FIRST_ENTRIES = LocalDate.of(2021, 11, 3);

  private final String version;
  private final Map<String, Entry> entries;
  private final List<String> warnings;

  private KevCatalog(String version, Map<String, Entry> entries, List<String> warnings) {
    this.version = version;
    this.entries = Map.copyOf(entries);
    this.warnings = List.copyOf(warnings);
  }

  static KevCatalog parse(SourceDocument document) {
    JsonNode root = document.root();
    JsonNode list = root.path("vulnerabilities");
    if (!list.isArray()) {
      throw new ImportException(
          document
              .problem(
                  "/vulnerabilities",
                  "is missing: this is not CISA's KEV catalogue in JSON"
                      + " (known_exploited_vulnerabilities.json)")
              .toString());
    }
    Map<String, Entry> entries = new HashMap<>();
    List<String> warnings = new ArrayList<>();
    for (int i = 0; i < list.size(); i++) {
      JsonNode item = list.get(i);
      String pointer = "/vulnerabilities/" + i;
      String cve = item.path("cveID").asString("").strip();
      Optional<LocalDate> added = AdvisoryFields.date(item.path("dateAdded").asString(""));
      if (!AdvisoryFields.isCve(cve) || added.isEmpty()) {
        throw new ImportException(
            document
                .problem(
                    pointer, "needs a cveID like CVE-2024-12345 and a dateAdded like 2024-12-16")
                .toString());
      }
      if (added.get().isBefore(FIRST_ENTRIES)) {
        warnings.add(
            document
                .problem(
                    pointer + "/dateAdded",
                    cve
                        + "'s dateAdded "
                        + added.get()
                        + " is before the catalogue began ("
                        + FIRST_ENTRIES
                        + "); taken as given (the catalogue needs correcting)")
                .toString());
      }
      Entry entry =
          new Entry(
              cve,
              added.get(),
              due(document, item, pointer, added.get(), warnings),
              "Known".equalsIgnoreCase(item.path("knownRansomwareCampaignUse").asString("")),
              pointer);
      Entry before = entries.get(cve);
      if (before == null) {
        entries.put(cve, entry);
        continue;
      }
      boolean later = entry.added().isAfter(before.added());
      Entry kept = later ? entry : before;
      Entry other = later ? before : entry;
      entries.put(cve, kept);
      warnings.add(
          document
              .problem(
                  entry.pointer(),
                  cve
                      + " is listed twice ("
                      + before.pointer()
                      + ", added "
                      + before.added()
                      + "; "
                      + entry.pointer()
                      + ", added "
                      + entry.added()
                      + "); kept "
                      + kept.pointer()
                      + (kept.added().equals(other.added())
                          ? ", the first (both were added the same day)"
                          : ", the later-added: it is CISA's current listing")
                      + " and ignored "
                      + other.pointer())
              .toString());
    }
    return new KevCatalog(root.path("catalogVersion").asString("unknown"), entries, warnings);
  }

  /** The entry's due date, if it gives one that can be: one before the date added cannot. */
  private static Optional<LocalDate> due(
      SourceDocument document,
      JsonNode item,
      String pointer,
      LocalDate added,
      List<String> warnings) {
    String text = item.path("dueDate").asString("").strip();
    if (text.isEmpty()) {
      return Optional.empty();
    }
    Optional<LocalDate> due = AdvisoryFields.date(text);
    String cve = item.path("cveID").asString("").strip();
    if (due.isEmpty()) {
      warnings.add(
          document
              .problem(
                  pointer + "/dueDate",
                  cve
                      + "'s dueDate '"
                      + Texts.cut(Texts.line(text), 40)
                      + "' is not a date like 2025-01-07; imported without a due date")
              .toString());
      return Optional.empty();
    }
    if (due.get().isBefore(added)) {
      warnings.add(
          document
              .problem(
                  pointer + "/dueDate",
                  cve
                      + "'s dueDate "
                      + due.get()
                      + " is before its dateAdded "
                      + added
                      + ", which cannot be; imported without a due date (the catalogue needs"
                      + " correcting)")
              .toString());
      return Optional.empty();
    }
    return due;
  }

  String version() {
    return version;
  }

  int size() {
    return entries.size();
  }

  List<String> warnings() {
    return warnings;
  }

  Optional<Entry> entry(String cve) {
    return Optional.ofNullable(entries.get(cve));
  }
}
