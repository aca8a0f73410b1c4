package org.certbulletin.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.certbulletin.testing.ImportFixtures.advisory;
import static org.certbulletin.testing.ImportFixtures.csaf;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.certbulletin.files.JsonMapping;
import org.certbulletin.testing.ImportFixtures;
import org.certbulletin.testing.PdfText;
import org.certbulletin.testing.SampleWorkspace;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A cumulative advisory (a patch day) of 5,000 CVEs: every CVE is imported, so KEV and EPSS find
 * one near its end, and the bulletin shows the list compactly, saying how many more there are and
 * where the full list is, in the HTML page and in the PDF.
 */
class CumulativeAdvisoryTest {

  private static final String WEEK = "2024-W51";
  private static final String ID = "SSA-2024-PATCHDAY";
  private static final int CVES = 5_000;

  @TempDir Path root;

  private SampleWorkspace sample;

  @BeforeEach
  void copySample() {
    sample = SampleWorkspace.copyTo(root);
  }

  /** CVE number {@code n} (from 1) of the document. */
  private static String cve(int n) {
    return String.format(Locale.ROOT, "CVE-2024-%05d", 10_000 + n);
  }

  @Test
  void everyCveIsImportedKevAndEpssSeeTheLastOnesAndTheBulletinShowsTheListCompactly()
      throws Exception {
    Path document = root.resolve("patchday.json");
    ImportFixtures.write(document, patchDay());
    Path kev = root.resolve("kev.json");
    Files.writeString(
        kev,
        ImportFixtures.kev(
            List.<String[]>of(new String[] {cve(4_999), "2024-12-17", "2025-01-07"})));
    Path epss = root.resolve("epss.csv");
    Files.writeString(
        epss,
        "#model_version:v2023.03.01,score_date:2024-12-20T00:00:00+0000\n"
            + "cve,epss,percentile\n"
            + cve(4_998)
            + ",0.91234,0.99800\n");

    CommandLineRun imported = run("import", "csaf", document.toString(), "--week", WEEK);
    CommandLineRun marked = run("import", "kev", kev.toString(), "--week", WEEK);
    CommandLineRun scored = run("import", "epss", epss.toString(), "--week", WEEK);

    assertThat(imported.exitCode()).as(imported.err()).isZero();
    assertThat(marked.exitCode()).as(marked.err()).isZero();
    assertThat(scored.exitCode()).as(scored.err()).isZero();
    ObjectNode advisory = advisory(sample.weekFile(WEEK), ID);
    assertThat(advisory.get("cves").size()).isEqualTo(CVES);
    assertThat(advisory.get("exploited").asBoolean()).isTrue();
    assertThat(advisory.get("kev").get(0).get("cve").asString()).isEqualTo(cve(4_999));
    assertThat(advisory.get("epss").get("cve").asString()).isEqualTo(cve(4_998));

    assertThat(run("validate", WEEK).exitCode()).isZero();
    CommandLineRun build = run("build", WEEK, "--format", "html,pdf");
    assertThat(build.exitCode()).as(build.err()).isZero();

    Path folder = sample.out().resolve("site/2024/W51");
    Document html = Jsoup.parse(folder.resolve("bulletin.html").toFile());
    String anchor = "#adv-" + ID;
    assertThat(html.select(anchor + " .cves a")).hasSize(20);
    assertThat(html.select(anchor + " .cves a").first().text()).isEqualTo(cve(1));
    assertThat(html.select(anchor + " .cves-more").text())
        .isEqualTo("and 4,980 more CVEs (full list in bulletin.json)");
    assertThat(html.select(".exploited-callout li").text())
        .contains(ID)
        .contains("and 4,980 more CVEs")
        .doesNotContain(cve(4_999));
    JsonNode published = JsonMapping.mapper().readTree(folder.resolve("bulletin.json").toFile());
    JsonNode full = null;
    for (JsonNode item : published.path("advisories")) {
      if (ID.equals(item.path("id").asString())) {
        full = item;
      }
    }
    assertThat(full).as("the advisory is in bulletin.json").isNotNull();
    assertThat(full.get("cves").size()).as("the full list is where the note says").isEqualTo(CVES);

    String pdf =
        String.join("", PdfText.pages(Files.readAllBytes(folder.resolve("bulletin.pdf"))))
            .replaceAll("\\s+", "");
    assertThat(pdf)
        .as("lines may wrap anywhere in the narrow column: compared without spaces")
        .contains("and4,980moreCVEs(fulllistin2024-W51.json,attachedtothisPDF)")
        .contains(cve(1), cve(20))
        .doesNotContain(cve(21), cve(4_999));
  }

  @Test
  void aShortListIsShownWhole() throws Exception {
    ObjectNode doc = patchDay();
    ArrayNode vulnerabilities = (ArrayNode) doc.get("vulnerabilities");
    while (vulnerabilities.size() > 30) {
      vulnerabilities.remove(vulnerabilities.size() - 1);
    }
    Path document = root.resolve("short.json");
    ImportFixtures.write(document, doc);

    assertThat(run("import", "csaf", document.toString(), "--week", WEEK).exitCode()).isZero();
    assertThat(run("build", WEEK, "--format", "html").exitCode()).isZero();

    Document html = Jsoup.parse(sample.out().resolve("site/2024/W51/bulletin.html").toFile());
    assertThat(html.select("#adv-" + ID + " .cves a")).hasSize(30);
    assertThat(html.select("#adv-" + ID + " .cves-more")).isEmpty();
  }

  /** A real CSAF document turned into a patch day of {@link #CVES} vulnerabilities. */
  private static ObjectNode patchDay() {
    ObjectNode doc =
        ImportFixtures.revised(
            csaf("bsi-2022-0001"), ID, "1", "2024-12-17T09:00:00Z", "Patch day: cumulative");
    ArrayNode vulnerabilities = (ArrayNode) doc.get("vulnerabilities");
    ObjectNode first = (ObjectNode) vulnerabilities.get(0);
    first.put("cve", cve(1));
    for (int n = 2; n <= CVES; n++) {
      ObjectNode vulnerability = vulnerabilities.addObject();
      vulnerability.put("cve", cve(n));
      vulnerability.set("product_status", first.get("product_status").deepCopy());
    }
    return doc;
  }

  private CommandLineRun run(String... args) {
    return CommandLineRun.of(CommandLineRun.join(sample.options(), args));
  }
}
