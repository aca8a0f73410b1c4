package org.certbulletin.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.certbulletin.testing.ImportFixtures.advisory;
import static org.certbulletin.testing.ImportFixtures.csaf;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.certbulletin.files.Digests;
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
 * {@code import csaf|cve|kev|epss} on real published documents (the OASIS CSAF 2.0 examples of BSI,
 * Cisco and Red Hat; a CVE record of the CVE list), through the command line, into the sample's
 * week, and the bulletin built from the result.
 */
class ImportAdvisoriesTest {

  private static final String WEEK = "2024-W51";

  @TempDir Path root;

  private SampleWorkspace sample;

  @BeforeEach
  void copySample() {
    sample = SampleWorkspace.copyTo(root);
  }

  private CommandLineRun run(String... args) {
    return CommandLineRun.of(CommandLineRun.join(sample.options(), args));
  }

  private Path week() {
    return sample.weekFile(WEEK);
  }

  @Test
  void csafDocumentsOfThreeProvidersBecomeAdvisoriesFieldByField() throws IOException {
    CommandLineRun run =
        run(
            "import",
            "csaf",
            csaf("bsi-2022-0001").toString(),
            csaf("cisco-sa-20180328-smi2").toString(),
            csaf("rhsa-2022_0011").toString(),
            "--week",
            WEEK);

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).contains("3 added, 0 updated, 0 unchanged");
    ObjectNode bsi = advisory(week(), "BSI-2022-0001");
    assertThat(bsi.get("title").asString())
        .isEqualTo("CVRF-CSAF-Converter: XML External Entities Vulnerability");
    assertThat(bsi.get("cves").toString()).isEqualTo("[\"CVE-2022-27193\"]");
    assertThat(bsi.get("vendor").asString()).isEqualTo("CSAF Tools");
    assertThat(bsi.get("product").asString()).isEqualTo("CVRF-CSAF-Converter");
    assertThat(bsi.get("versions").asString())
        .isEqualTo("1.0.0-alpha, 1.0.0-dev1, 1.0.0-dev2, 1.0.0-dev3, 1.0.0-rc1");
    assertThat(bsi.get("fixed_versions").asString()).isEqualTo("1.0.0-rc2");
    assertThat(bsi.get("affected_object").asString())
        .as("its products' CPE names are cpe:/a:... (applications)")
        .isEqualTo("application");
    assertThat(bsi.get("cvss").get("score").decimalValue()).isEqualByComparingTo("6.1");
    assertThat(bsi.get("cvss").get("vector").asString()).startsWith("CVSS:3.1/AV:L/AC:L/PR:N");
    assertThat(bsi.get("summary").asString())
        .startsWith("CSAF Tools CVRF-CSAF-Converter 1.0.0-rc1 resolves XML External Entities");
    assertThat(bsi.get("remediation").asString())
        .startsWith("Vendor fix: Update to the latest version of the product.")
        .contains("https://github.com/csaf-tools/CVRF-CSAF-Converter/releases/tag/1.0.0-rc2");
    assertThat(bsi.get("published").asString()).isEqualTo("2022-03-17");
    assertThat(bsi.get("tlp").asString()).as("CSAF's WHITE is TLP 2.0's CLEAR").isEqualTo("CLEAR");
    JsonNode provenance = bsi.get("provenance");
    assertThat(provenance.get("source").asString()).isEqualTo("csaf");
    assertThat(provenance.get("document").asString()).isEqualTo("BSI-2022-0001");
    assertThat(provenance.get("revision").asString()).isEqualTo("1");
    assertThat(provenance.get("sha256").asString())
        .isEqualTo(Digests.sha256(Files.readAllBytes(csaf("bsi-2022-0001"))));

    ObjectNode cisco = advisory(week(), "cisco-sa-20180328-smi2");
    assertThat(cisco.has("tlp")).as("no TLP in the document: the week's applies").isFalse();
    assertThat(cisco.get("vendor").asString()).isEqualTo("Cisco");
    assertThat(cisco.get("cvss").get("score").decimalValue()).isEqualByComparingTo("9.8");
    String summary = cisco.get("summary").asString();
    assertThat(summary)
        .as("the summary note's first paragraph, not its wall of text")
        .startsWith("A vulnerability in the Smart Install feature")
        .doesNotContain("\n")
        .hasSizeLessThan(600);
    assertThat(cisco.get("versions").asString()).contains("12.2SE").endsWith("more");
    assertThat(cisco.has("affected_object"))
        .as("no CPE names in the document: the analyst types the object")
        .isFalse();

    ObjectNode redHat = advisory(week(), "RHSA-2022-0011".replace("-0011", ":0011"));
    assertThat(redHat.get("vendor").asString()).isEqualTo("Red Hat");
    assertThat(redHat.get("product").asString()).contains("Red Hat Enterprise Linux");
    assertThat(redHat.get("affected_object").asString())
        .as("cpe:/o:redhat:rhel_...")
        .isEqualTo("operating_system");

