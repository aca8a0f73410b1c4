package org.certbulletin.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import org.certbulletin.model.Format;
import org.certbulletin.model.WeekId;
import org.certbulletin.service.BulletinService;
import org.certbulletin.testing.Chromium;
import org.certbulletin.testing.DevTools;
import org.certbulletin.testing.SampleWorkspace;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The web page as real headless Chromium lays it out, on a desktop (1200 px) and a phone (375 px),
 * in English and Chinese: the key figures' rows leave no hole, and on a phone an advisory's card
 * starts with its headline. Skipped, saying what to install, where there is no Chromium.
 */
@Tag("slow")
class ScreenLayoutTest {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  /**
   * The page's layout as JSON: {@code holes}, the rows of key figures whose cards do not reach both
   * edges of the grid; {@code titleFirst}, whether the first advisory's title is above its id,
   * product and severity; {@code casesLines}, the lines of the partners' "Cases" heading.
   */
  private static final String MEASURE =
      """
      (() => {
        const box = e => e.getBoundingClientRect();
        const grid = box(document.querySelector('.figures'));
        const rows = {};
        for (const card of document.querySelectorAll('.figure')) {
          const b = box(card);
          (rows[Math.round(b.top)] = rows[Math.round(b.top)] || []).push(b);
        }
        const holes = Object.values(rows).filter(cards =>
            Math.abs(Math.min(...cards.map(c => c.left)) - grid.left) > 1
            || Math.abs(Math.max(...cards.map(c => c.right)) - grid.right) > 1).length;
        const row = document.querySelector('table.advisories tbody tr');
        const title = box(row.querySelector('.advisory-title')).top;
        const titleFirst = ['.col-id', '.col-product', '.col-severity']
            .every(s => title < box(row.querySelector(s)).top);
        const range = document.createRange();
        range.selectNodeContents(document.querySelector('table.partners thead th.num'));
        return JSON.stringify({holes, titleFirst, casesLines: range.getClientRects().length});
      })()
      """;

  /** The old grid: the cards in three columns, whatever their rows. */
  private static final List<String> OLD_GRID =
      List.of(
          ".figures { display: grid !important; grid-template-columns: repeat(3, 1fr) !important;"
              + " }",
          ".figure-row { display: contents !important; }",
          ".figure { grid-column: auto !important; }");

  /** The old rule that let a browser break a word anywhere to narrow a column. */
  private static final List<String> ANYWHERE =
      List.of("table.partners th, table.partners td { overflow-wrap: anywhere !important; }");

  @TempDir static Path root;

  static Path folder;
  static Chromium browser;

  @BeforeAll
  static void start() throws IOException {
    Optional<Path> binary = Chromium.find();
    if (binary.isEmpty()) {
      System.err.printf(
          "%n*** ScreenLayoutTest SKIPPED: no Chromium: %s ***%n", Chromium.INSTALL_HINT);
      return;
    }
    SampleWorkspace sample = SampleWorkspace.copyAsShipped(root);
    folder =
        new BulletinService(sample.workspace())
            .build(WeekId.parse("2024-W51"), EnumSet.of(Format.HTML))
            .folder();
    browser = Chromium.start(binary.get());
  }

  @BeforeEach
  void needsTheBrowser() {
    assumeTrue(browser != null, () -> "no Chromium: " + Chromium.INSTALL_HINT);
  }

  @AfterAll
  static void stop() throws IOException {
    if (browser != null) {
      browser.close();
    }
  }

  @Test
  void theKeyFiguresLeaveNoHoleOnADesktopOrAPhone() throws IOException {
    for (String page : List.of("bulletin.html", "bulletin.zh-CN.html")) {
      for (int width : new int[] {1200, 375}) {
        assertThat(measure(page, width, List.of()).path("holes").asInt())
            .as("%s at %d px", page, width)
            .isZero();
      }
    }
  }

  /** The control: the old grid, eight cards in three columns, has a row with a hole. */
  @Test
  void controlTheOldGridHasAHole() throws IOException {
    assertThat(measure("bulletin.html", 1200, OLD_GRID).path("holes").asInt()).isPositive();
  }

  @Test
  void onAPhoneAnAdvisoryCardStartsWithItsHeadline() throws IOException {
    for (String page : List.of("bulletin.html", "bulletin.zh-CN.html")) {
      assertThat(measure(page, 375, List.of()).path("titleFirst").asBoolean()).as(page).isTrue();
    }
  }

  /** The control: on a desktop the table's row starts with the id, which the check sees. */
  @Test
  void controlOnADesktopTheIdComesFirst() throws IOException {
    assertThat(measure("bulletin.html", 1200, List.of()).path("titleFirst").asBoolean()).isFalse();
  }

  @Test
  void onAPhoneTheCasesHeadingIsOneWord() throws IOException {
    assertThat(measure("bulletin.html", 375, List.of()).path("casesLines").asInt()).isEqualTo(1);
  }

  /** The control: breaking anywhere, the browser narrows the column to "Case" / "s". */
  @Test
  void controlBreakingAnywhereSplitsTheCasesHeading() throws IOException {
    assertThat(measure("bulletin.html", 375, ANYWHERE).path("casesLines").asInt()).isGreaterThan(1);
  }

  /**
   * {@link #MEASURE} on {@code page} shown {@code width} px wide, with the {@code rules} added to
   * its style sheet (through the CSS object model, which the page's Content-Security-Policy
   * allows).
   */
  private static JsonNode measure(String page, int width, List<String> rules) throws IOException {
    DevTools devTools = browser.devTools();
    String target =
        devTools
            .send(null, "Target.createTarget", DevTools.params().put("url", "about:blank"))
            .path("targetId")
            .asString();
    try {
      String session =
          devTools
              .send(
                  null,
                  "Target.attachToTarget",
                  DevTools.params().put("targetId", target).put("flatten", true))
              .path("sessionId")
              .asString();
      devTools.send(session, "Page.enable", DevTools.params());
      devTools.send(
          session,
          "Emulation.setDeviceMetricsOverride",
          DevTools.params()
              .put("width", width)
              .put("height", 900)
              .put("deviceScaleFactor", 1)
              .put("mobile", false));
      var loaded = devTools.nextEvent(session, "Page.loadEventFired");
      devTools.send(
          session,
          "Page.navigate",
          DevTools.params().put("url", folder.resolve(page).toUri().toString()));
      DevTools.await(loaded, "the load of " + page);
      if (!rules.isEmpty()) {
        evaluate(
            devTools,
            session,
            "(() => { const sheet = document.styleSheets[0]; for (const rule of "
                + JSON.writeValueAsString(rules)
                + ") sheet.insertRule(rule, sheet.cssRules.length); return 'added'; })()");
      }
      return JSON.readTree(evaluate(devTools, session, MEASURE));
    } finally {
      devTools.send(null, "Target.closeTarget", DevTools.params().put("targetId", target));
    }
  }

  private static String evaluate(DevTools devTools, String session, String expression)
      throws IOException {
    ObjectNode params = DevTools.params().put("expression", expression).put("returnByValue", true);
    JsonNode result = devTools.send(session, "Runtime.evaluate", params);
    if (result.has("exceptionDetails")) {
      throw new IOException("the page threw: " + result.get("exceptionDetails"));
    }
    return result.path("result").path("value").asString();
  }
}
