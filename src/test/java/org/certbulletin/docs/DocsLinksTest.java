package org.certbulletin.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every relative link of README.md and docs/**.md leads to a file of the repository, and every
 * {@code #anchor} into a Markdown page to one of its headings (as GitHub makes heading anchors) or
 * HTML ids. Links with a scheme (https:, http:, mailto:) are not fetched: the build has no network,
 * and an address that answers today may not tomorrow.
 */
class DocsLinksTest {

  private static final Path ROOT = Path.of("").toAbsolutePath();
  private static final Path FIXTURES =
      ROOT.resolve("src/test/resources/org/certbulletin/docs/links");

  @Test
  void everyRelativeLinkOfTheDocsLeadsSomewhere() {
    List<Path> pages = DocsMarkdown.sources(ROOT);
    assertThat(pages).contains(Path.of("README.md"), Path.of("docs/reference/week-format.md"));
    assertThat(new DocsLinks(ROOT).check(pages))
        .as("broken links in the docs (file:line: link: what is wrong)")
        .isEmpty();
  }

  @Test
  void reportsEachBrokenLinkWithItsPlaceAndWhatIsWrong() {
    assertThat(new DocsLinks(FIXTURES).check(List.of(Path.of("guide/broken.md"))))
        .map(DocsLinks.Broken::toString)
        .containsExactly(
            "guide/broken.md:4: missing.md: no such file: guide/missing.md",
            "guide/broken.md:4: target.md#heading-3: no heading or id 'heading-3' in"
                + " guide/target.md; did you mean 'heading-two'?",
            "guide/broken.md:5: ../../../../../../../../../../../etc/hosts: leads outside the"
                + " repository",
            "guide/broken.md:7: pictures/none.png: no such file: guide/pictures/none.png",
            "guide/broken.md:11: target.md#nowhere: no heading or id 'nowhere' in guide/target.md",
            "guide/broken.md:13: gone.svg: no such file: guide/gone.svg");
  }

  @Test
  void knowsTheAnchorsGitHubGivesHeadings() {
    assertThat(DocsMarkdown.anchors(GeneratedPages.read(FIXTURES.resolve("guide/target.md"))))
        .containsExactly(
            "target",
            "heading-two",
            "heading-two-1",
            "本周漏洞情况-the-vulnerability-section",
            "configjson-and-whats-new",
            "hand-made");
    assertThat(Slugs.slug("Run several nodes (a cluster)"))
        .isEqualTo("run-several-nodes-a-cluster");
    assertThat(Slugs.slug("Émigré  Ünïcode")).isEqualTo("émigré--ünïcode");
  }

  @Test
  void theSiteLinksPagesToTheirHtmlAndCopiesWhatTheyShow(@TempDir Path out) throws IOException {
    new DocsSite(FIXTURES, out)
        .write(List.of(Path.of("guide/broken.md"), Path.of("guide/target.md")));

    String page = Files.readString(out.resolve("guide/broken.html"));
    assertThat(page)
        .contains("href=\"target.html#heading-two\"", "href=\"#a-page-with-broken-links\"")
        .contains("href=\"../site.css\"")
        .doesNotContain("<script", "<nav");
    assertThat(Files.readString(out.resolve("guide/target.html")))
        .contains("<h2 id=\"heading-two-1\">", "<li><a href=\"#configjson-and-whats-new\">");
    assertThat(out.resolve("guide/picture.png")).exists();
    assertThat(DocsMarkdown.siteHref("docs/README.md#x")).isEqualTo("docs/index.html#x");
    assertThat(DocsMarkdown.siteHref("reference/cli/cert-bulletin.adoc"))
        .isEqualTo("reference/cli/cert-bulletin.html");
  }
}
