package org.certbulletin.benchmarks;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.certbulletin.benchmarks.Product.Start;
import org.certbulletin.files.JsonMapping;
import org.certbulletin.model.WeekId;
import org.certbulletin.service.Workspace;
import org.certbulletin.testing.SyntheticData;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The imports, each a fresh process as {@code target/cert-bulletin} starts it: {@code
 * import_csaf_100_ms} for 100 CSAF documents made by varying real ones (BSI, Cisco, Red Hat) into a
 * week, {@code import_csaf_100_again_ms} for the same documents again (nothing changes), and {@code
 * import_kev_ms} for a catalogue the size of CISA's (1,400 entries) into a week of 1,000
 * advisories.
 */
final class Imports {

  static final int CSAF_DOCUMENTS = 100;
  static final int KEV_ENTRIES = 1400;
  static final int KEV_WEEK_ADVISORIES = 1000;

  private static final WeekId WEEK = WeekId.parse("2024-W51");
  private static final List<String> SOURCES =
      List.of("bsi-2022-0001", "cisco-sa-20180328-smi2", "rhsa-2022_0011");

  private Imports() {}

  static void run(Setup setup) throws IOException, InterruptedException {
    Path scratch = Files.createTempDirectory("cert-bulletin-import");
    Path data = scratch.resolve("data");
    new SyntheticData(11).write(data, WEEK, 1, 5);
    Path week = data.resolve("weeks").resolve(WEEK + ".json");
    byte[] fresh = Files.readAllBytes(week);
    Path documents = scratch.resolve("csaf");
    writeDocuments(documents);
    Workspace workspace = setup.workspace(data, scratch.resolve("out"));
    List<Double> first = new ArrayList<>();
    List<Double> again = new ArrayList<>();
    for (int i = 0; i < Math.max(1, setup.coldRuns()); i++) {
      Figures.progress("import: " + CSAF_DOCUMENTS + " CSAF documents, run " + (i + 1));
      Files.write(week, fresh);
      first.add(importing(setup, workspace, "csaf", documents.toString()));
      again.add(importing(setup, workspace, "csaf", documents.toString()));
    }
    setup.figures().add("import_csaf_100_ms", new Stats(first).median(), "ms");
    setup.figures().add("import_csaf_100_again_ms", new Stats(again).median(), "ms");

    Path kevData = scratch.resolve("kev-data");
    new SyntheticData(12).write(kevData, WEEK, 1, KEV_WEEK_ADVISORIES);
    Path kevWeek = kevData.resolve("weeks").resolve(WEEK + ".json");
    byte[] kevFresh = Files.readAllBytes(kevWeek);
    Path catalogue = scratch.resolve("known_exploited_vulnerabilities.json");
    Files.writeString(catalogue, catalogue(kevWeek), StandardCharsets.UTF_8);
    Workspace kevWorkspace = setup.workspace(kevData, scratch.resolve("kev-out"));
    List<Double> kev = new ArrayList<>();
    for (int i = 0; i < Math.max(1, setup.coldRuns()); i++) {
      Figures.progress(
          "import: KEV of "
              + KEV_ENTRIES
              + " into "
              + KEV_WEEK_ADVISORIES
              + " advisories, run "
              + (i + 1));
      Files.write(kevWeek, kevFresh);
      kev.add(importing(setup, kevWorkspace, "kev", catalogue.toString()));
    }
    setup.figures().add("import_kev_ms", new Stats(kev).median(), "ms");
  }

  private static double importing(Setup setup, Workspace workspace, String kind, String source)
      throws IOException, InterruptedException {
    return setup
        .product()
        .time(Start.LAUNCHER, workspace, "import", kind, source, "--week", WEEK.toString());
  }

  /** 100 documents: the real ones with other ids, titles, CVEs and releases in the week. */
  private static void writeDocuments(Path folder) throws IOException {
    Files.createDirectories(folder);
    Random random = new Random(5);
    for (int i = 0; i < CSAF_DOCUMENTS; i++) {
      String source = SOURCES.get(i % SOURCES.size());
      ObjectNode doc = (ObjectNode) JsonMapping.mapper().readTree(resource(source));
      ObjectNode document = (ObjectNode) doc.get("document");
      ObjectNode tracking = (ObjectNode) document.get("tracking");
      String id = String.format(Locale.ROOT, "BENCH-2024-%04d", i + 1);
      String released =
          String.format(
              Locale.ROOT, "2024-12-%02dT%02d:00:00Z", 16 + random.nextInt(6), random.nextInt(24));
      tracking.put("id", id);
      tracking.put("current_release_date", released);
      ((ObjectNode) tracking.get("revision_history").get(0)).put("date", released);
      tracking.put("initial_release_date", released);
      document.put("title", document.get("title").asString() + " (" + id + ")");
      for (JsonNode vulnerability : doc.path("vulnerabilities")) {
        ((ObjectNode) vulnerability)
            .put("cve", String.format(Locale.ROOT, "CVE-2024-%05d", 20000 + random.nextInt(70000)));
      }
      Files.writeString(
          folder.resolve(id.toLowerCase(Locale.ROOT) + ".json"),
          JsonMapping.mapper().writeValueAsString(doc),
          StandardCharsets.UTF_8);
    }
  }

  /** A catalogue in CISA's shape: 300 of the week's CVEs among 1,400 entries. */
  private static String catalogue(Path week) throws IOException {
    List<String> cves = new ArrayList<>();
    for (JsonNode advisory :
        JsonMapping.mapper().readTree(Files.readString(week)).path("advisories")) {
      advisory.path("cves").forEach(c -> cves.add(c.asString()));
    }
    ObjectNode root = JsonMapping.mapper().createObjectNode();
    root.put("title", "CISA Catalog of Known Exploited Vulnerabilities");
    root.put("catalogVersion", "2024.12.20");
    root.put("dateReleased", "2024-12-20T17:00:00.0000Z");
    root.put("count", KEV_ENTRIES);
    ArrayNode entries = root.putArray("vulnerabilities");
    for (int i = 0; i < KEV_ENTRIES; i++) {
      String cve =
          i < 300 && i < cves.size()
              ? cves.get(i * Math.max(1, cves.size() / 300))
              : String.format(Locale.ROOT, "CVE-2019-%05d", 10000 + i);
      ObjectNode entry = entries.addObject();
      entry.put("cveID", cve);
      entry.put("vendorProject", "Vendor " + (i % 90));
      entry.put("product", "Product " + i);
      entry.put("vulnerabilityName", "Vendor Product Vulnerability " + i);
      entry.put("dateAdded", String.format(Locale.ROOT, "2024-12-%02d", 1 + i % 20));
      entry.put("shortDescription", "A vulnerability that allows an attacker to run code.");
      entry.put(
          "requiredAction",
          "Apply mitigations per vendor instructions or discontinue use of the product if"
              + " mitigations are unavailable.");
      entry.put("dueDate", String.format(Locale.ROOT, "2025-01-%02d", 1 + i % 28));
      entry.put("knownRansomwareCampaignUse", i % 7 == 0 ? "Known" : "Unknown");
      entry.put("notes", "");
      entry.putArray("cwes").add("CWE-787");
    }
    return JsonMapping.mapper().writeValueAsString(root);
  }

  private static byte[] resource(String name) {
    try (InputStream in = Imports.class.getResourceAsStream("/csaf/" + name + ".json")) {
      if (in == null) {
        throw new IllegalStateException("missing from the jar: /csaf/" + name + ".json");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
