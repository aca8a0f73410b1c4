package org.certbulletin.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;

/** The contrast check's own arithmetic and cascade, on pages small enough to work out by hand. */
class CssCascadeTest {

  @Test
  void computesTheRatiosWcagGives() {
    assertThat(Contrast.ratio("#000000", "#ffffff")).isEqualTo(21.0, within(1e-9));
    assertThat(Contrast.ratio("#fff", "#FFFFFF")).isEqualTo(1.0, within(1e-9));
    assertThat(Contrast.ratio("#767676", "#ffffff")).isEqualTo(4.54, within(0.01));
    assertThat(Contrast.ratio("#777777", "#ffffff")).isLessThan(Contrast.AA_NORMAL);
  }

  @Test
  void theMoreSpecificRuleWinsWhateverItsPlace() {
    Document page =
        page(
            ".chip.hot { background: #8b1a1a; } .chip { color: #fff; background: #aaaaaa; }",
            "<span class=\"chip hot\">x</span>");

    CssCascade.TextColours colours = CssCascade.of(page).colours(page.selectFirst("span"), 1200);

    assertThat(colours).isEqualTo(new CssCascade.TextColours("#ffffff", "#8b1a1a"));
  }

  @Test
  void inheritsColourAndTakesTheBackgroundOfTheNearestAncestorThatHasOne() {
    Document page =
        page(
            "body { color: #1a2533; } .box { background-color: #fdf6f5; }",
            "<div class=\"box\"><p><b>x</b></p></div>");

    CssCascade.TextColours colours = CssCascade.of(page).colours(page.selectFirst("b"), 1200);

    assertThat(colours).isEqualTo(new CssCascade.TextColours("#1a2533", "#fdf6f5"));
  }

  @Test
  void appliesScreenRulesForTheirWidthsOnlyAndNeverPrintRules() {
    Document page =
        page(
            "p { color: #000; } @media screen and (max-width: 720px) { p { color: #999999; } }"
                + " @media print { p { color: #ff0000; } }",
            "<p>x</p>");

    CssCascade cascade = CssCascade.of(page);

    assertThat(cascade.colours(page.selectFirst("p"), 1200).foreground()).isEqualTo("#000000");
    assertThat(cascade.colours(page.selectFirst("p"), 375).foreground()).isEqualTo("#999999");
  }

  @Test
  void anInlineStyleBeatsTheStyleSheet() {
    Document page = page("p { color: #000; }", "<p style=\"color:#c2410c\">x</p>");

    assertThat(CssCascade.of(page).colours(page.selectFirst("p"), 1200).foreground())
        .isEqualTo("#c2410c");
  }

  private static Document page(String css, String body) {
    return Jsoup.parse("<html><head><style>" + css + "</style></head><body>" + body + "</body>");
  }
}
