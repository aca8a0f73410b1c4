package org.certbulletin.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.certbulletin.testing.SampleWorkspace;
import org.certbulletin.testing.SampleWorkspaceExtension;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code import tallies}: the analysts' spreadsheet, as CSV or XLSX and in either shape, into a
 * week file, changing only the lines of the figures it gives, or nothing at all when it is wrong.
 */
@ExtendWith(SampleWorkspaceExtension.class)
class ImportTalliesCommandTest {

  /** 2024-W51's incidents raised to 150 (phishing 38 -> 42), breaches 3000, 9 government sites. */
  static final String ROW_PER_FIGURE =
      """
      tally,part,value
      incidents,,150
      incidents,phishing,42
      incidents,vulnerability,35
      incidents,malware,30
      incidents,defacement,15
      incidents,backdoor,12
      incidents,ddos,6
      incidents,other,10
      data_breaches,,"3,000"
      defaced_sites,,219
      defaced_sites,of_which:government,9
      """;

  SampleWorkspace sample;
  Path week;

  @BeforeEach
  void copySample(SampleWorkspace sample) {
    this.sample = sample;
    this.week = sample.weekFile("2024-W51");
  }

  @Test
  void aRowPerFigureChangesOnlyTheLinesOfTheFiguresGiven() throws IOException {
    List<String> before = Files.readAllLines(week);
    Path sheet = csv("figures.csv", ROW_PER_FIGURE);

    CommandLineRun run = importTallies(sheet);

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out())
        .contains(
            "/tallies/incidents/value: 146 -> 150",
            "/tallies/incidents/breakdown/phishing: 38 -> 42",
            "/tallies/data_breaches/value: 2950 -> 3000",
            "/tallies/defaced_sites/of_which/government: 8 -> 9",
            "wrote " + week + ": 4 figures changed");
    assertThat(changedLines(before, Files.readAllLines(week)))
        .containsExactly(
            "      \"value\": 150,",
            "        \"phishing\": 42,",
            "      \"value\": 3000",
            "        \"government\": 9");
    assertThat(run("validate", "2024-W51").exitCode()).isZero();
  }

  @Test
  void aWeekFileInAnotherLayoutIsSaidToBeRewrittenInTheSamples() throws IOException {
    Path sheet = csv("figures.csv", ROW_PER_FIGURE);
    CommandLineRun asShipped = importTallies(sheet, "--dry-run");
    assertThat(asShipped.out()).as("control: the sample's own layout").doesNotContain("note:");

    Files.writeString(week, Files.readString(week).replace("\n    ", "\n\t"));
    CommandLineRun run = importTallies(sheet);

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out())
        .contains("note: " + week + " is not laid out as the sample files are")
        .contains("4 figures changed");
    assertThat(Files.readString(week)).doesNotContain("\t");
  }

  @Test
  void aColumnPerFigurePicksTheRowOfTheWeek() throws IOException {
    List<String> before = Files.readAllLines(week);
    Path sheet =
        csv(
            "weeks.csv",
            """
            week,incidents,incidents.phishing,incidents.other,data_breaches,vulnerabilities.of_which.zero_day
            2024-W50,1,0,1,1,0
            2024-W51,146,134,12,2951,
            """);

    CommandLineRun run = importTallies(sheet);

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out())
        .contains(
            "/tallies/incidents/breakdown/phishing: 38 -> 134",
            "/tallies/incidents/breakdown/vulnerability: 35 -> (removed)",
            "/tallies/data_breaches/value: 2950 -> 2951");
    List<String> after = Files.readAllLines(week);
    assertThat(after)
        .as("the whole incidents tally is the sheet's")
        .containsSequence(
            "    \"incidents\": {",
            "      \"value\": 146,",
            "      \"breakdown\": {",
            "        \"phishing\": 134,",
            "        \"other\": 12",
            "      }",
            "    },");
    assertThat(after).as("an empty cell gives nothing").contains("        \"zero_day\": 163");
    assertThat(before.size() - after.size()).isEqualTo(5);
  }

  @Test
  void aColumnPerFigureWithOneRowNeedsNoWeekColumn() throws IOException {
    Path sheet = csv("one.csv", "data_breaches;phishing_pages\n3001;1200\n");

    CommandLineRun run = importTallies(sheet);

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out())
        .contains(
            "/tallies/data_breaches/value: 2950 -> 3001",
            "/tallies/phishing_pages/value: 1168 -> 1200");
  }

  @Test
  void anXlsxWorkbookIsReadLikeItsCsv() throws IOException {
    Path sheet = sample.root().resolve("figures.xlsx");
    writeXlsx(sheet, ROW_PER_FIGURE);

    CommandLineRun run = importTallies(sheet);

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).contains("/tallies/incidents/value: 146 -> 150", "4 figures changed");
    assertThat(Files.readString(week)).contains("\"value\": 3000");
  }

  @Test
  void aBadCellIsNamedByRowAndColumnAndNothingIsWritten() throws IOException {
    Map<String, String> before = SampleWorkspace.snapshot(sample.data());
    Path sheet =
        csv(
            "figures.csv",
            ROW_PER_FIGURE.replace("incidents,phishing,42", "incidents,phishing,abc"));

    CommandLineRun run = importTallies(sheet);

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err())
        .contains(
            sheet + ":3:3: /tallies/incidents/breakdown/phishing: 'abc' is not a whole number");
    assertThat(SampleWorkspace.snapshot(sample.data())).isEqualTo(before);

    csv("figures.csv", ROW_PER_FIGURE);
    assertThat(importTallies(sheet).exitCode()).as("control: the corrected sheet").isZero();
    assertThat(SampleWorkspace.snapshot(sample.data())).isNotEqualTo(before);
  }

  @Test
  void everyProblemOfTheSheetIsNamedAtOnce() throws IOException {
    Path sheet =
        csv(
            "figures.csv",
            """
            tally,part,value
            incidnets,,150
            incidents,phising,3
            data_breaches,,-4
            defaced_sites,of_which:gov,1
            """);

    CommandLineRun run = importTallies(sheet);

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err())
        .contains(
            sheet
                + ":2:1: /tallies/incidnets: unknown tally 'incidnets'; did you mean 'incidents'?",
            sheet
                + ":3:2: /tallies/incidents/breakdown/phising: unknown part 'phising' of incidents;"
                + " did you mean 'phishing'?",
            sheet + ":4:3: /tallies/data_breaches/value: '-4' is negative; a count is at least 0",
            sheet + ":5:2: /tallies/defaced_sites/of_which/gov: unknown subset 'gov'");
  }

  @Test
  void figuresThatBreakARuleAreNamedInTheSheetAndNothingIsWritten() throws IOException {
    Map<String, String> before = SampleWorkspace.snapshot(sample.data());
    Path sheet =
        csv(
            "figures.csv",
            ROW_PER_FIGURE
                .replace("incidents,,150", "incidents,,160")
                .replace(
                    "defaced_sites,of_which:government,9",
                    "defaced_sites,of_which:government,300"));

    CommandLineRun run = importTallies(sheet);

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err())
        .contains(
            sheet + ":2:3: /tallies/incidents/breakdown: parts add up to 150 but the value is 160",
            "/tallies/defaced_sites/of_which/government: 300 is more than the value 219");
    assertThat(SampleWorkspace.snapshot(sample.data())).isEqualTo(before);
  }

  @Test
  void importingTheSameSheetTwiceChangesNothingTheSecondTime() throws IOException {
    Path sheet = csv("figures.csv", ROW_PER_FIGURE);
    assertThat(importTallies(sheet).exitCode()).isZero();
    Map<String, String> once = SampleWorkspace.snapshot(sample.data());
    byte[] bytes = Files.readAllBytes(week);

    CommandLineRun again = importTallies(sheet);

    assertThat(again.exitCode()).as(again.err()).isZero();
    assertThat(again.out()).contains("unchanged " + week + ": it already has these figures");
    assertThat(Files.readAllBytes(week)).isEqualTo(bytes);
    assertThat(SampleWorkspace.snapshot(sample.data())).as("not even rewritten").isEqualTo(once);
  }

  @Test
  void aDryRunPrintsTheChangesAndWritesNothing() throws IOException {
    Map<String, String> before = SampleWorkspace.snapshot(sample.data());
    Path sheet = csv("figures.csv", ROW_PER_FIGURE);

    CommandLineRun dry = importTallies(sheet, "--dry-run");

    assertThat(dry.exitCode()).as(dry.err()).isZero();
    assertThat(dry.out())
        .contains("/tallies/incidents/value: 146 -> 150", "dry run: 4 figures of ")
        .contains("would change; nothing written");
    assertThat(SampleWorkspace.snapshot(sample.data())).isEqualTo(before);

    CommandLineRun real = importTallies(sheet);
    assertThat(real.exitCode()).as("control: the same import for real").isZero();
    assertThat(SampleWorkspace.snapshot(sample.data())).isNotEqualTo(before);
  }

  @Test
  void theCertsOwnTalliesAreImportedToo() throws IOException {
    sample.configure("tallies", CustomTalliesTest.DECLARATIONS);
    Path sheet =
        csv(
            "own.csv",
            """
            ransomware_cases,ransomware_cases.health,ransomware_cases.energy,ransomware_cases.other,ransomware_cases.of_which.paid,botnet_c2_servers
            12,5,4,3,2,37
            """);

    CommandLineRun run = importTallies(sheet);

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out())
        .contains(
            "/tallies/ransomware_cases/value: (none) -> 12",
            "/tallies/ransomware_cases/of_which/paid: (none) -> 2",
            "/tallies/botnet_c2_servers/value: (none) -> 37");
    assertThat(Files.readAllLines(week))
        .containsSequence(
            "    \"ransomware_cases\": {",
            "      \"value\": 12,",
            "      \"breakdown\": {",
            "        \"health\": 5,",
            "        \"energy\": 4,",
            "        \"other\": 3",
            "      },",
            "      \"of_which\": {",
            "        \"paid\": 2",
            "      }",
            "    },",
            "    \"botnet_c2_servers\": {",
            "      \"value\": 37",
            "    }",
            "  },");
    assertThat(run("validate", "2024-W51").exitCode()).isZero();
  }

  @Test
  void aTallyTheConfigurationDoesNotDeclareIsRefused() throws IOException {
    Path sheet = csv("own.csv", "botnet_c2_servers\n37\n");

    CommandLineRun run = importTallies(sheet);

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err())
        .contains(
            sheet + ":1:1: /tallies/botnet_c2_servers: unknown tally 'botnet_c2_servers'",
            "declared in config.json under \"tallies\"");
    sample.configure("tallies", CustomTalliesTest.DECLARATIONS);
    assertThat(importTallies(sheet).exitCode()).as("control: once declared").isZero();
  }

  @Test
  void aWorkbookThatInflatesToGigabytesIsRefusedBeforeItIsParsed() throws IOException {
    Path bomb = sample.root().resolve("bomb.xlsx");
    Path good = sample.root().resolve("good.xlsx");
    writeXlsx(good, ROW_PER_FIGURE);
    rewriteZip(
        good,
        bomb,
        "xl/sharedStrings.xml",
        out -> {
          byte[] zeros = new byte[1024 * 1024];
          out.write(
              "<sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">"
                  .getBytes(StandardCharsets.UTF_8));
          for (int i = 0; i < 80; i++) {
            out.write(zeros);
          }
        });
    assertThat(Files.size(bomb)).as("small on disk").isLessThan(1024 * 1024);
    Map<String, String> before = SampleWorkspace.snapshot(sample.data());

    CommandLineRun run = importTallies(bomb);

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains(bomb + ":1:1: /: inflates to more than 64 MiB");
    assertThat(SampleWorkspace.snapshot(sample.data())).isEqualTo(before);
    assertThat(importTallies(good).exitCode())
        .as("control: the workbook it was made from")
        .isZero();
  }

  @Test
  void aWorkbookWithAnExternalEntityIsNotResolved() throws IOException {
    Path secret = sample.root().resolve("secret.txt");
    Files.writeString(secret, "TOP-SECRET-VALUE");
    Path good = sample.root().resolve("good.xlsx");
    writeXlsx(good, "data_breaches\n3001\n");
    Path hostile = sample.root().resolve("hostile.xlsx");
    String sheetXml;
    try (ZipFile zip = new ZipFile(good.toFile())) {
      sheetXml =
          new String(
              zip.getInputStream(zip.getEntry("xl/worksheets/sheet1.xml")).readAllBytes(),
              StandardCharsets.UTF_8);
    }
    String withEntity =
        sheetXml
            .replaceFirst(
                "<worksheet",
                "<!DOCTYPE worksheet [<!ENTITY x SYSTEM \"" + secret.toUri() + "\">]><worksheet")
            .replaceFirst("<v>3001</v>", "<v>&x;</v>");
    assertThat(withEntity).as("the entity is in").contains("&x;");
    rewriteZip(
        good,
        hostile,
        "xl/worksheets/sheet1.xml",
        out -> out.write(withEntity.getBytes(StandardCharsets.UTF_8)));

    CommandLineRun run = importTallies(hostile);

    assertThat(run.out() + run.err()).doesNotContain("TOP-SECRET-VALUE");
    assertThat(Files.readString(week)).doesNotContain("TOP-SECRET-VALUE");
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(importTallies(good).exitCode()).as("control: the same workbook without it").isZero();
  }

  @Test
  void aFileOfAnotherKindIsRefused() throws IOException {
    Path sheet = sample.root().resolve("figures.ods");
    Files.writeString(sheet, "not a sheet");

    CommandLineRun run = importTallies(sheet);

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("is neither a .csv nor an .xlsx file");
  }

  @Test
  void aQuoteThatIsNeverClosedIsNamedWhereItOpensAndNothingIsWritten() throws IOException {
    byte[] before = Files.readAllBytes(week);
    Path sheet = csv("figures.csv", "tally,part,value\nincidents,,\"150\ndata_breaches,,3000\n");

    CommandLineRun run = importTallies(sheet);

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err())
        .contains(sheet + ":2:12: /: cell 3 of this row opens a quote (\") that is never closed")
        .contains("close the quote, or remove it")
        .doesNotContain("CSVException")
        .doesNotContain("\tat ");
    assertThat(Files.readAllBytes(week)).isEqualTo(before);
  }

  @Test
  void textAfterAClosingQuoteIsNamedWithItsColumn() throws IOException {
    Path sheet = csv("figures.csv", "tally,part,value\nincidents,,\"150\" people\n");

    CommandLineRun run = importTallies(sheet);

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err())
        .contains(
            sheet
                + ":2:18: /: text after the closing quote of cell 3 (opened at line 2, column"
                + " 12)");
  }

  @Test
  void quotedCellsWithQuotesCommasAndLineBreaksInsideAreRead() throws IOException {
    Path sheet =
        csv(
            "figures.csv",
            "tally,part,value\n\"data_breaches\",\"\",\"3,000\"\n\"note \"\"a\"\"\nb\",,\n");

    CommandLineRun run = importTallies(sheet, "--dry-run");

    assertThat(run.err()).doesNotContain("quote");
    assertThat(run.err()).as("the note row is read as one cell").contains("unknown tally");
  }

  @Test
  void aCellLongerThanASheetOfFiguresHasIsRefusedNotCut() throws IOException {
    Path sheet = csv("figures.csv", "tally,part,value\nincidents,,150" + "0".repeat(2000) + "\n");

    CommandLineRun run = importTallies(sheet);

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err())
        .contains(
            sheet
                + ":2:3: /: a cell of 2,003 characters; a cell of a sheet of figures is at"
                + " most 1,000");
  }

  @Test
  void aByteOrderMarkAnExportLeftInACellIsIgnored() throws IOException {
    Path sheet = sample.root().resolve("figures.xlsx");
    writeXlsx(sheet, "tally,part,value\n\ufeffdata_breaches,,3000\n");

    CommandLineRun run = importTallies(sheet);

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).contains("/tallies/data_breaches/value: 2950 -> 3000");
  }

  @Test
  void anEmptyOrBrokenWorkbookIsBadInputNamedByFile() throws IOException {
    Path empty = sample.root().resolve("empty.xlsx");
    Files.write(empty, new byte[0]);
    Path truncated = sample.root().resolve("truncated.xlsx");
    writeXlsx(truncated, ROW_PER_FIGURE);
    byte[] whole = Files.readAllBytes(truncated);
    Files.write(truncated, java.util.Arrays.copyOf(whole, whole.length / 2));

    for (Path sheet : List.of(empty, truncated)) {
      CommandLineRun run = importTallies(sheet);
      assertThat(run.exitCode()).as(sheet.toString()).isEqualTo(2);
      assertThat(run.err()).contains(sheet + ":1:1: /: ").contains("save it again as .xlsx");
    }
  }

  private interface Content {
    void write(OutputStream out) throws IOException;
  }

  /** A copy of the zip {@code from} with entry {@code name} replaced by {@code content}. */
  private static void rewriteZip(Path from, Path to, String name, Content content)
      throws IOException {
    try (ZipFile zip = new ZipFile(from.toFile());
        ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(to))) {
      for (ZipEntry entry : Collections.list(zip.entries())) {
        out.putNextEntry(new ZipEntry(entry.getName()));
        if (entry.getName().equals(name)) {
          content.write(out);
        } else {
          try (InputStream in = zip.getInputStream(entry)) {
            in.transferTo(out);
          }
        }
        out.closeEntry();
      }
    }
  }

  /** The CSV text {@code csv} as the first sheet of a workbook, numbers as number cells. */
  private static void writeXlsx(Path file, String csv) throws IOException {
    try (OutputStream out = Files.newOutputStream(file)) {
      Workbook workbook = new Workbook(out, "cert-bulletin-test", "1.0");
      Worksheet sheet = workbook.newWorksheet("Figures");
      List<String> lines = csv.lines().toList();
      for (int r = 0; r < lines.size(); r++) {
        List<String> cells = cells(lines.get(r));
        for (int c = 0; c < cells.size(); c++) {
          String cell = cells.get(c);
          if (cell.matches("[0-9]+")) {
            sheet.value(r, c, Long.parseLong(cell));
          } else if (cell.matches("[0-9,]+")) {
            sheet.value(r, c, Long.parseLong(cell.replace(",", "")));
          } else if (!cell.isEmpty()) {
            sheet.value(r, c, cell);
          }
        }
      }
      workbook.finish();
    }
  }

  private static List<String> cells(String line) {
    List<String> cells = new ArrayList<>();
    StringBuilder cell = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < line.length(); i++) {
      char ch = line.charAt(i);
      if (ch == '"') {
        quoted = !quoted;
      } else if (ch == ',' && !quoted) {
        cells.add(cell.toString());
        cell.setLength(0);
      } else {
        cell.append(ch);
      }
    }
    cells.add(cell.toString());
    return cells;
  }

  private static List<String> changedLines(List<String> before, List<String> after) {
    assertThat(after).as("same layout, same number of lines").hasSameSizeAs(before);
    List<String> changed = new ArrayList<>();
    for (int i = 0; i < before.size(); i++) {
      if (!before.get(i).equals(after.get(i))) {
        changed.add(after.get(i));
      }
    }
    return changed;
  }

  private Path csv(String name, String text) throws IOException {
    Path file = sample.root().resolve(name);
    Files.writeString(file, text);
    return file;
  }

  private CommandLineRun importTallies(Path sheet, String... more) {
    List<String> args =
        new ArrayList<>(List.of("import", "tallies", sheet.toString(), "--week", "2024-W51"));
    args.addAll(List.of(more));
    return run(args.toArray(String[]::new));
  }

  private CommandLineRun run(String... args) {
    return CommandLineRun.of(CommandLineRun.join(sample.options(), args));
  }
}
