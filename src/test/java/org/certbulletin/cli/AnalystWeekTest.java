package org.certbulletin.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.certbulletin.testing.ImportFixtures.csaf;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.certbulletin.testing.ImportFixtures;
import org.certbulletin.testing.PdfText;
import org.certbulletin.testing.SampleWorkspace;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An analyst's week from start to bulletin, as the commands are run: {@code new}, {@code import
 * csaf} of the week's advisories, {@code import kev}, {@code import tallies} from the spreadsheet,
 * {@code validate} and {@code build}; no advisory typed by hand.
 */
class AnalystWeekTest {

  private static final String WEEK = "2024-W52";

  @TempDir Path root;

  @Test
  void newThenImportsThenBuildGiveTheWeeksBulletin() throws IOException {
    SampleWorkspace sample = SampleWorkspace.copyTo(root);
    Path advisories = root.resolve("advisories");
    ImportFixtures.write(
        advisories.resolve("bsi-2024-0123.json"),
        ImportFixtures.revised(
            csaf("bsi-2022-0001"),
            "BSI-2024-0123",
            "1",
            "2024-12-23T09:00:00Z",
            "CVRF-CSAF-Converter: XML External Entities Vulnerability"));
    ImportFixtures.write(
        advisories.resolve("rhsa-2024-1234.json"),
        ImportFixtures.revised(
            csaf("rhsa-2022_0011"),
            "RHSA-2024:1234",
            "1",
            "2024-12-24T08:38:00Z",
            "Red Hat Security Advisory: telnet security update"));
    ImportFixtures.write(
        advisories.resolve("last-week.json"),
        ImportFixtures.revised(
            csaf("bsi-2022-0001"), "BSI-2024-0100", "1", "2024-12-18T09:00:00Z", "Last week's"));
    Path kev = root.resolve("known_exploited_vulnerabilities.json");
    Files.writeString(
        kev,
        ImportFixtures.kev(
            List.<String[]>of(new String[] {"CVE-2020-10188", "2024-12-23", "2025-01-13"})));
    Path figures = root.resolve("figures.csv");
    Files.writeString(
        figures,
        """
        tally,part,value
        incidents,,150
        incidents,phishing,40
        incidents,vulnerability,30
        incidents,other,80
        cross_border_incidents,,90
        data_breaches,,3000
        """);

    assertThat(run(sample, "new").out()).contains("created").contains(WEEK);
    CommandLineRun imported = run(sample, "import", "csaf", advisories.toString(), "--week", WEEK);
    assertThat(imported.exitCode()).as(imported.err()).isZero();
    assertThat(imported.out()).contains("2 added");
    assertThat(run(sample, "import", "kev", kev.toString(), "--week", WEEK).exitCode()).isZero();
    CommandLineRun tallies = run(sample, "import", "tallies", figures.toString(), "--week", WEEK);
    assertThat(tallies.exitCode()).as(tallies.err()).isZero();
    CommandLineRun validate = run(sample, "validate", WEEK);
    assertThat(validate.exitCode()).as(validate.err()).isZero();
    CommandLineRun build = run(sample, "build", WEEK);
    assertThat(build.exitCode()).as(build.err()).isZero();

    Document html = Jsoup.parse(sample.out().resolve("site/2024/W52/bulletin.html").toFile());
    assertThat(html.select("table.advisories tbody tr").eachAttr("id"))
        .as("KEV first; last week's document left out")
        .containsExactly("adv-RHSA-2024-1234", "adv-BSI-2024-0123");
    assertThat(html.select(".kev-callout li").text()).contains("RHSA-2024:1234");
    assertThat(html.select(".figure-incidents .figure-value").text()).isEqualTo("150");
    assertThat(html.select(".figure-incidents").text())
        .as("the change from 2024-W51's 146")
        .contains("2.7%");
    String pdf =
        String.join(
                "",
                PdfText.pages(
                    Files.readAllBytes(sample.out().resolve("site/2024/W52/bulletin.pdf"))))
            .replaceAll("\\s+", "");
    assertThat(pdf).contains("RHSA-2024:1234", "BSI-2024-0123", "KEV");
  }

  private static CommandLineRun run(SampleWorkspace sample, String... args) {
    return CommandLineRun.of(CommandLineRun.join(sample.options(), args));
  }
}
