package org.certbulletin.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * Says under which default locale the suite ran, so the report shows the Arabic run really was one.
 */
class DefaultLocaleTest {

  @Test
  void theSuiteRunsUnderTheLocaleItWasStartedWith() {
    String expected =
        System.getProperty("user.language", "") + "_" + System.getProperty("user.country", "");
    assertThat(Locale.getDefault().toString()).startsWith(expected.replaceAll("_$", ""));
    String configured = System.getProperty("expected.default.locale");
    if (configured != null) {
      // set by the build (pom.xml): the run is really the one with non-ASCII digits
      assertThat(Locale.getDefault().toString()).isEqualTo(configured);
    }
    System.out.println("default locale of this test run: " + Locale.getDefault());
  }
}
