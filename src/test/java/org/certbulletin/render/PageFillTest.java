package org.certbulletin.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.certbulletin.model.Format;
import org.certbulletin.model.WeekId;
import org.certbulletin.render.PrintedPage.Word;
import org.certbulletin.service.BulletinService;
import org.certbulletin.testing.PdfText;
import org.certbulletin.testing.SampleWorkspace;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The PDF uses its pages: on the sample week, a quiet week and a week of 60 advisories, in English
 * and Chinese, every page but the last is filled to its lower third; the key figures are on one
 * page in rows that fill the width; no id or date is broken across two lines; the TLP label is at
 * the top and the foot of each page, and only twice on the first.
 */
@Tag("slow")
class PageFillTest {

  private static final String QUIET_WEEK =
      """
      {
        "week": "2024-W52",
        "issue": {"volume": 2024, "number": 52, "total": 1180},
        "published": "2025-01-01T10:00:00+08:00",
        "tlp": "CLEAR",
        "sample": true,
        "tallies": {"incidents": {"value": 0}, "cross_border_incidents": {"value": 0}}
      }
      """;

  /**
   * An id, a date or a range with a hyphen beside a digit: {@code CVE-2024-43767}, {@code 16-22}.
   */
  private static final Pattern TOKEN = Pattern.compile("[0-9A-Za-z]+(?:-[0-9A-Za-z]+)+");

  /** The width of an A4 page between its margins of 15 mm (paged.css). */
  private static final float TEXT_WIDTH = 595.3f - 2 * 15 * 72 / 25.4f;

  @TempDir static Path root;

  /** Each edition's PDF and page, by name ({@code sample en}, {@code busy zh-CN}). */
  static final Map<String, byte[]> pdfs = new LinkedHashMap<>();

  static final Map<String, Document> htmls = new LinkedHashMap<>();

  @BeforeAll
  static void build() throws IOException {
    SampleWorkspace sample = SampleWorkspace.copyAsShipped(root.resolve("sample"));
    render("sample", sample, "2024-W51");
    SampleWorkspace quiet = SampleWorkspace.copyAsShipped(root.resolve("quiet"));
    quiet.writeWeek("2024-W52", QUIET_WEEK);
    render("quiet", quiet, "2024-W52");
    SampleWorkspace busy = SampleWorkspace.copyAsShipped(root.resolve("busy"));
    busy.writeWeek("2024-W52", withAdvisories(busy.readWeek("2024-W51"), 60));
    render("busy", busy, "2024-W52");
  }

  @Test
  void everyPageButTheLastIsFilledToItsLowerThird() {
    pdfs.forEach(
        (name, pdf) -> {
          List<PrintedPage> pages = PrintedPage.of(pdf);
          assertThat(underfilled(pages))
              .as("%s: pages less than two thirds filled", name)
              .isEmpty();
          assertThat(pages.get(pages.size() - 1).body())
              .as("%s: the last page has text", name)
              .isNotEmpty();
        });
  }

  /**
   * The control: rules that start the key figures and the advisories on pages of their own leave
   * the sample's first page (masthead and summary) and the page before the advisories short, which
   * the check sees; the old print rules (a heading needs 150 pt below it, the advisories' 300 pt)
   * are kept in it as they were.
   */
  @Test
  void controlSectionsPushedOnLeaveAPageEmpty() throws IOException {
    SampleWorkspace old = SampleWorkspace.copyAsShipped(root.resolve("old"));
    Path paged = old.templates().resolve("bulletin/paged.css");
    Files.writeString(
        paged,
        Files.readString(paged)
            + "h2 { -fs-page-break-min-height: 150pt; }\n"
            + "h2#advisories-title { -fs-page-break-min-height: 300pt; }\n"
            + "h3 { -fs-page-break-min-height: 70pt; }\n"
            + "#figures, #advisories { page-break-before: always; }\n");
    Path folder =
        new BulletinService(old.workspace())
            .build(WeekId.parse("2024-W51"), EnumSet.of(Format.PDF))
            .folder();
    assertThat(underfilled(PrintedPage.of(Files.readAllBytes(folder.resolve("bulletin.pdf")))))
        .isNotEmpty();
  }

