package org.certbulletin.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The byte-level rewrite that makes a table header's copies pagination artifacts. */
class RepeatedTableHeadersTest {

  private static String rewrite(String content, Integer... mcids) {
    return new String(
        RepeatedTableHeaders.asArtifacts(
            content.getBytes(StandardCharsets.ISO_8859_1), Set.of(mcids)),
        StandardCharsets.ISO_8859_1);
  }

  @Test
  void theCopiesMarkedContentBecomesAPaginationArtifactAndTheRestStaysByteForByte() {
    String page =
        """
        q
        /TH <</MCID 3>> BDC
        BT (Details) Tj ET
        EMC
        /TD <</MCID 4>> BDC
        BT (CVE) Tj ET
        EMC
        Q
        """;
    assertThat(rewrite(page, 3))
        .isEqualTo(
            """
            q
            /Artifact <</Type /Pagination>> BDC
            BT (Details) Tj ET
            EMC
            /TD <</MCID 4>> BDC
            BT (CVE) Tj ET
            EMC
            Q
            """);
    assertThat(rewrite(page, 3, 4)).doesNotContain("MCID").contains("(CVE) Tj");
    assertThat(rewrite(page)).as("nothing asked, nothing changed").isEqualTo(page);
  }

  @Test
  void textThatSpellsAMarkedContentOperatorIsLeftAlone() {
    // a glyph code may be any byte, so a string may hold what looks like an operator
    String page =
        """
        BT (a \\) /TH <</MCID 3>> BDC \\( (nested) x) Tj ET
        BT <2F54483C3C> Tj ET
        /P <</MCID 3 >>  BDC EMC
        """;
    assertThat(rewrite(page, 3))
        .isEqualTo(
            """
            BT (a \\) /TH <</MCID 3>> BDC \\( (nested) x) Tj ET
            BT <2F54483C3C> Tj ET
            /Artifact <</Type /Pagination>> BDC EMC
            """);
  }

  @Test
  void onlyMarkedContentWithAnInlineIdIsRewritten() {
    String page =
        """
        /Span /Prop1 BDC EMC
        /Span <</MCID 31>> BDC EMC
        /Span <</MCID 3>> BMC
        """;
    assertThat(rewrite(page, 3, 31))
        .isEqualTo(
            """
            /Span /Prop1 BDC EMC
            /Artifact <</Type /Pagination>> BDC EMC
            /Span <</MCID 3>> BMC
            """);
  }
}
