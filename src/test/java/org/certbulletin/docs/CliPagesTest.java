package org.certbulletin.docs;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * What the CLI reference says beyond the commands' own text ({@link GeneratedPagesTest} checks that
 * the committed pages are what the commands generate now).
 */
class CliPagesTest {

  private final CliPages generator = new CliPages();

  @Test
  void theProgramsPageListsEveryExitCode() {
    String program = generator.pages().get("docs/reference/cli/cert-bulletin.adoc");
    assertThat(program)
        .contains("= cert-bulletin(1)", "\n== Exit codes\n")
        .contains("*0*::", "*1*::", "*2*::", "*3*::", "*75*::", "*143*::");
  }

  @Test
  void pagesNameNoVersionOrDate() {
    String build = generator.pages().get("docs/reference/cli/cert-bulletin-build.adoc");
    assertThat(build).contains(":revnumber: \n", ":mansource: \n").doesNotContain(":revdate:");
  }
}
