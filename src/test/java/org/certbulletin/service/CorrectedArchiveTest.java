package org.certbulletin.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.bouncycastle.openpgp.PGPSecretKeyRing;
import org.certbulletin.files.JsonMapping;
import org.certbulletin.model.Principal;
import org.certbulletin.model.ProgressListener;
import org.certbulletin.model.ReviewAct;
import org.certbulletin.model.Role;
import org.certbulletin.model.Tlp;
import org.certbulletin.model.WeekId;
import org.certbulletin.testing.Gpg;
import org.certbulletin.testing.HtmlValidation;
import org.certbulletin.testing.PgpKeys;
import org.certbulletin.testing.SampleWorkspace;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.parser.Parser;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * A corrected week in the public archive: the version readers first got stays at its own address
 * ({@code 2024/W51/v1/}), signed and in the checksums, saying it was superseded; the week's address
 * shows the correction; the feed updates the week's entry in place; and publishing again changes no
 * byte.
 */
class CorrectedArchiveTest {

  private static final WeekId W51 = WeekId.parse("2024-W51");
  private static final List<String> DROPPED =
      List.of("2024-W44", "2024-W45", "2024-W46", "2024-W47", "2024-W48");
  private static final List<String> EDITION = List.of("bulletin", "bulletin.zh-CN");

  private static final Principal ALICE = person("alice", Role.ANALYST);
  private static final Principal BOB = person("bob", Role.REVIEWER);
  private static final Principal CAROL = person("carol", Role.OPERATOR);

  @TempDir Path root;

  private PGPSecretKeyRing key;
  private SampleWorkspace sample;
  private ManualClock clock;
  private Application application;
  private Path site;

  private static Principal person(String name, Role... roles) {
    return new Principal(Principal.Kind.USER, name, name, Set.of(roles), Tlp.RED);
  }

  /** The shipped sample in both languages, cut to three weeks, signed, with four eyes. */
  @BeforeEach
  void open() throws IOException {
    sample = SampleWorkspace.copyAsShipped(root.resolve("w"));
    for (String week : DROPPED) {
      Files.delete(sample.weekFile(week));
    }
    key = PgpKeys.key("SN-CERT Bulletin <bulletin@cert.example>");
    Files.createDirectories(sample.data().resolve("keys"));
    Files.write(sample.data().resolve("keys/signing-key.asc"), PgpKeys.publicKey(key));
    sample.configure("openpgp", "{\"public_key\": \"keys/signing-key.asc\"}");
    sample.configure("approval", "{\"required\": true, \"distinct_approver\": true}");
    clock = new ManualClock(Instant.parse("2024-12-25T01:00:00Z"));
    application = Application.open(sample.workspace(), PgpKeys.environment(key), clock);
    site = sample.out().resolve("site");
  }

  @AfterEach
  void close() {
    if (application != null) {
      application.close();
    }
  }

  private Bulletins as(Principal who) {
    return application.rereadBulletins(who, "127.0.0.1");
  }

  private PublishResult publish() throws Exception {
    return as(CAROL).publish(ProgressListener.NONE, false);
  }

