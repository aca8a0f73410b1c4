package org.certbulletin.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;
import org.certbulletin.ingest.DataDirectory;
import org.certbulletin.ingest.WeekWriter;
import org.certbulletin.model.Bulletin;
import org.certbulletin.model.Format;
import org.certbulletin.model.WeekId;
import org.certbulletin.testing.Axe;
import org.certbulletin.testing.AxeViolation;
import org.certbulletin.testing.Chromium;
import org.certbulletin.testing.RenderedPages;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Deque's axe-core, in headless Chromium, finds no accessibility problem (WCAG 2 A and AA, colour
 * contrast included, and its best practices) in the pages people read, as a desktop (1200 px) and a
 * phone (375 px) show them. Skipped, saying what to install, where there is no Chromium.
 */
@Tag("slow")
class AxeTest {

  private static final int DESKTOP = 1200;
  private static final int PHONE = 375;

  @TempDir static Path root;

  static RenderedPages pages;
  static Chromium browser;
  static Axe axe;

  @BeforeAll
  static void start() throws IOException {
    Optional<Path> binary = Chromium.find();
    if (binary.isEmpty()) {
      System.err.println(
          "\n*** AxeTest SKIPPED: no Chromium, so the pages were NOT checked for accessibility: "
              + Chromium.INSTALL_HINT
              + " ***\n");
      return;
    }
    pages = RenderedPages.render(root);
    browser = Chromium.start(binary.get());
    axe = new Axe(browser);
  }

  @BeforeEach
  void needsTheBrowser() {
    assumeTrue(browser != null, () -> "no Chromium to run axe-core in: " + Chromium.INSTALL_HINT);
  }

  @AfterAll
  static void stop() throws IOException {
    if (browser != null) {
      browser.close();
    }
  }

  @Test
  void theEnglishBulletinHasNoViolation() throws IOException {
    assertNoViolation(pages.bulletin());
  }

  @Test
  void theChineseBulletinHasNoViolation() throws IOException {
    assertNoViolation(pages.chineseBulletin());
  }

  @Test
  void theArchiveIndexHasNoViolation() throws IOException {
    assertNoViolation(pages.archiveIndex());
  }

  @Test
  void theMailBodyHasNoViolation() throws IOException {
    assertNoViolation(pages.mail());
  }

  @Test
  void aCorrectedBulletinAndItsMailHaveNoViolation() throws IOException {
    Bulletin corrected =
        Corrections.corrected(sampleWeek(), "Version 1 counted six incidents twice.");
    assertNoViolation(page("corrected.html", html(corrected)));
    MailBodies mail =
        new BulletinRenderer(Path.of("templates"))
            .renderMail(corrected, "b.pdf", Optional.empty(), Optional.empty());
    assertNoViolation(page("corrected-mail.html", mail.html().getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void aSupersededVersionHasNoViolation() throws IOException {
    assertNoViolation(page("superseded.html", html(Corrections.superseded(sampleWeek()))));
  }

  private static Bulletin sampleWeek() {
    return new DataDirectory(Path.of("data")).bulletin(WeekId.parse("2024-W51"), Locale.ENGLISH);
  }

  private static byte[] html(Bulletin bulletin) {
    return new BulletinRenderer(Path.of("templates"))
        .render(bulletin, WeekWriter.write(bulletin), EnumSet.of(Format.HTML))
        .file(Format.HTML)
        .orElseThrow();
  }

  private static Path page(String name, byte[] html) throws IOException {
    return Files.write(root.resolve(name), html);
  }

  /** The control: the check can fail, on a page with the faults it is there to catch. */
  @Test
  void reportsTheFaultsOfABrokenPage() throws IOException {
    Path broken =
        Files.writeString(
            root.resolve("broken.html"),
            """
            <!DOCTYPE html>
            <html><head><title>Broken</title></head>
            <body><main>
            <img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" width="20" height="20">
            <p style="color:#aaaaaa;background:#ffffff">Grey on white, 2.3:1</p>
            <h1>Heading</h1><h4>Skipped levels</h4>
            <a href="#x"></a>
            </main></body></html>
            """);

    List<AxeViolation> found = axe.check(broken, DESKTOP).get(0);

    assertThat(found)
        .extracting(AxeViolation::rule)
        .contains("html-has-lang", "image-alt", "color-contrast", "heading-order", "link-name");
    assertThat(found.toString()).contains("#aaaaaa", "img");
  }

  private static void assertNoViolation(Path page) throws IOException {
    List<List<AxeViolation>> byWidth = axe.check(page, DESKTOP, PHONE);
    String report =
        "axe-core "
            + axe.version()
            + " on "
            + page.getFileName()
            + "\nat "
            + DESKTOP
            + " px:\n  "
            + describe(byWidth.get(0))
            + "\nat "
            + PHONE
            + " px:\n  "
            + describe(byWidth.get(1));
    if (!byWidth.stream().allMatch(List::isEmpty)) {
      fail(report);
    }
  }

  private static String describe(List<AxeViolation> violations) {
    return violations.isEmpty()
        ? "none"
        : violations.stream().map(AxeViolation::toString).collect(Collectors.joining("\n  "));
  }
}
