package org.certbulletin.cli;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.certbulletin.testing.PdfFonts;
import org.certbulletin.testing.PdfText;
import org.certbulletin.testing.SampleWorkspace;
import org.certbulletin.testing.SampleWorkspaceExtension;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A CERT's own tallies, declared in {@code config.json}: week files use them like the built-in
 * ones, with the same checks, and the bulletin shows them in its grid, summary, trend chart and
 * PDF, with their change from the week before.
 */
@ExtendWith(SampleWorkspaceExtension.class)
class CustomTalliesTest {

  static final String DECLARATIONS =
      """
      {
          "ransomware_cases": {
            "label": "Ransomware cases",
            "unit": "cases",
            "breakdown": {"health": "Health care", "energy": "Energy", "other": "Other sectors"},
            "of_which": {"paid": "Ransom paid"},
            "trend": true
          },
          "botnet_c2_servers": {"label": "Botnet C2 servers", "unit": "servers"}
        }\
      """;

  static final String W51_FIGURES =
      """
      "ransomware_cases": {
            "value": 12,
            "breakdown": {"health": 5, "energy": 4, "other": 3},
            "of_which": {"paid": 2}
          },
          "botnet_c2_servers": {
            "value": 37
          },
          "incidents": {\
      """;

  SampleWorkspace sample;

  @BeforeEach
  void copySample(SampleWorkspace sample) {
    this.sample = sample;
  }

  @Test
  void aDeclaredTallyIsShownInTheGridWithItsLabelUnitPartsAndChange() throws IOException {
    declareAndUse();

    CommandLineRun run = run("build", "2024-W51");

    assertThat(run.exitCode()).as(run.err()).isZero();
    Document html = html();
    assertThat(figure(html, "incidents").select(".figure-label").text())
        .as("control: a built-in tally keeps its label")
        .isEqualTo("Incidents handled");
    Element ransomware = figure(html, "ransomware_cases");
    assertThat(ransomware.select(".figure-label").text()).isEqualTo("Ransomware cases");
    assertThat(ransomware.select(".figure-value").text()).isEqualTo("12 cases");
    assertThat(ransomware.select(".part-label").eachText())
        .containsExactly("Health care", "Energy", "Other sectors");
    assertThat(ransomware.select(".of-which li").text()).contains("ransom paid", "2");
    assertThat(ransomware.select(".change").attr("title"))
        .as("the change from 2024-W50's file")
        .isEqualTo("up 20.0% from 10");
    assertThat(figure(html, "botnet_c2_servers").select(".figure-value").text())
        .isEqualTo("37 servers");
    assertThat(html.select("#summary").text())
        .contains("Ransomware cases: 12 cases (up 20.0% from 10)", "Botnet C2 servers: 37 servers");
  }

  @Test
  void aDeclaredTallyIsInThePdf() throws IOException {
    declareAndUse();

    CommandLineRun run = run("build", "2024-W51", "--format", "pdf");

    assertThat(run.exitCode()).as(run.err()).isZero();
    String text =
        String.join(
            "\n",
            PdfText.pages(Files.readAllBytes(sample.out().resolve("site/2024/W51/bulletin.pdf"))));
    assertThat(text).as("control: a built-in label").contains("Incidents handled");
    assertThat(text)
        .contains("Ransomware cases", "12 cases", "Health care", "Botnet C2 servers", "37 servers");
  }

  @Test
  void theEmailListsADeclaredTallyWithItsUnit() throws Exception {
    declareAndUse();

    CommandLineRun run = run("send", "2024-W51", "--list", "public", "--dry-run");

    assertThat(run.exitCode()).as(run.err()).isZero();
    Path eml;
    try (var files = Files.walk(sample.out().resolve("outbox"))) {
      eml = files.filter(f -> f.toString().endsWith(".eml")).sorted().findFirst().orElseThrow();
    }
    MimeMessage message;
    try (var in = Files.newInputStream(eml)) {
      message = new MimeMessage(null, in);
    }
    Multipart alternative =
        (Multipart) ((Multipart) message.getContent()).getBodyPart(0).getContent();
    String text = (String) alternative.getBodyPart(0).getContent();
    String html = (String) alternative.getBodyPart(1).getContent();
    assertThat(text)
        .as("control: a built-in figure")
        .contains("- Incidents handled: 146")
        .contains("- Ransomware cases: 12 cases (")
        .contains("- Botnet C2 servers: 37 servers (");
    assertThat(Jsoup.parse(html).text()).contains("Ransomware cases", "12 cases", "37 servers");
  }