  @Test
  void theFirstVersionStaysAtItsOwnAddressSignedAndTheWeekShowsTheCorrection() throws Exception {
    as(ALICE).submit(W51, Optional.empty());
    as(BOB).approve(W51);
    publish();
    assertThat(site.resolve("2024/W51/v1")).doesNotExist();
    Map<String, Element> before =
        Map.of("feed.xml", feedEntry("feed.xml"), "feed.zh-CN.xml", feedEntry("feed.zh-CN.xml"));
    assertThat(Files.readString(site.resolve("index.html"))).doesNotContain("class=\"corrected\"");

    clock.advance(Duration.ofHours(3));
    sample.editWeek("2024-W51", json -> json.replace("\"value\": 2950", "\"value\": 2590"));
    as(ALICE).submit(W51, Optional.of("The breaches were 2,590, not 2,950."));
    clock.advance(Duration.ofMinutes(20));
    Instant corrected = as(BOB).approve(W51).approved().map(ReviewAct::at).orElseThrow();
    publish();

    for (String name : EDITION) {
      for (String file : List.of(".html", ".pdf", ".pdf.asc", ".json")) {
        assertThat(site.resolve("2024/W51/v1/" + name + file)).isRegularFile();
        assertThat(site.resolve("2024/W51/" + name + file)).isRegularFile();
      }
      JsonNode v1 = json("2024/W51/v1/" + name + ".json");
      assertThat(v1.at("/tallies/data_breaches/value").asLong()).isEqualTo(2950);
      assertThat(v1.at("/revision/version").asInt()).isEqualTo(1);
      assertThat(v1.at("/revision/superseded_by/version").asInt()).isEqualTo(2);
      assertThat(Instant.parse(v1.at("/revision/superseded_by/corrected_at").asString()))
          .isEqualTo(corrected);
      JsonNode v2 = json("2024/W51/" + name + ".json");
      assertThat(v2.at("/tallies/data_breaches/value").asLong()).isEqualTo(2590);
      assertThat(v2.at("/revision/version").asInt()).isEqualTo(2);
      assertThat(v2.at("/revision/correction/note").asString()).contains("2,590");
      assertThat(v2.at("/revision/superseded_by").isMissingNode()).isTrue();
      // the earlier version's page says so and leads to the current one
      Document page = Jsoup.parse(site.resolve("2024/W51/v1/" + name + ".html").toFile());
      assertThat(page.select(".superseded-banner a").attr("href"))
          .isEqualTo("../" + name + ".html");
      assertThat(
              Jsoup.parse(site.resolve("2024/W51/" + name + ".html").toFile())
                  .select(".superseded-banner"))
          .isEmpty();
    }

    // read away from the archive, the first version's PDF names its own translation and the
    // current version; the current one names its own translation
    assertThat(pdfText("2024/W51/v1/bulletin.pdf"))
        .contains("https://cert.example/bulletins/2024/W51/v1/bulletin.zh-CN.pdf")
        .contains("https://cert.example/bulletins/2024/W51/bulletin.pdf");
    assertThat(pdfText("2024/W51/bulletin.pdf"))
        .contains("https://cert.example/bulletins/2024/W51/bulletin.zh-CN.pdf")
        .doesNotContain("/v1/");

    String sums = Files.readString(site.resolve("SHA256SUMS"));
    assertThat(sums)
        .contains("  2024/W51/v1/bulletin.pdf\n", "  2024/W51/v1/bulletin.pdf.asc\n")
        .contains("  2024/W51/v1/bulletin.zh-CN.html\n", "  2024/W51/v1/bulletin.json\n");
    Process check = sha256sumCheck(site);
    String checked = new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(check.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(check.exitValue()).as(checked).isZero();
    assertThat(checked).contains("2024/W51/v1/bulletin.zh-CN.pdf: OK");
    // control: the same check finds an earlier version's file changed in a copy of the site
    Path copy = copyOf(site, root.resolve("copy"));
    Path tampered = copy.resolve("2024/W51/v1/bulletin.json");
    Files.writeString(
        tampered, Files.readString(tampered).replace("2950", "2590"), StandardCharsets.UTF_8);
    Process failing = sha256sumCheck(copy);
    String failed = new String(failing.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(failing.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(failing.exitValue()).isNotZero();
    assertThat(failed).contains("2024/W51/v1/bulletin.json: FAILED");

    byte[] publicKey = Files.readAllBytes(site.resolve("pgp-key.asc"));
    Gpg gpg = new Gpg(root);
    for (String pdf :
        List.of(
            "2024/W51/v1/bulletin.pdf",
            "2024/W51/v1/bulletin.zh-CN.pdf",
            "2024/W51/bulletin.pdf",
            "SHA256SUMS")) {
      Path signed = site.resolve(pdf);
      assertThat(
              gpg.verifyDetached(
                  publicKey,
                  Files.readAllBytes(Path.of(signed + ".asc")),
                  Files.readAllBytes(signed)))
          .as(pdf)
          .isEqualTo(PgpKeys.fingerprint(key));
    }

    for (String feed : before.keySet()) {
      Element first = before.get(feed);
      Element after = feedEntry(feed);
      assertThat(after.selectFirst("id").text()).isEqualTo(first.selectFirst("id").text());
      assertThat(after.selectFirst("published").text())
          .isEqualTo(first.selectFirst("published").text());
      assertThat(Instant.parse(first.selectFirst("updated").text())).isNotEqualTo(corrected);
      assertThat(Instant.parse(after.selectFirst("updated").text())).isEqualTo(corrected);
    }
    assertThat(Files.readString(site.resolve("index.html"))).contains("class=\"corrected\"");
    for (String page : List.of("index.html", "index.zh-CN.html", "2024/W51/v1/bulletin.html")) {
      assertThat(HtmlValidation.errors(Files.readAllBytes(site.resolve(page)))).as(page).isEmpty();
    }
  }

  @Test
  void publishingAgainChangesNoByteAndALaterCorrectionLeavesTheFirstVersionAsItWas()
      throws Exception {
    as(ALICE).submit(W51, Optional.empty());
    as(BOB).approve(W51);
    publish();
    correct("\"value\": 2950", "\"value\": 2590", "2,590 breaches");
    assertThat(publish().changed()).isTrue();
    Map<String, String> corrected = SampleWorkspace.snapshot(site);

    assertThat(publish().changed()).isFalse();
    assertThat(SampleWorkspace.snapshot(site)).isEqualTo(corrected);

    // control: a second correction changes the archive, adds version 2 at its own address, and
    // leaves every file of version 1 byte for byte, signature included
    correct("\"value\": 2590", "\"value\": 2591", "2,591 breaches");
    assertThat(publish().changed()).isTrue();
    Map<String, String> after = SampleWorkspace.snapshot(site);
    assertThat(after).isNotEqualTo(corrected);
    assertThat(after).containsKey("2024/W51/v2/bulletin.pdf.asc");
    assertThat(after.get("2024/W51/bulletin.pdf"))
        .isNotEqualTo(corrected.get("2024/W51/bulletin.pdf"));
    Map<String, String> v1 = version1(corrected);
    assertThat(v1).hasSize(8);
    assertThat(version1(after)).isEqualTo(v1);
    JsonNode v2 = json("2024/W51/v2/bulletin.json");
    assertThat(v2.at("/tallies/data_breaches/value").asLong()).isEqualTo(2590);
    assertThat(v2.at("/revision/superseded_by/version").asInt()).isEqualTo(3);
    assertThat(json("2024/W51/bulletin.json").at("/revision/version").asInt()).isEqualTo(3);
    assertThat(feedEntries("feed.xml")).hasSize(1);

    // approval switched off: the weeks leave as their files are, and the earlier versions readers
    // were sent stay where they were, byte for byte and in the checksums
    sample.editConfig(
        json ->
            json.replace(
                "\"approval\": {\"required\": true,", "\"approval\": {\"required\": false,"));
    assertThat(publish().changed()).isTrue();
    Map<String, String> unreviewed = SampleWorkspace.snapshot(site);
    assertThat(unreviewed).containsKey("2024/W50/bulletin.html");
    assertThat(version1(unreviewed)).isEqualTo(v1);
    assertThat(unreviewed.get("2024/W51/v2/bulletin.pdf"))
        .isEqualTo(after.get("2024/W51/v2/bulletin.pdf"));
    assertThat(Files.readString(site.resolve("SHA256SUMS")))
        .contains("  2024/W51/v1/bulletin.pdf\n", "  2024/W51/v2/bulletin.zh-CN.json\n");
  }

  /** Edits week 51, submits it as alice with {@code note} and has bob approve it. */
  private void correct(String from, String to, String note) {
    clock.advance(Duration.ofHours(1));
    sample.editWeek("2024-W51", json -> json.replace(from, to));
    as(ALICE).submit(W51, Optional.of(note));
    clock.advance(Duration.ofMinutes(10));
    as(BOB).approve(W51);
  }

  private static Map<String, String> version1(Map<String, String> snapshot) {
    Map<String, String> v1 = new java.util.TreeMap<>(snapshot);
    v1.keySet().removeIf(path -> !path.startsWith("2024/W51/v1/"));
    return v1;
  }

  /** The text of a PDF of the site, without white space (a long address may wrap). */
  private String pdfText(String path) throws IOException {
    try (PDDocument pdf = Loader.loadPDF(site.resolve(path).toFile())) {
      return new PDFTextStripper().getText(pdf).replaceAll("\\s+", "");
    }
  }

  private JsonNode json(String path) throws IOException {
    return JsonMapping.mapper().readTree(Files.readAllBytes(site.resolve(path)));
  }

  private List<Element> feedEntries(String feed) throws IOException {
    Document xml = Jsoup.parse(Files.readString(site.resolve(feed)), "", Parser.xmlParser());
    return xml.select("entry").stream()
        .filter(e -> e.select("link[rel=alternate]").attr("href").contains("2024/W51/"))
        .toList();
  }

  /** The one entry of week 51 in {@code feed}. */
  private Element feedEntry(String feed) throws IOException {
    List<Element> entries = feedEntries(feed);
    assertThat(entries).as(feed).hasSize(1);
    return entries.get(0);
  }

  /** A plain copy of the files below {@code from} (following the site's link) in {@code to}. */
  private static Path copyOf(Path from, Path to) throws IOException {
    for (String path : SampleWorkspace.snapshot(from).keySet()) {
      Path target = to.resolve(path);
      Files.createDirectories(target.getParent());
      Files.write(target, Files.readAllBytes(from.resolve(path)));
    }
    return to;
  }

  private static Process sha256sumCheck(Path folder) throws IOException {
    return new ProcessBuilder("sha256sum", "-c", "SHA256SUMS")
        .directory(folder.toFile())
        .redirectErrorStream(true)
        .start();
  }
}
