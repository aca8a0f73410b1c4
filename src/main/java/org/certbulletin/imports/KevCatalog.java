package org.certbulletin.imports;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.certbulletin.ingest.SourceDocument;
import tools.jackson.databind.JsonNode;

/** CISA's Known Exploited Vulnerabilities catalogue, in its published JSON form. */
final class KevCatalog {

  /** One catalogue entry. */
  record Entry(String cve, LocalDate added, Optional<LocalDate> due, boolean ransomware) {}

  private final String version;
  private final Map<String, Entry> entries;

  private KevCatalog(String version, Map<String, Entry> entries) {
    this.version = version;
    this.entries = Map.copyOf(entries);
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
    for (int i = 0; i < list.size(); i++) {
      JsonNode item = list.get(i);
      String cve = item.path("cveID").asString("");
      Optional<LocalDate> added = AdvisoryFields.date(item.path("dateAdded").asString(""));
      if (!AdvisoryFields.isCve(cve) || added.isEmpty()) {
        throw new ImportException(
            document
                .problem(
                    "/vulnerabilities/" + i,
                    "needs a cveID like CVE-2024-12345 and a dateAdded like 2024-12-16")
                .toString());
      }
      entries.put(
          cve,
          new Entry(
              cve,
              added.get(),
              AdvisoryFields.date(item.path("dueDate").asString("")),
              "Known".equalsIgnoreCase(item.path("knownRansomwareCampaignUse").asString(""))));
    }
    return new KevCatalog(root.path("catalogVersion").asString("unknown"), entries);
  }

  String version() {
    return version;
  }

  int size() {
    return entries.size();
  }

  Optional<Entry> entry(String cve) {
    return Optional.ofNullable(entries.get(cve));
  }
}
