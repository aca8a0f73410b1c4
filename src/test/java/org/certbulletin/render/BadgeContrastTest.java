package org.certbulletin.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.certbulletin.model.Severity;
import org.certbulletin.model.Tlp;
import org.certbulletin.testing.Contrast;
import org.certbulletin.testing.CssCascade;
import org.certbulletin.testing.RenderedPages;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every TLP badge and severity, KEV and exploited label reaches WCAG AA contrast (4.5:1; all of
 * them are smaller than large text), with the colours the templates give them: the page's style
 * sheet at a desktop's and a phone's width, the mail's inline styles. No browser needed.
 */
class BadgeContrastTest {

  private static final int[] WIDTHS = {1200, 375};

  /** The labels of the web page and the archive index, by their classes. */
  private static final String WEB_LABELS =
      ".tlp-badge, .severity-chip, .flag, .situation .rating, .sample-tag, .exploited-note";

  @TempDir static Path root;

  static RenderedPages pages;

  @BeforeAll
  static void render() {
    pages = RenderedPages.render(root);
  }

  @Test
  void firstTlpColoursOnBlackReachAa() {
    for (Tlp tlp : Tlp.values()) {
      assertThat(Contrast.ratio(tlp.colour(), "#000000"))
          .as(tlp.label() + " " + tlp.colour() + " on black")
          .isGreaterThanOrEqualTo(Contrast.AA_NORMAL);
    }
  }

  @Test
  void everyLabelOfTheWebPageReachesAa() throws IOException {
    Document page = parse(pages.bulletin());
    addEveryLabel(page);
    assertThat(page.select(".severity-chip")).hasSizeGreaterThan(Severity.values().length);
    assertThat(page.select(".flag-kev, .flag-exploited, .flag-zero-day")).hasSize(3);
    assertReachAa(pages.bulletin(), page, page.select(WEB_LABELS));
  }

  @Test
  void everyLabelOfTheChineseWebPageReachesAa() throws IOException {
    Document page = parse(pages.chineseBulletin());
    assertReachAa(pages.chineseBulletin(), page, page.select(WEB_LABELS));
  }

  @Test
  void everyLabelOfTheArchiveIndexReachesAa() throws IOException {
    Document index = parse(pages.archiveIndex());
    addEveryLabel(index);
    assertThat(index.select(".sample-tag, .exploited-note")).isNotEmpty();
    assertReachAa(pages.archiveIndex(), index, index.select(WEB_LABELS));
  }

  /** The mail is all inline styles: every text in it, labels included, is checked. */
  @Test
  void everyTextOfTheMailReachesAa() throws IOException {
    Document mail = parse(pages.mail());
    List<Element> labels = mail.select("[style*=background]:matchesOwn(\\S)");
    assertThat(labels.stream().map(Element::ownText))
        .anyMatch(t -> t.startsWith("TLP:AMBER"))
        .anyMatch(t -> t.startsWith("Critical"))
        .anyMatch(t -> t.startsWith("High"))
        .anyMatch(t -> t.startsWith("Medium"))
        .anyMatch(t -> t.startsWith("Low"))
        .anyMatch(t -> t.startsWith("KEV"));
    assertThat(mail.select("strong:matchesOwn(^EXPLOITED$)")).hasSize(1);
    assertReachAa(pages.mail(), mail, mail.select("body *:matchesOwn(\\S)"));
  }

  /**
   * Adds, beside the labels the week has, a TLP badge of every level and a severity chip of every
   * band, where the page shows such labels: each then gets its colours from the style sheet.
   */
  private static void addEveryLabel(Document page) {
    Element badges = page.selectFirst(".masthead-bar");
    for (Tlp tlp : Tlp.values()) {
      badges
          .appendElement("span")
          .addClass("tlp-badge")
          .addClass("tlp-" + tlp.slug())
          .text(tlp.label());
    }
    Element cell = page.selectFirst("main");
    for (Severity severity : Severity.values()) {
      cell.appendElement("span")
          .addClass("severity-chip")
          .addClass("severity-" + severity.code())
          .text(severity.code());
    }
  }

  private static void assertReachAa(Path file, Document page, List<Element> labels) {
    assertThat(labels).as("labels in " + file.getFileName()).isNotEmpty();
    CssCascade cascade = CssCascade.of(page);
    Set<String> pairs = new LinkedHashSet<>();
    List<String> failures = new ArrayList<>();
    for (int width : WIDTHS) {
      for (Element label : labels) {
        CssCascade.TextColours colours = cascade.colours(label, width);
        String pair =
            String.format(
                Locale.ROOT,
                "%s at %d px: %s %s on %s: %.2f:1",
                file.getFileName(),
                width,
                describe(label),
                colours.foreground(),
                colours.background(),
                colours.ratio());
        pairs.add(pair);
        if (colours.ratio() < Contrast.AA_NORMAL) {
          failures.add(pair + " \"" + label.ownText() + "\"");
        }
      }
    }
    pairs.forEach(System.out::println);
    assertThat(failures).as("below WCAG AA (%s:1)", Contrast.AA_NORMAL).isEmpty();
  }

  private static String describe(Element label) {
    return label.className().isEmpty()
        ? label.tagName()
        : label.tagName() + "." + String.join(".", label.classNames());
  }

  private static Document parse(Path file) throws IOException {
    return Jsoup.parse(Files.readString(file, StandardCharsets.UTF_8));
  }
}
