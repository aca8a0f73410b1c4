package org.certbulletin.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.bouncycastle.openpgp.PGPSecretKeyRing;
import org.certbulletin.model.InvalidDataException;
import org.certbulletin.model.ProgressListener;
import org.certbulletin.pgp.Certificate;
import org.certbulletin.pgp.KeyFiles;
import org.certbulletin.service.BulletinService;
import org.certbulletin.testing.Gpg;
import org.certbulletin.testing.HtmlValidation;
import org.certbulletin.testing.PgpKeys;
import org.certbulletin.testing.SampleWorkspace;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The signed archive as a reader checks it: with the key the site publishes and {@code gpg
 * --verify}, the way README tells them to.
 */
@Tag("slow")
class ArchiveSigningTest {

  private static final List<String> DROPPED =
      List.of("2024-W44", "2024-W45", "2024-W46", "2024-W47", "2024-W48");

  private static PGPSecretKeyRing key;
  private static String fingerprint;

  @TempDir Path temp;
  SampleWorkspace sample;
  Path site;

  @BeforeAll
  static void makeKey() {
    key = PgpKeys.key("SN-CERT Bulletin <bulletin@cert.example>");
    fingerprint = PgpKeys.fingerprint(key);
  }

  /** The shipped sample in both languages, cut to three weeks to keep the test quick. */
  @BeforeEach
  void signingSample() throws IOException {
    signingSample(SampleWorkspace.copyAsShipped(temp.resolve("w")));
  }

  private void signingSample(SampleWorkspace copy) throws IOException {
    sample = copy;
    for (String week : DROPPED) {
      Files.delete(sample.weekFile(week));
    }
    Files.createDirectories(sample.data().resolve("keys"));
    Files.write(sample.data().resolve("keys/signing-key.asc"), PgpKeys.publicKey(key));
    sample.configure("openpgp", "{\"public_key\": \"keys/signing-key.asc\"}");
    site = sample.out().resolve("site");
  }

  @Test
  void everyPdfAndTheChecksumsVerifyWithThePublishedKeyAndEveryBulletinPrintsIt() throws Exception {
    publish(PgpKeys.environment(key));

    byte[] published = Files.readAllBytes(site.resolve("pgp-key.asc"));
    assertThat(KeyFiles.parse(published, "pgp-key.asc"))
        .extracting(Certificate::fingerprint)
        .containsExactly(fingerprint);
    Gpg gpg = new Gpg(temp);
    List<Path> pdfs = files(".pdf");
    assertThat(pdfs).hasSize(6).anyMatch(p -> p.toString().endsWith("bulletin.zh-CN.pdf"));
    for (Path pdf : pdfs) {
      Path signature = Path.of(pdf + ".asc");
      assertThat(gpg.verifyDetached(published, Files.readAllBytes(signature), bytes(pdf)))
          .as(pdf.toString())
          .isEqualTo(fingerprint);
    }
    byte[] sums = bytes(site.resolve("SHA256SUMS"));
    assertThat(gpg.verifyDetached(published, bytes(site.resolve("SHA256SUMS.asc")), sums))
        .isEqualTo(fingerprint);
    assertThat(new String(sums, StandardCharsets.UTF_8))
        .contains("  2024/W51/bulletin.pdf.asc\n", "  2024/W51/bulletin.zh-CN.pdf\n")
        .contains("  pgp-key.asc\n")
        .doesNotContain("SHA256SUMS.asc");

    // every bulletin prints the fingerprint, as gpg --fingerprint does, and where the key is
    String spaced = KeyFiles.parse(PgpKeys.publicKey(key), "k").get(0).spacedFingerprint();

    for (String html : List.of("bulletin.html", "bulletin.zh-CN.html")) {
      var contact =
          Jsoup.parse(site.resolve("2024/W51/" + html).toFile(), "UTF-8").selectFirst(".contact");
      assertThat(contact.select(".fingerprint").text())
          .as(html)
          .isEqualTo(spaced.replace("  ", " "));
      assertThat(contact.select("a[href$=pgp-key.asc]").attr("href"))
          .isEqualTo("https://cert.example/bulletins/pgp-key.asc");
    }
    assertThat(HtmlValidation.errors(bytes(site.resolve("2024/W51/bulletin.html")))).isEmpty();
    try (PDDocument pdf = Loader.loadPDF(site.resolve("2024/W51/bulletin.pdf").toFile())) {
      assertThat(new PDFTextStripper().getText(pdf).replaceAll("\\s+", " "))
          .contains(spaced.replaceAll("\\s+", " "));
    }

    // control: a PDF changed after signing does not verify
    byte[] changed = bytes(pdfs.get(0));
    changed[changed.length - 2] ^= 1;
    assertThatThrownBy(
            () -> gpg.verifyDetached(published, bytes(Path.of(pdfs.get(0) + ".asc")), changed))
        .isInstanceOf(AssertionError.class);
  }

