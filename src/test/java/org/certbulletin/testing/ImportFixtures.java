package org.certbulletin.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.certbulletin.files.JsonMapping;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** The public CSAF and CVE documents under {@code src/test/resources/imports}, and small makers. */
public final class ImportFixtures {

  public static final Path CSAF = Path.of("src/test/resources/imports/csaf");
  public static final Path CVE = Path.of("src/test/resources/imports/cve");

  private ImportFixtures() {}

  public static Path csaf(String name) {
    return CSAF.resolve(name + ".json");
  }

  public static ObjectNode read(Path file) {
    try {
      return (ObjectNode) JsonMapping.mapper().readTree(Files.readString(file));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static void write(Path file, JsonNode tree) {
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      Files.writeString(
          file, JsonMapping.mapper().writeValueAsString(tree), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The advisory of {@code week}'s file with id {@code id}. */
  public static ObjectNode advisory(Path weekFile, String id) {
    for (JsonNode advisory : read(weekFile).path("advisories")) {
      if (id.equals(advisory.path("id").asString())) {
        return (ObjectNode) advisory;
      }
    }
    throw new AssertionError("no advisory " + id + " in " + weekFile);
  }

  /**
   * A copy of a real CSAF document as released at {@code released} with {@code id}, {@code version}
   * and {@code title}: how a provider's next revision, or another advisory, looks.
   */
  public static ObjectNode revised(
      Path original, String id, String version, String released, String title) {
    ObjectNode doc = read(original);
    ObjectNode document = (ObjectNode) doc.get("document");
    document.put("title", title);
    ObjectNode tracking = (ObjectNode) document.get("tracking");
    tracking.put("id", id);
    tracking.put("version", version);
    tracking.put("current_release_date", released);
    ArrayNode history = (ArrayNode) tracking.get("revision_history");
    ObjectNode entry = history.addObject();
    entry.put("number", version);
    entry.put("date", released);
    entry.put("summary", "Revised for a test.");
    return doc;
  }

  /** CISA's KEV catalogue in its published JSON shape, with the given entries. */
  public static String kev(List<String[]> entries) {
    StringBuilder json = new StringBuilder();
    json.append(
            "{\"title\": \"CISA Catalog of Known Exploited Vulnerabilities\", \"catalogVersion\":"
                + " \"2024.12.20\", \"dateReleased\": \"2024-12-20T17:00:00.0000Z\", \"count\": ")
        .append(entries.size())
        .append(", \"vulnerabilities\": [");
    for (int i = 0; i < entries.size(); i++) {
      String[] e = entries.get(i);
      json.append(i == 0 ? "" : ",")
          .append("{\"cveID\": \"")
          .append(e[0])
          .append(
              "\", \"vendorProject\": \"Vendor\", \"product\": \"Product\", \"vulnerabilityName\":"
                  + " \"Test Vulnerability\", \"dateAdded\": \"")
          .append(e[1])
          .append(
              "\", \"shortDescription\": \"A flaw.\", \"requiredAction\": \"Apply mitigations per"
                  + " vendor instructions or discontinue use of the product if mitigations are"
                  + " unavailable.\", \"dueDate\": \"")
          .append(e[2])
          .append("\", \"knownRansomwareCampaignUse\": \"")
          .append(e.length > 3 ? e[3] : "Unknown")
          .append("\", \"notes\": \"\", \"cwes\": [\"CWE-787\"]}");
    }
    return json.append("]}").toString();
  }
}
