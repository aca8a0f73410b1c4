package org.certbulletin.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.text.BreakIterator;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** The PDF's line breaks keep ids, dates, versions and addresses whole. */
class TokenLineBreakerTest {

  @Test
  void anAddressBreaksAfterItsSlashesOnly() {
    assertThat(pieces("source.android.com/docs/security/bulletin/2024-12-01"))
        .containsExactly("source.android.com/", "docs/", "security/", "bulletin/", "2024-12-01");
    assertThat(pieces("https://cert.example/a?x=1&y=2"))
        .containsExactly("https://", "cert.example/", "a?", "x=1&", "y=2");
  }

  @Test
  void idsDatesAndVersionsDoNotBreak() {
    assertThat(pieces("SNC-2024-0511 CVE-2024-43767 2024-12-10 29.0.0 CVSS:3.1"))
        .containsExactly("SNC-2024-0511 ", "CVE-2024-43767 ", "2024-12-10 ", "29.0.0 ", "CVSS:3.1");
  }

  @Test
  void aHyphenBetweenWordsAndASpaceStillBreak() {
    assertThat(pieces("out-of-bounds write")).containsExactly("out-", "of-", "bounds ", "write");
  }

  @Test
  void chineseBreaksAsTheJdkBreaksIt() {
    String text = "2024年12月10日发布，协调处置网络安全事件146起";
    assertThat(pieces(text)).isEqualTo(jdkPieces(text));
  }

  /** The control: the renderer's default rules do break these tokens, which is why this exists. */
  @Test
  void controlTheJdkRulesBreakDatesAndIds() {
    assertThat(jdkPieces("bulletin/2024-12-01")).contains("12-");
    assertThat(jdkPieces("CVE-2024-43767")).contains("CVE-");
  }

  private static List<String> pieces(String text) {
    TokenLineBreaker breaker = new TokenLineBreaker(Locale.ENGLISH);
    breaker.setText(text);
    List<String> pieces = new ArrayList<>();
    int start = 0;
    for (int end = breaker.next(); end != BreakIterator.DONE; end = breaker.next()) {
      pieces.add(text.substring(start, end));
      start = end;
    }
    return pieces;
  }

  private static List<String> jdkPieces(String text) {
    BreakIterator jdk = BreakIterator.getLineInstance(Locale.ENGLISH);
    jdk.setText(text);
    List<String> pieces = new ArrayList<>();
    int start = jdk.first();
    for (int end = jdk.next(); end != BreakIterator.DONE; end = jdk.next()) {
      pieces.add(text.substring(start, end));
      start = end;
    }
    return pieces;
  }
}