    assertThat(run("validate", WEEK).exitCode()).isZero();
    assertThat(run("build", WEEK).exitCode()).isZero();
    Document html = Jsoup.parse(sample.out().resolve("site/2024/W51/bulletin.html").toFile());
    assertThat(html.getElementById("adv-BSI-2022-0001").text())
        .contains("CVRF-CSAF-Converter", "Fixed: 1.0.0-rc2", "CVSS 6.1", "Application");
    assertThat(html.getElementById("adv-RHSA-2022-0011").select(".affected-object").text())
        .isEqualTo("Operating system");
    assertThat(html.getElementById("adv-cisco-sa-20180328-smi2").select(".affected-object"))
        .isEmpty();
    String pdf =
        String.join(
            "\n",
            PdfText.pages(Files.readAllBytes(sample.out().resolve("site/2024/W51/bulletin.pdf"))));
    assertThat(pdf.replaceAll("\\s+", ""))
        .as("ids wrap in their narrow column")
        .contains("cisco-sa-20180328-smi2", "CVRF-CSAF-Converter", "RHSA-2022:0011");
  }

  @Test
  void importingTheSameDocumentsAgainChangesNothingByteForByte() throws IOException {
    byte[] before = Files.readAllBytes(week());
    assertThat(
            run(
                    "import",
                    "csaf",
                    csaf("bsi-2022-0001").toString(),
                    csaf("rhsa-2021_5186").toString(),
                    "--week",
                    WEEK)
                .exitCode())
        .isZero();
    byte[] once = Files.readAllBytes(week());
    assertThat(once).as("control: the first import writes").isNotEqualTo(before);

    CommandLineRun again =
        run(
            "import",
            "csaf",
            csaf("bsi-2022-0001").toString(),
            csaf("rhsa-2021_5186").toString(),
            "--week",
            WEEK);

    assertThat(again.exitCode()).isZero();
    assertThat(again.out()).contains("unchanged; 0 added, 0 updated, 2 unchanged");
    assertThat(Files.readAllBytes(week())).isEqualTo(once);
  }

  @Test
  void aNewerRevisionUpdatesTheAdvisoryInPlaceAndKeepsHandEdits() throws IOException {
    run("import", "csaf", csaf("bsi-2022-0001").toString(), "--week", WEEK);
    sample.editWeek(
        WEEK,
        json ->
            json.replace(
                "\"title\": \"CVRF-CSAF-Converter: XML External Entities Vulnerability\"",
                "\"title\": {\"en\": \"Converter leaks local files (XXE)\", \"zh-CN\":"
                    + " \"转换器XXE漏洞\"}"));
    int position = indexOf("BSI-2022-0001");
    Path revised = root.resolve("bsi-2022-0001-v2.json");
    ObjectNode doc =
        ImportFixtures.revised(
            csaf("bsi-2022-0001"),
            "BSI-2022-0001",
            "2",
            "2022-04-01T09:00:00.000Z",
            "CVRF-CSAF-Converter: XXE, revised");
    ((ObjectNode) doc.get("vulnerabilities").get(0).get("remediations").get(0))
        .put("details", "Update to version 1.0.0 or later.");
    ImportFixtures.write(revised, doc);

    CommandLineRun run = run("import", "csaf", revised.toString(), "--week", WEEK);

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out())
        .contains("updated BSI-2022-0001 from revision 1 to 2")
        .contains("kept your edits to title");
    ObjectNode advisory = advisory(week(), "BSI-2022-0001");
    assertThat(advisory.get("title").get("en").asString())
        .isEqualTo("Converter leaks local files (XXE)");
    assertThat(advisory.get("remediation").asString())
        .startsWith("Vendor fix: Update to version 1.0.0 or later.");
    assertThat(advisory.get("provenance").get("revision").asString()).isEqualTo("2");
    assertThat(indexOf("BSI-2022-0001")).as("updated in place").isEqualTo(position);

    CommandLineRun older = run("import", "csaf", csaf("bsi-2022-0001").toString(), "--week", WEEK);
    assertThat(older.out()).contains("older than the imported revision 2");
    assertThat(advisory(week(), "BSI-2022-0001").get("provenance").get("revision").asString())
        .isEqualTo("2");
  }

  @Test
  void aDocumentThatFailsTheSchemaIsNamedWithItsPointerAndTheOthersAreImported()
      throws IOException {
    ObjectNode broken = ImportFixtures.read(csaf("rhsa-2021_5217"));
    ((ObjectNode) broken.get("document").get("tracking")).remove("id");
    Path bad = root.resolve("broken.json");
    ImportFixtures.write(bad, broken);

    CommandLineRun run =
        run("import", "csaf", bad.toString(), csaf("bsi-2022-0001").toString(), "--week", WEEK);

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err())
        .contains("not imported: " + bad)
        .contains("/document/tracking")
        .contains("CSAF 2.0 schema");
    assertThat(run.out()).contains("1 added");
    assertThat(Files.readString(week())).contains("BSI-2022-0001").doesNotContain("RHSA-2021:5217");
  }

  @Test
  void aTruncatedDocumentIsReportedWithItsLineAndNothingIsWritten() throws IOException {
    byte[] whole = Files.readAllBytes(csaf("rhsa-2021_5217"));
    Path truncated = root.resolve("truncated.json");
    Files.write(truncated, java.util.Arrays.copyOf(whole, whole.length / 2));
    byte[] before = Files.readAllBytes(week());

    CommandLineRun run = run("import", "csaf", truncated.toString(), "--week", WEEK);

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).containsPattern("truncated\\.json:[0-9]+:[0-9]+: .*not valid JSON");
    assertThat(Files.readAllBytes(week())).isEqualTo(before);
  }

  @Test
  void aDocumentOfFiftyMegabytesIsRefusedWithoutReadingIt() throws IOException {
    Path huge = root.resolve("huge.json");
    try (RandomAccessFile file = new RandomAccessFile(huge.toFile(), "rw")) {
      file.setLength(50L * 1024 * 1024);
    }
    byte[] before = Files.readAllBytes(week());

    CommandLineRun run = run("import", "csaf", huge.toString(), "--week", WEEK);

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("huge.json: larger than the limit of 33,554,432 bytes");
    assertThat(Files.readAllBytes(week())).isEqualTo(before);
  }

  @Test
  void aFolderGivesOnlyTheDocumentsReleasedInTheWeek() {
    Path folder = root.resolve("mirror");
    ImportFixtures.write(
        folder.resolve("2024/esa-51.json"),
        ImportFixtures.revised(
            csaf("bsi-2022-0001"), "ESA-2024-051", "1", "2024-12-18T10:00:00Z", "In W51"));
    ImportFixtures.write(
        folder.resolve("2024/esa-50.json"),
        ImportFixtures.revised(
            csaf("bsi-2022-0001"), "ESA-2024-050", "1", "2024-12-11T10:00:00Z", "In W50"));

    CommandLineRun run = run("import", "csaf", folder.toString(), "--week", WEEK);

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out())
        .contains("1 added")
        .contains("1 document(s) in the folders given were released outside 2024-W51");
    assertThat(sample.readWeek(WEEK)).contains("ESA-2024-051").doesNotContain("ESA-2024-050");
  }

  @Test
  void theWeekFileKeepsItsPermissionsSoTheDaemonCanStillReadIt() throws IOException {
    Files.setPosixFilePermissions(
        week(), java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));

    assertThat(run("import", "csaf", csaf("bsi-2022-0001").toString(), "--week", WEEK).exitCode())
        .isZero();

    assertThat(
            java.nio.file.attribute.PosixFilePermissions.toString(
                Files.getPosixFilePermissions(week())))
        .isEqualTo("rw-r--r--");
    assertThat(sample.readWeek(WEEK))
        .as("control: the file was rewritten")
        .contains("BSI-2022-0001");
  }

  @Test
  void aDryRunPrintsWhatWouldChangeAndWritesNothing() throws IOException {
    byte[] before = Files.readAllBytes(week());

    CommandLineRun dry =
        run("import", "csaf", csaf("bsi-2022-0001").toString(), "--week", WEEK, "--dry-run");

    assertThat(dry.exitCode()).isZero();
    assertThat(dry.out()).contains("added BSI-2022-0001").contains("would change (dry run");
    assertThat(Files.readAllBytes(week())).isEqualTo(before);
    run("import", "csaf", csaf("bsi-2022-0001").toString(), "--week", WEEK);
    assertThat(Files.readAllBytes(week()))
        .as("control: without --dry-run it writes")
        .isNotEqualTo(before);
  }

  @Test
  void aCveRecordBecomesAnAdvisory() {
    CommandLineRun run =
        run(
            "import",
            "cve",
            ImportFixtures.CVE.resolve("CVE-2024-47249.json").toString(),
            "--week",
            WEEK);

    assertThat(run.exitCode()).as(run.err()).isZero();
    ObjectNode cve = advisory(week(), "CVE-2024-47249");
    assertThat(cve.get("vendor").asString()).isEqualTo("Apache Software Foundation");
    assertThat(cve.get("product").asString()).isEqualTo("Apache NimBLE");
    assertThat(cve.get("versions").asString()).isEqualTo("1.7.0 and earlier");
    assertThat(cve.get("severity").asString()).as("the CNA's textual severity").isEqualTo("low");
    assertThat(cve.get("summary").asString())
        .isEqualTo("Improper Validation of Array Index vulnerability in Apache NimBLE.");
    assertThat(cve.get("published").asString()).isEqualTo("2024-11-26");
    assertThat(cve.get("references").toString())
        .contains("https://lists.apache.org/thread/7ckxw6481dp68ons627pjcb27c75n0mq");
    assertThat(run("validate", WEEK).exitCode()).isZero();
  }

  /**
   * In a bulletin written in English and Chinese a record's ranges are worded in both from the
   * record's structure (lessThanOrEqual, lessThan, changes), each edition printing its own; a bare
   * list of versions is one text in English and one in Chinese, which joins it with 、 and 和.
   */
  @Test
  void aRecordsVersionRangesAreWordedInEachLanguageOfTheBulletin() throws IOException {
    sample.editConfig(
        json -> json.replace("\"languages\": [\"en\"]", "\"languages\": [\"en\", \"zh-CN\"]"));

    CommandLineRun run =
        run(
            "import",
            "cve",
            ImportFixtures.CVE.resolve("CVE-2024-47249.json").toString(),
            ImportFixtures.CVE.resolve("CVE-1900-1234.json").toString(),
            "--week",
            WEEK);

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(advisory(week(), "CVE-2024-47249").get("versions").toString())
        .isEqualTo("{\"en\":\"1.7.0 and earlier\",\"zh-CN\":\"1.7.0及更早版本\"}");
    ObjectNode ranges = advisory(week(), "CVE-1900-1234");
    assertThat(ranges.get("versions").toString())
        .isEqualTo(
            "{\"en\":\"1.0.0 to before 1.0.6, 2.1.6 to before 2.1.9\","
                + "\"zh-CN\":\"1.0.0至1.0.6之前的版本和2.1.6至2.1.9之前的版本\"}");
    assertThat(ranges.get("fixed_versions").toString())
        .isEqualTo("{\"en\":\"1.0.6, 2.1.9\",\"zh-CN\":\"1.0.6和2.1.9\"}");

    assertThat(run("build", WEEK, "--format", "html").exitCode()).isZero();
    Document chinese =
        Jsoup.parse(sample.out().resolve("site/2024/W51/bulletin.zh-CN.html").toFile());
    Document english = Jsoup.parse(sample.out().resolve("site/2024/W51/bulletin.html").toFile());
    assertThat(chinese.select(".versions").eachText())
        .contains(
            "受影响版本：1.7.0及更早版本", "受影响版本：1.0.0至1.0.6之前的版本和2.1.6至2.1.9之前的版本", "已修复版本：1.0.6和2.1.9")
        .noneMatch(text -> text.contains("to before") || text.contains("1.0.6,"));
    assertThat(english.select(".versions").eachText())
        .anyMatch(text -> text.endsWith(": 1.7.0 and earlier"))
        .contains("Fixed: 1.0.6, 2.1.9");
  }

  @Test
  void aRecordWithCvss4AndCvss31KeepsBothAndTheHighestDecidesTheSeverity() throws IOException {
    CommandLineRun run =
        run(
            "import",
            "cve",
            ImportFixtures.CVE.resolve("CVE-1900-1234.json").toString(),
            "--week",
            WEEK);

    assertThat(run.exitCode()).as(run.err()).isZero();
    ObjectNode cve = advisory(week(), "CVE-1900-1234");
    JsonNode scores = cve.get("cvss");
    assertThat(scores.isArray()).isTrue();
    assertThat(scores.get(0).get("version").asString()).isEqualTo("3.1");
    assertThat(scores.get(0).get("score").decimalValue()).isEqualByComparingTo("9.8");
    assertThat(scores.get(1).get("version").asString()).isEqualTo("4.0");
    assertThat(scores.get(1).get("vector").asString()).startsWith("CVSS:4.0/AV:N/AC:L/AT:N");
    assertThat(cve.get("versions").asString())
        .isEqualTo("1.0.0 to before 1.0.6, 2.1.6 to before 2.1.9");
    assertThat(cve.get("fixed_versions").asString()).isEqualTo("1.0.6, 2.1.9");
    assertThat(cve.get("remediation").asString())
        .isEqualTo(
            "This issue is fixed in 1.0.6, 2.1.9, and 3.0.0 and all later versions. Workaround:"
                + " Disable the web management interface with the command > service disable"
                + " webmgmt");
    assertThat(run("build", WEEK).exitCode()).isZero();
    Document html = Jsoup.parse(sample.out().resolve("site/2024/W51/bulletin.html").toFile());
    assertThat(html.select("#adv-CVE-1900-1234 .score").eachText())
        .containsExactly("CVSS 3.1 9.8", "CVSS 4.0 " + scores.get(1).get("score").asString());
    assertThat(html.select("#adv-CVE-1900-1234 .severity-chip").text()).isEqualTo("Critical");
  }

  @Test
  void aWeekWithoutAnAdvisoriesMemberGetsOneWithTheImport() {
    sample.editWeek(WEEK, json -> json.replaceFirst("(?s),\\s*\"advisories\": \\[.*?\\n  \\]", ""));
    assertThat(sample.readWeek(WEEK)).as("control").doesNotContain("\"advisories\"");
    assertThat(run("validate", WEEK).exitCode()).isZero();

    CommandLineRun run = run("import", "csaf", csaf("bsi-2022-0001").toString(), "--week", WEEK);

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(advisory(week(), "BSI-2022-0001").get("title").asString()).contains("CVRF-CSAF");
  }

  @Test
  void anAdvisoryThatWouldMakeTheWeekInvalidIsLeftOutAndTheOthersAreImported() {
    Path emoji = root.resolve("emoji.json");
    ImportFixtures.write(
        emoji,
        ImportFixtures.revised(
            csaf("bsi-2022-0001"),
            "EMOJI-1",
            "1",
            "2024-12-18T10:00:00Z",
            "Converter \uD83D\uDE00 flaw"));

    CommandLineRun run =
        run("import", "csaf", emoji.toString(), csaf("rhsa-2022_0011").toString(), "--week", WEEK);

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err())
        .contains("not imported: EMOJI-1 (" + emoji + "): /title")
        .contains("left out");
    assertThat(sample.readWeek(WEEK)).contains("RHSA-2022:0011").doesNotContain("EMOJI-1");
    assertThat(run("validate", WEEK).exitCode()).isZero();
  }

  @Test
  void aFolderWithABadFileStillGivesItsGoodDocuments() throws IOException {
    Path folder = root.resolve("mixed");
    ImportFixtures.write(
        folder.resolve("good.json"),
        ImportFixtures.revised(
            csaf("bsi-2022-0001"), "GOOD-1", "1", "2024-12-18T10:00:00Z", "Good"));
    try (RandomAccessFile file = new RandomAccessFile(folder.resolve("huge.json").toFile(), "rw")) {
      file.setLength(40L * 1024 * 1024);
    }

    CommandLineRun run = run("import", "csaf", folder.toString(), "--week", WEEK);

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("huge.json: larger than the limit");
    assertThat(sample.readWeek(WEEK)).contains("GOOD-1");
  }

  @Test
  void aNumberWithAHundredMillionDecimalPlacesIsRefusedAtOnce() throws IOException {
    Path tiny = root.resolve("tiny.json");
    Files.writeString(
        tiny,
        Files.readString(csaf("bsi-2022-0001"))
            .replace("\"baseScore\": 6.1", "\"baseScore\": 1e-99999999"));
    assertThat(Files.readString(tiny)).as("control").contains("1e-99999999");

    CommandLineRun run = run("import", "csaf", tiny.toString(), "--week", WEEK);

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err())
        .containsIgnoringCase("1e-99999999 has more decimal places than any figure or score")
        .contains("tiny.json:");
  }

  @Test
  void referencesThatHideCharactersAreLeftOut() throws IOException {
    Path record = root.resolve("CVE-2024-47249.json");
    Files.writeString(
        record,
        Files.readString(ImportFixtures.CVE.resolve("CVE-2024-47249.json"))
            .replace(
                "\"url\": \"http://www.openwall.com/lists/oss-security/2024/11/26/3\"",
                "\"url\": \"https://evil.example/\\u202egpj.exe\""));

    CommandLineRun run = run("import", "cve", record.toString(), "--week", WEEK);

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).contains("left out the reference");
    assertThat(advisory(week(), "CVE-2024-47249").get("references").toString())
        .contains("lists.apache.org")
        .doesNotContain("evil.example");
  }

  @Test
  void versionChangesUnderAnAffectedRangeCloseItAtTheFix() throws IOException {
    Path record = root.resolve("CVE-2024-47249.json");
    Files.writeString(
        record,
        Files.readString(ImportFixtures.CVE.resolve("CVE-2024-47249.json"))
            .replace(
                "\"lessThanOrEqual\": \"1.7.0\",",
                "\"lessThan\": \"1.9\", \"changes\": [{\"at\": \"1.5\", \"status\":"
                    + " \"unaffected\"}],")
            .replace("\"version\": \"0\",", "\"version\": \"1.0\","));

    assertThat(run("import", "cve", record.toString(), "--week", WEEK).exitCode()).isZero();

    ObjectNode cve = advisory(week(), "CVE-2024-47249");
    assertThat(cve.get("versions").asString()).isEqualTo("1.0 to before 1.5");
    assertThat(cve.get("fixed_versions").asString()).isEqualTo("1.5");
  }

  @Test
  void kevCountsAnAdditionOfTheWeekBesideAnOlderEntryOfTheSameAdvisory() throws IOException {
    Path kev = root.resolve("kev.json");
    Files.writeString(
        kev,
        ImportFixtures.kev(
            List.of(
                new String[] {"CVE-2024-47250", "2022-01-10", "2022-01-31"},
                new String[] {"CVE-2024-47249", "2024-12-17", "2025-01-07", "Known"})));

    CommandLineRun run = run("import", "kev", kev.toString(), "--week", WEEK);

    assertThat(run.out()).contains("1 of them added this week");
    assertThat(advisory(week(), "SNC-2024-0514").get("kev").size()).isEqualTo(2);
    assertThat(run("build", WEEK).exitCode()).isZero();
    Document html = Jsoup.parse(sample.out().resolve("site/2024/W51/bulletin.html").toFile());
    assertThat(html.select(".kev-callout li").text())
        .contains("SNC-2024-0514")
        .contains("known to be used by ransomware");
  }

  @Test
  void kevMarksTheWeeksAdvisoriesAndTheBulletinListsThisWeeksAdditionsFirst() throws IOException {
    assertThat(run("build", WEEK).exitCode()).isZero();
    Document plain = Jsoup.parse(sample.out().resolve("site/2024/W51/bulletin.html").toFile());
    assertThat(plain.select(".kev-callout")).as("control: no KEV callout before").isEmpty();
    Path kev = root.resolve("known_exploited_vulnerabilities.json");
    Files.writeString(
        kev,
        ImportFixtures.kev(
            List.of(
                new String[] {"CVE-2021-44228", "2021-12-10", "2021-12-24", "Known"},
                new String[] {"CVE-2024-43767", "2024-12-17", "2025-01-07"})));

    CommandLineRun run = run("import", "kev", kev.toString(), "--week", WEEK);

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out())
        .contains("1 advisory(ies) of 2024-W51 known exploited, 1 of them added this week");
    ObjectNode android = advisory(week(), "SNC-2024-0512");
    assertThat(android.get("exploited").asBoolean()).isTrue();
    assertThat(android.get("kev").toString())
        .isEqualTo(
            "[{\"cve\":\"CVE-2024-43767\",\"date_added\":\"2024-12-17\",\"due_date\":\"2025-01-07\"}]");
    byte[] once = Files.readAllBytes(week());
    assertThat(run("import", "kev", kev.toString(), "--week", WEEK).out()).contains("unchanged");
    assertThat(Files.readAllBytes(week())).isEqualTo(once);

    assertThat(run("build", WEEK).exitCode()).isZero();
    Document html = Jsoup.parse(sample.out().resolve("site/2024/W51/bulletin.html").toFile());
    assertThat(html.select(".kev-callout li").text()).contains("SNC-2024-0512", "Android");
    assertThat(html.select("table.advisories tbody tr").first().id())
        .as("KEV first")
        .isEqualTo("adv-SNC-2024-0512");
    assertThat(html.select("#adv-SNC-2024-0512 .flag-kev").text()).isEqualTo("KEV");
    assertThat(html.select("#adv-SNC-2024-0512 .kev").text())
        .contains("Known Exploited Vulnerabilities catalogue since");
  }

  @Test
  void epssAttachesTheHighestScoreOfTheAdvisorysCvesFromTheGzippedCsv() throws IOException {
    Path epss = root.resolve("epss_scores-2024-12-20.csv.gz");
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (GZIPOutputStream gzip = new GZIPOutputStream(bytes)) {
      gzip.write(
          """
          #model_version:v2023.03.01,score_date:2024-12-20T00:00:00+0000
          cve,epss,percentile
          CVE-2024-43767,0.00043,0.10580
          CVE-2024-47249,0.00045,0.17000
          CVE-2024-47250,0.97432,0.99950
          """
              .getBytes(StandardCharsets.UTF_8));
    }
    Files.write(epss, bytes.toByteArray());

    CommandLineRun run = run("import", "epss", epss.toString(), "--week", WEEK);

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(advisory(week(), "SNC-2024-0514").get("epss").toString())
        .isEqualTo(
            "{\"cve\":\"CVE-2024-47250\",\"score\":0.97432,\"percentile\":0.99950,\"date\":\"2024-12-20\"}");
    assertThat(run("build", WEEK).exitCode()).isZero();
    Document html = Jsoup.parse(sample.out().resolve("site/2024/W51/bulletin.html").toFile());
    assertThat(html.select("#adv-SNC-2024-0514 .epss").text())
        .isEqualTo("EPSS 97.4%, percentile 99");
  }

  @Test
  void aWeekWithoutAFileIsExitTwoWithTheCommandThatStartsIt() {
    CommandLineRun run =
        run("import", "csaf", csaf("bsi-2022-0001").toString(), "--week", "2025-W02");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("cert-bulletin new 2025-W02");
  }

  @Test
  void referencesBeyondTheTenKeptAndRemediationsBeyondThreeAreCountedNotDropped()
      throws IOException {
    ObjectNode doc =
        ImportFixtures.revised(
            csaf("bsi-2022-0001"), "ESA-2024-070", "1", "2024-12-18T10:00:00Z", "Many fixes");
    ArrayNode remediations = (ArrayNode) doc.get("vulnerabilities").get(0).get("remediations");
    ObjectNode template = (ObjectNode) remediations.get(0);
    for (int i = 2; i <= 5; i++) {
      ObjectNode more = template.deepCopy();
      more.put("details", "Update component " + i + ".");
      more.put("url", "https://example.com/fix/" + i);
      remediations.add(more);
    }
    Path file = root.resolve("many-fixes.json");
    ImportFixtures.write(file, doc);

    CommandLineRun run =
        run("import", "csaf", file.toString(), csaf("rhsa-2021_5186").toString(), "--week", WEEK);

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(advisory(week(), "ESA-2024-070").get("remediation").asString())
        .contains("Update component 3.")
        .doesNotContain("Update component 4.")
        .endsWith(" 2 more in the source advisory.");
    assertThat(run.out())
        .contains(
            "kept the first 10 of its 14 references (its own page first); the other 4 are in"
                + " the source");
    assertThat(advisory(week(), "RHSA-2021:5186").get("references").size()).isEqualTo(10);
  }

  @Test
  void twoDifferentDocumentsOfTheSameIdAndRevisionConflictAndBothAreNamed() throws IOException {
    Path first = root.resolve("esa-060.json");
    Path second = root.resolve("mirror/esa-060.json");
    ImportFixtures.write(
        first,
        ImportFixtures.revised(
            csaf("bsi-2022-0001"), "ESA-2024-060", "1", "2024-12-18T10:00:00Z", "As released"));
    ImportFixtures.write(
        second,
        ImportFixtures.revised(
            csaf("bsi-2022-0001"), "ESA-2024-060", "1", "2024-12-18T10:00:00Z", "Changed quietly"));

    CommandLineRun run = run("import", "csaf", first.toString(), second.toString(), "--week", WEEK);

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err())
        .contains(
            "not imported: ESA-2024-060 (" + second + ", revision 1): conflicts with " + first)
        .contains("bump document.tracking.version")
        .contains("or remove one");
    assertThat(advisory(week(), "ESA-2024-060").get("title").asString()).isEqualTo("As released");

    CommandLineRun later = run("import", "csaf", second.toString(), "--week", WEEK);
    assertThat(later.exitCode()).as("the conflict stands on a later run").isEqualTo(2);
    assertThat(later.err()).contains("conflicts with " + first);

    ImportFixtures.write(
        second,
        ImportFixtures.revised(
            csaf("bsi-2022-0001"), "ESA-2024-060", "2", "2024-12-19T10:00:00Z", "Changed quietly"));
    CommandLineRun bumped = run("import", "csaf", second.toString(), "--week", WEEK);
    assertThat(bumped.exitCode()).as("control: a new revision updates: " + bumped.err()).isZero();
    assertThat(advisory(week(), "ESA-2024-060").get("title").asString())
        .isEqualTo("Changed quietly");
  }

  @Test
  void theSameDocumentWrittenOutAgainIsNoConflict() throws IOException {
    Path copy = root.resolve("bsi-copy.json");
    Files.writeString(copy, Files.readString(csaf("bsi-2022-0001")) + "\n\n");
    assertThat(run("import", "csaf", csaf("bsi-2022-0001").toString(), "--week", WEEK).exitCode())
        .isZero();
    byte[] once = Files.readAllBytes(week());

    CommandLineRun run = run("import", "csaf", copy.toString(), "--week", WEEK);

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).contains("not byte for byte but the same for the bulletin");
    assertThat(Files.readAllBytes(week())).isEqualTo(once);
  }

  @Test
  void aCveListedTwiceInKevIsNamedAndTheLaterAddedEntryKept() throws IOException {
    Path kev = root.resolve("kev.json");
    Files.writeString(
        kev,
        ImportFixtures.kev(
            List.of(
                new String[] {"CVE-2024-43767", "2024-11-01", "2024-11-22"},
                new String[] {"CVE-2024-43767", "2024-12-17", "2025-01-07"})));

    CommandLineRun run = run("import", "kev", kev.toString(), "--week", WEEK);

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.err())
        .containsPattern("warning: .*kev\\.json:[0-9]+:[0-9]+: /vulnerabilities/1: CVE-2024-43767")
        .contains(
            "CVE-2024-43767 is listed twice (/vulnerabilities/0, added 2024-11-01;"
                + " /vulnerabilities/1, added 2024-12-17); kept /vulnerabilities/1, the"
                + " later-added: it is CISA's current listing and ignored /vulnerabilities/0");
    assertThat(advisory(week(), "SNC-2024-0512").get("kev").toString())
        .isEqualTo(
            "[{\"cve\":\"CVE-2024-43767\",\"date_added\":\"2024-12-17\",\"due_date\":\"2025-01-07\"}]");
    assertThat(run.out()).contains("1 warning(s)");
  }

  @Test
  void aKevDueDateBeforeItsDateAddedOrNotADateIsNamedAndLeftOut() throws IOException {
    Path kev = root.resolve("kev.json");
    Files.writeString(
        kev,
        ImportFixtures.kev(
            List.of(
                new String[] {"CVE-2024-43767", "2024-12-17", "2024-12-01"},
                new String[] {"CVE-2024-47249", "2024-12-17", "next week"},
                new String[] {"CVE-2024-47250", "2024-12-17", "2025-01-07"})));

    CommandLineRun run = run("import", "kev", kev.toString(), "--week", WEEK);

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.err())
        .contains(
            "/vulnerabilities/0/dueDate: CVE-2024-43767's dueDate 2024-12-01 is before its"
                + " dateAdded 2024-12-17, which cannot be; imported without a due date")
        .contains(
            "/vulnerabilities/1/dueDate: CVE-2024-47249's dueDate 'next week' is not a date like"
                + " 2025-01-07; imported without a due date");
    assertThat(advisory(week(), "SNC-2024-0512").get("kev").get(0).has("due_date")).isFalse();
    assertThat(advisory(week(), "SNC-2024-0514").get("kev").toString())
        .as("control: a due date after the date added is kept")
        .contains("\"due_date\":\"2025-01-07\"")
        .doesNotContain("next week");
  }

  @Test
  void anEpssCveScoredTwiceKeepsTheHigherScoreAndAnUnreadableDateIsSaid() throws IOException {
    Path epss = root.resolve("epss.csv");
    Files.writeString(
        epss,
        """
        \ufeff#model_version:v2023.03.01,score_date:someday
        cve,epss,percentile
        CVE-2024-47250,0.97432,0.99950
        CVE-2024-47250,0.50000,0.90000
        """);

    CommandLineRun run = run("import", "epss", epss.toString(), "--week", WEEK);

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.err())
        .contains(
            epss
                + ":4: CVE-2024-47250 is scored twice (line 3: 0.97432, line 4: 0.50000); kept"
                + " line 3, the higher score")
        .contains(
            epss
                + ":1: the score_date 'someday' is not a date like 2024-12-20; the scores are"
                + " attached without a date");
    assertThat(advisory(week(), "SNC-2024-0514").get("epss").toString())
        .isEqualTo("{\"cve\":\"CVE-2024-47250\",\"score\":0.97432,\"percentile\":0.99950}");
  }

  @Test
  void anEpssFileWithoutAScoreDateIsSaidToBeUndated() throws IOException {
    Path epss = root.resolve("epss.csv");
    Files.writeString(epss, "cve,epss,percentile\nCVE-2024-47250,0.97432,0.99950\n");

    CommandLineRun run = run("import", "epss", epss.toString(), "--week", WEEK);

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.err()).contains(epss + ": no score_date in a comment line");
    assertThat(advisory(week(), "SNC-2024-0514").get("epss").has("date")).isFalse();
  }

  @Test
  void aKevDateAddedBeforeTheCatalogueBeganIsSaid() throws IOException {
    Path kev = root.resolve("kev.json");
    Files.writeString(
        kev,
        ImportFixtures.kev(
            List.<String[]>of(new String[] {"CVE-2024-43767", "0000-01-01", "2025-01-07"})));

    CommandLineRun run = run("import", "kev", kev.toString(), "--week", WEEK);

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.err())
        .contains(
            "/vulnerabilities/0/dateAdded: CVE-2024-43767's dateAdded 0000-01-01 is before the"
                + " catalogue began (2021-11-03)");
  }

  @Test
  void anEpssFileWithLoneCarriageReturnsIsRead() throws IOException {
    Path epss = root.resolve("epss.csv");
    Files.writeString(
        epss,
        "#model_version:v2023.03.01,score_date:2024-12-20T00:00:00+0000\r"
            + "cve,epss,percentile\rCVE-2024-47250,0.97432,0.99950\r");

    CommandLineRun run = run("import", "epss", epss.toString(), "--week", WEEK);

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(advisory(week(), "SNC-2024-0514").get("epss").get("score").decimalValue())
        .isEqualByComparingTo("0.97432");
  }

  @Test
  void aTruncatedGzipIsNamedAsSuch() throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (GZIPOutputStream gzip = new GZIPOutputStream(bytes)) {
      gzip.write("cve,epss,percentile\n".repeat(1000).getBytes(StandardCharsets.UTF_8));
    }
    Path epss = root.resolve("epss.csv.gz");
    Files.write(epss, java.util.Arrays.copyOf(bytes.toByteArray(), bytes.size() / 2));

    CommandLineRun run = run("import", "epss", epss.toString(), "--week", WEEK);

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err())
        .contains(epss + ": cannot read it as gzip (is the download complete?)")
        .doesNotContain(": null");
  }

  private int indexOf(String id) {
    JsonNode advisories = ImportFixtures.read(week()).get("advisories");
    for (int i = 0; i < advisories.size(); i++) {
      if (id.equals(advisories.get(i).get("id").asString())) {
        return i;
      }
    }
    return -1;
  }
}