  @Test
  void onlyTheTalliesThatAskForItAreDrawnInTheTrendChart() throws IOException {
    declareAndUse();

    assertThat(run("build", "2024-W51", "--format", "html").exitCode()).isZero();

    List<String> legend = html().select("#chart-trend .legend .legend-item").eachText();
    assertThat(legend)
        .as("the configured trend, then the declared tally with trend true")
        .containsExactly("Incidents handled", "Cross-border incidents", "Ransomware cases");
    assertThat(legend).doesNotContain("Botnet C2 servers");
  }

  @Test
  void aDeclarationNoWeekUsesChangesNoFigure() throws IOException {
    assertThat(run("build", "2024-W51", "--format", "html").exitCode()).isZero();
    String before = html().select("#figures").outerHtml();

    sample.configure("tallies", DECLARATIONS);
    assertThat(run("build", "2024-W51", "--format", "html").exitCode()).isZero();
    assertThat(html().select("#figures").outerHtml()).isEqualTo(before);

    useInW51();
    assertThat(run("build", "2024-W51", "--format", "html").exitCode()).isZero();
    assertThat(html().select("#figures").outerHtml())
        .as("control: once the week reports it, it is shown")
        .isNotEqualTo(before)
        .contains("Ransomware cases");
  }

  @Test
  void anUndeclaredTallyIsAnErrorWithItsPlaceAndTheKnownKeys() {
    sample.configure("tallies", DECLARATIONS);
    sample.editWeek(
        "2024-W51",
        json ->
            json.replace(
                "\"incidents\": {", "\"ransomware_case\": {\"value\": 3},\n    \"incidents\": {"));

    CommandLineRun run = run("validate", "2024-W51");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err())
        .contains(
            "2024-W51.json:" + lineOf("2024-W51", "\"ransomware_case\"") + ":",
            "/tallies/ransomware_case: unknown tally 'ransomware_case'; did you mean"
                + " 'ransomware_cases'? known tallies: incidents, cross_border_incidents,",
            "botnet_c2_servers; a CERT's own tally is declared in config.json under \"tallies\"");
  }

  @Test
  void aTallyOnlyAnotherCertDeclaresIsAnError() {
    useInW51();

    CommandLineRun run = run("validate", "2024-W51");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err())
        .contains(
            "/tallies/ransomware_cases: unknown tally 'ransomware_cases'",
            "/tallies/botnet_c2_servers: unknown tally 'botnet_c2_servers'");
    sample.configure("tallies", DECLARATIONS);
    assertThat(run("validate", "2024-W51").exitCode())
        .as("control: declared, the same week is valid")
        .isZero();
  }

  @Test
  void partsOfADeclaredTallyMustAddUpAndBeDeclared() {
    sample.configure("tallies", DECLARATIONS);
    sample.editWeek(
        "2024-W51",
        json ->
            json.replace(
                "\"incidents\": {",
                """
                "ransomware_cases": {
                      "value": 12,
                      "breakdown": {"health": 5, "energy": 3, "other": 3},
                      "of_which": {"paid": 13}
                    },
                    "botnet_c2_servers": {"value": 4, "breakdown": {"cloud": 4}},
                    "incidents": {\
                """));

    CommandLineRun run = run("validate", "2024-W51");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err())
        .contains(
            "/tallies/ransomware_cases/breakdown: parts add up to 11 but the value is 12; the"
                + " breakdown must account for every case (use 'other' for the rest)",
            "/tallies/ransomware_cases/of_which/paid: 13 is more than the value 12",
            "/tallies/botnet_c2_servers/breakdown/cloud: unknown part 'cloud'; botnet_c2_servers"
                + " has no parts; remove it, or declare them in config.json under"
                + " tallies.botnet_c2_servers");
  }

  @Test
  void anUndeclaredPartIsAnErrorWithASuggestion() {
    declareAndUse();
    sample.editWeek("2024-W51", json -> json.replace("\"health\": 5", "\"healht\": 5"));

    CommandLineRun run = run("validate", "2024-W51");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err())
        .contains(
            "/tallies/ransomware_cases/breakdown/healht: unknown part 'healht'; did you mean"
                + " 'health'? the parts of ransomware_cases are health, energy, other (declared in"
                + " config.json)");
  }

  @Test
  void aDeclarationMayOnlyRenameOrExtendABuiltInTallyNorTheTrendChartNameAnUnknownOne() {
    sample.configure(
        "tallies",
        "{\"incidents\": {\"label\": \"Incidents\", \"unit\": \"cases\"},"
            + " \"own\": {\"label\": \"Own\"}, \"nameless\": {\"unit\": \"cases\"}}");
    sample.editConfig(json -> json.replace("\"cross_border_incidents\"\n    ]", "\"owns\"\n    ]"));

    CommandLineRun run = run("validate");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err())
        .contains(
            "/tallies/incidents/unit: 'incidents' is a built-in tally: config.json may rename it"
                + " (label) and rename or add parts of its breakdown (breakdown), nothing else",
            "/tallies/nameless: has no label; a tally of the CERT's own needs one",
            "/charts/trend/1: 'owns' is not a tally of this bulletin; did you mean 'own'?")
        .as("renaming a built-in tally is allowed")
        .doesNotContain("/tallies/incidents/label", "/tallies/incidents:");
  }

  @Test
  void aLabelThePdfCannotPrintIsAConfigError() {
    sample.configure(
        "tallies", DECLARATIONS.replace("Ransomware cases", "Ransomware \ud83d\udd12 cases"));

    CommandLineRun run = run("validate");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("config.json:", "/tallies/ransomware_cases/label: ");
  }

  @Test
  void theTrendChartDrawsAtMostFourTallies() {
    sample.configure(
        "tallies",
        DECLARATIONS.replace("\"unit\": \"servers\"}", "\"unit\": \"servers\", \"trend\": true}"));
    assertThat(run("validate").exitCode()).as("control: four lines").isZero();

    sample.editConfig(
        json ->
            json.replace(
                "\"cross_border_incidents\"\n    ]",
                "\"cross_border_incidents\", \"data_breaches\"\n    ]"));
    CommandLineRun run = run("validate");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err())
        .contains(
            "/tallies/ransomware_cases: the trend chart would draw 5 tallies (incidents,"
                + " cross_border_incidents, data_breaches, ransomware_cases, botnet_c2_servers); at"
                + " most 4");
  }

  @Test
  void aKeyOfTheWrongFormIsNamedWithTheFormExpected() {
    sample.configure("tallies", "{\"Botnet-C2\": {\"label\": \"Botnet C2 servers\"}}");
    sample.editWeek(
        "2024-W51",
        json ->
            json.replace("\"incidents\": {", "\"Bad-Key\": {\"value\": 3},\n    \"incidents\": {"));

    CommandLineRun run = run("validate");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err())
        .contains(
            "config.json:",
            "/tallies/Botnet-C2: 'Botnet-C2' is not a valid key: 1-40 lower-case letters, digits"
                + " and _, starting with a letter, like ransomware_cases",
            "2024-W51.json:" + lineOf("2024-W51", "\"Bad-Key\"") + ":",
            "/tallies/Bad-Key: 'Bad-Key' is not a tally key");
  }

  @Test
  void aLabelMissingInOneOfTheBulletinsLanguagesIsNamedAtItsPlace(SampleWorkspace scratch)
      throws IOException {
    Path root = Files.createTempDirectory(scratch.root(), "shipped");
    SampleWorkspace shipped = SampleWorkspace.copyAsShipped(root);
    shipped.configure(
        "tallies",
        "{\"botnet_c2_servers\": {\"label\": {\"en\": \"Botnet C2 servers\"}, \"unit\": {\"en\":"
            + " \"servers\", \"zh-CN\": \"台\"}}}");

    CommandLineRun run =
        CommandLineRun.of(CommandLineRun.join(shipped.options(), "validate", "2024-W51"));

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err())
        .contains(
            "config.json:",
            "/tallies/botnet_c2_servers/label: has no 'zh-CN' text, but the bulletin is written in"
                + " en, zh-CN")
        .doesNotContain("/tallies/botnet_c2_servers/unit");
  }

  @Test
  void eachEditionShowsTheLabelInItsLanguage(SampleWorkspace scratch) throws IOException {
    Path root = Files.createTempDirectory(scratch.root(), "shipped");
    SampleWorkspace shipped = SampleWorkspace.copyAsShipped(root);
    shipped.configure(
        "tallies",
        "{\"botnet_c2_servers\": {\"label\": {\"en\": \"Botnet C2 servers\", \"zh-CN\":"
            + " \"僵尸网络控制服务器\"}, \"unit\": {\"en\": \"servers\", \"zh-CN\": \"台\"}}}");
    shipped.editWeek(
        "2024-W51",
        json ->
            json.replace(
                "\"incidents\": {",
                "\"botnet_c2_servers\": {\"value\": 37},\n    \"incidents\": {"));

    CommandLineRun run =
        CommandLineRun.of(
            CommandLineRun.join(shipped.options(), "build", "2024-W51", "--format", "html"));

    assertThat(run.exitCode()).as(run.err()).isZero();
    Path folder = shipped.out().resolve("site/2024/W51");
    Document english = Jsoup.parse(Files.readString(folder.resolve("bulletin.html")));
    Document chinese = Jsoup.parse(Files.readString(folder.resolve("bulletin.zh-CN.html")));
    assertThat(figure(english, "botnet_c2_servers").text())
        .contains("Botnet C2 servers", "37 servers");
    assertThat(figure(chinese, "botnet_c2_servers").text())
        .contains("僵尸网络控制服务器", "37台")
        .doesNotContain("Botnet");

    CommandLineRun pdf =
        CommandLineRun.of(
            CommandLineRun.join(shipped.options(), "build", "2024-W51", "--format", "pdf"));
    assertThat(pdf.exitCode()).as(pdf.err()).isZero();
    byte[] chinesePdf = Files.readAllBytes(folder.resolve("bulletin.zh-CN.pdf"));
    assertThat(String.join("\n", PdfText.pages(chinesePdf))).contains("僵尸网络控制服务器");
    assertThat(PdfFonts.notdefGlyphs(chinesePdf)).as("every character drawn").isEmpty();
  }

  private void declareAndUse() {
    sample.configure("tallies", DECLARATIONS);
    useInW51();
    sample.editWeek(
        "2024-W50",
        json ->
            json.replace(
                "\"incidents\": {",
                "\"ransomware_cases\": {\"value\": 10},\n    \"incidents\": {"));
  }

  private void useInW51() {
    sample.editWeek("2024-W51", json -> json.replace("\"incidents\": {", W51_FIGURES));
  }

  private int lineOf(String week, String text) {
    List<String> lines = sample.readWeek(week).lines().toList();
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).contains(text)) {
        return i + 1;
      }
    }
    throw new AssertionError(text + " not in " + week);
  }

  private static Element figure(Document html, String key) {
    Element figure = html.selectFirst(".figure-" + key);
    assertThat(figure).as("figure " + key).isNotNull();
    return figure;
  }

  private Document html() throws IOException {
    return Jsoup.parse(Files.readString(sample.out().resolve("site/2024/W51/bulletin.html")));
  }

  private CommandLineRun run(String... args) {
    return CommandLineRun.of(CommandLineRun.join(sample.options(), args));
  }
}