  @Test
  void aPublishThatChangesNothingKeepsEverySignatureByteForByte() throws Exception {
    // the English-only sample: half the renders
    signingSample(SampleWorkspace.copyTo(temp.resolve("en")));
    publish(PgpKeys.environment(key));
    Map<String, String> before = SampleWorkspace.snapshot(site);
    Map<String, byte[]> signatures = signatures();

    assertThat(publish(PgpKeys.environment(key)).changed()).isFalse();
    assertThat(SampleWorkspace.snapshot(site)).isEqualTo(before);

    // control: a changed week gets new signatures, the others keep theirs, and all verify
    sample.editWeek("2024-W51", json -> json.replace("\"value\": 2950", "\"value\": 2951"));
    Thread.sleep(1100); // a new signature's creation time differs by at least a second
    assertThat(publish(PgpKeys.environment(key)).changed()).isTrue();
    Map<String, byte[]> after = signatures();
    assertThat(after.get("2024/W51/bulletin.pdf.asc"))
        .isNotEqualTo(signatures.get("2024/W51/bulletin.pdf.asc"));
    assertThat(after.get("SHA256SUMS.asc")).isNotEqualTo(signatures.get("SHA256SUMS.asc"));
    assertThat(after.get("2024/W50/bulletin.pdf.asc"))
        .isEqualTo(signatures.get("2024/W50/bulletin.pdf.asc"));
    byte[] published = bytes(site.resolve("pgp-key.asc"));
    Gpg gpg = new Gpg(temp);
    assertThat(
            gpg.verifyDetached(
                published, after.get("SHA256SUMS.asc"), bytes(site.resolve("SHA256SUMS"))))
        .isEqualTo(fingerprint);
    assertThat(
            gpg.verifyDetached(
                published,
                after.get("2024/W51/bulletin.pdf.asc"),
                bytes(site.resolve("2024/W51/bulletin.pdf"))))
        .isEqualTo(fingerprint);
  }

  @Test
  void withoutTheSecretKeyNothingIsPublishedAndTheMessageSaysWhatToSet() throws Exception {
    assertThatThrownBy(() -> publish(Map.of()))
        .isInstanceOf(InvalidDataException.class)
        .hasMessageContaining("CERT_BULLETIN_OPENPGP_KEY");
    assertThat(site).doesNotExist();

    Map<String, String> wrongPassphrase = new java.util.HashMap<>(PgpKeys.environment(key));
    wrongPassphrase.put("CERT_BULLETIN_OPENPGP_PASSPHRASE", "nope");
    assertThatThrownBy(() -> publish(wrongPassphrase))
        .hasMessageContaining("CERT_BULLETIN_OPENPGP_PASSPHRASE")
        .hasMessageNotContaining("nope");
    assertThat(site).doesNotExist();
  }

  @Test
  void anExpiredKeyIsRefusedBeforeAnythingIsWritten() throws Exception {
    Instant now = Instant.now();
    // the newest key that can be made: one that expired a second after it was made
    PGPSecretKeyRing expiring =
        PgpKeys.key(
            "SN-CERT <bulletin@cert.example>", now.minus(Duration.ofDays(9)), now.plusSeconds(2));
    Files.write(sample.data().resolve("keys/signing-key.asc"), PgpKeys.publicKey(expiring));
    Thread.sleep(2500);
    assertThatThrownBy(() -> publish(PgpKeys.environment(expiring)))
        .isInstanceOf(InvalidDataException.class)
        .hasMessageContaining("expired on");
    assertThat(site).doesNotExist();
  }

  private PublishReport publish(Map<String, String> environment)
      throws IOException, InterruptedException {
    return new BulletinService(sample.workspace(), environment).publish(ProgressListener.NONE);
  }

  private List<Path> files(String suffix) throws IOException {
    try (Stream<Path> walk = Files.walk(site.toRealPath())) {
      return walk.filter(p -> p.toString().endsWith(suffix)).sorted().toList();
    }
  }

  private Map<String, byte[]> signatures() throws IOException {
    Path root = site.toRealPath();
    Map<String, byte[]> signatures = new java.util.TreeMap<>();
    for (Path file : files(".asc")) {
      signatures.put(root.relativize(file).toString(), Files.readAllBytes(file));
    }
    return signatures;
  }

  private static byte[] bytes(Path file) throws IOException {
    return Files.readAllBytes(file);
  }
}