  @Test
  void theKeyFiguresAreOnOnePageInRowsThatFillTheWidth() {
    pdfs.forEach(
        (name, pdf) -> {
          List<String> values =
              htmls.get(name).select(".figure-value").stream()
                  .map(e -> e.ownText().replaceAll("[\\u2066-\\u2069]", "").strip())
                  .toList();
          assertThat(values).as(name).isNotEmpty();
          List<PrintedPage> pages = PrintedPage.of(pdf);
          List<Integer> onPages = new ArrayList<>();
          List<Word> drawn = new ArrayList<>();
          for (int i = 0; i < pages.size(); i++) {
            for (Word w : pages.get(i).body()) {
              if (w.size() > 14 && values.contains(w.text())) {
                onPages.add(i);
                drawn.add(w);
              }
            }
          }
          assertThat(drawn).as("%s: the figures' values in the PDF", name).hasSize(values.size());
          assertThat(onPages.stream().distinct())
              .as("%s: pages of the key figures", name)
              .hasSize(1);
          assertThat(holes(drawn)).as("%s: rows with a hole", name).isEmpty();
        });
  }

  /**
   * The control: the old grid (three columns; eight figures leave a row of two under rows of three)
   * has a hole the check sees.
   */
  @Test
  void controlARowShorterThanItsColumnsIsAHole() {
    float third = TEXT_WIDTH / 3;
    List<Word> old = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      old.add(new Word(String.valueOf(i), 50 + (i % 3) * third, 300 + (i / 3) * 60, 16));
    }
    assertThat(holes(old)).hasSize(1);
  }

  @Test
  void noIdOrDateIsBrokenAcrossTwoLines() {
    pdfs.forEach(
        (name, pdf) -> {
          String text = String.join("\n", PdfText.pages(pdf));
          assertThat(broken(tokens(htmls.get(name)), text))
              .as("%s: tokens broken across lines", name)
              .isEmpty();
        });
  }

  /** The control: a date the old layout broke at a line's end ("2024-12-" / "01") is seen. */
  @Test
  void controlADateBrokenAtALinesEndIsSeen() {
    String text = "References: source.android.com/docs/security/bulletin/2024-12-\n01\n";
    assertThat(broken(List.of("2024-12-01"), text)).containsExactly("2024-12-01");
  }

  @Test
  void theTlpLabelIsAtTheTopAndFootOfEachPageAndTwiceOnTheFirst() {
    pdfs.forEach(
        (name, pdf) -> {
          List<PrintedPage> pages = PrintedPage.of(pdf);
          for (int i = 0; i < pages.size(); i++) {
            PrintedPage page = pages.get(i);
            List<Word> labels =
                page.words().stream().filter(w -> w.text().equals("TLP:CLEAR")).toList();
            long header = labels.stream().filter(w -> w.y() < PrintedPage.TOP_MARGIN).count();
            long footer =
                labels.stream()
                    .filter(w -> w.y() > page.height() - PrintedPage.BOTTOM_MARGIN)
                    .count();
            assertThat(footer).as("%s p.%d: labels in the footer", name, i + 1).isEqualTo(1);
            if (i == 0) {
              assertThat(header).as("%s p.1: labels in the header", name).isZero();
              assertThat(labels)
                  .as("%s p.1: the masthead's label and the footer's", name)
                  .hasSize(2)
                  .anyMatch(w -> w.y() < PrintedPage.TOP_MARGIN + 60);
            } else {
              assertThat(header).as("%s p.%d: labels in the header", name, i + 1).isEqualTo(1);
            }
          }
        });
  }

  private static void render(String name, SampleWorkspace workspace, String week)
      throws IOException {
    Path folder =
        new BulletinService(workspace.workspace())
            .build(WeekId.parse(week), EnumSet.allOf(Format.class))
            .folder();
    for (String language : List.of("en", "zh-CN")) {
      String file = language.equals("en") ? "bulletin" : "bulletin." + language;
      pdfs.put(name + " " + language, Files.readAllBytes(folder.resolve(file + ".pdf")));
      htmls.put(name + " " + language, Jsoup.parse(folder.resolve(file + ".html").toFile()));
    }
  }

  /** The sample week as week 52 with {@code count} advisories, its own repeated. */
  private static String withAdvisories(String sampleWeek, int count) {
    JsonMapper json = JsonMapper.builder().build();
    ObjectNode week = (ObjectNode) json.readTree(sampleWeek);
    week.put("week", "2024-W52");
    ((ObjectNode) week.get("issue")).put("number", 52).put("total", 1180);
    week.put("published", "2025-01-01T10:00:00+08:00");
    ArrayNode sample = (ArrayNode) week.get("advisories");
    ArrayNode advisories = json.createArrayNode();
    for (int i = 0; i < count; i++) {
      ObjectNode advisory = (ObjectNode) sample.get(i % sample.size()).deepCopy();
      advisory.put("id", String.format(Locale.ROOT, "SNC-2024-%04d", 600 + i));
      advisories.add(advisory);
    }
    week.set("advisories", advisories);
    return json.writeValueAsString(week);
  }

  /**
   * The pages but the last whose lowest line of text or drawn row (a chart) is above their lower
   * third (1-based).
   */
  private static List<Integer> underfilled(List<PrintedPage> pages) {
    List<Integer> under = new ArrayList<>();
    for (int i = 0; i < pages.size() - 1; i++) {
      if (pages.get(i).lowestContent() < 2f / 3) {
        under.add(i + 1);
      }
    }
    return under;
  }

  /**
   * The rows (words on one baseline) whose words do not stand at equal shares of the page's width,
   * as cards of a row that fills it do: a row of k cards has one every width/k.
   */
  private static List<Float> holes(List<Word> values) {
    Map<Float, List<Word>> rows = new TreeMap<>();
    for (Word w : values) {
      rows.computeIfAbsent((float) Math.round(w.y()), y -> new ArrayList<>()).add(w);
    }
    List<Float> holes = new ArrayList<>();
    rows.forEach(
        (y, row) -> {
          row.sort((a, b) -> Float.compare(a.x(), b.x()));
          for (int j = 1; j < row.size(); j++) {
            float step = row.get(j).x() - row.get(j - 1).x();
            if (Math.abs(step - TEXT_WIDTH / row.size()) > 6) {
              holes.add(y);
              return;
            }
          }
        });
    return holes;
  }

  /**
   * Ids and dates in a page: words with a hyphen beside a digit, read from each element's own text
   * (an id and the date in the next element are two words).
   */
  private static List<String> tokens(Document page) {
    List<String> tokens = new ArrayList<>();
    for (Element element : page.body().select("*")) {
      Matcher m = TOKEN.matcher(element.ownText());
      while (m.find()) {
        if (m.group().matches(".*([0-9]-|-[0-9]).*") && !tokens.contains(m.group())) {
          tokens.add(m.group());
        }
      }
    }
    return tokens;
  }

  /** The tokens that {@code text} has more often with its line breaks taken out than with them. */
  private static List<String> broken(List<String> tokens, String text) {
    String joined = text.replaceAll("[ \\t]*\\n[ \\t]*", "");
    return tokens.stream().filter(t -> count(joined, t) > count(text, t)).toList();
  }

  private static int count(String text, String token) {
    int count = 0;
    for (int i = text.indexOf(token); i >= 0; i = text.indexOf(token, i + 1)) {
      count++;
    }
    return count;
  }
}
