package org.certbulletin.http.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.certbulletin.http.ApiServer;
import org.certbulletin.http.Listen;
import org.certbulletin.model.AuditEntry;
import org.certbulletin.model.Principal;
import org.certbulletin.model.Role;
import org.certbulletin.model.Tlp;
import org.certbulletin.service.Application;
import org.certbulletin.service.AuditQuery;
import org.certbulletin.testing.Axe;
import org.certbulletin.testing.AxeViolation;
import org.certbulletin.testing.BrowserTab;
import org.certbulletin.testing.Chromium;
import org.certbulletin.testing.SampleWorkspace;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * The console in real headless Chromium, as a team of three uses it: an analyst starts 2024-W52,
 * makes a breakdown that does not add up and is told so at the field (as she types, and by the
 * server when she saves anyway), fixes it, previews and submits it, and cannot approve her own
 * edit; a reviewer approves it; an operator publishes it and finds it in the archive; then a
 * correction goes the same way and the reviewer sees what changed. Every page is checked by
 * axe-core at 1200 and 375 px in both languages of the console, and screenshotted for people to
 * look at ({@code target/console-screenshots}). Skipped, saying what to install, where there is no
 * Chromium.
 */
// it waits on a browser most of the time: it runs beside the others (its one test method alone)
@Execution(ExecutionMode.CONCURRENT)
@Tag("slow")
class ConsoleBrowserTest {

  private static final String PASSWORD = "correct horse battery staple";
  private static final int DESKTOP = 1200;
  private static final int PHONE = 375;
  private static final Path SHOTS = Path.of("target", "console-screenshots");
  private static final Principal SETUP = Principal.system("test");

  static Chromium browser;
  static Axe axe;

  @TempDir Path root;

  private SampleWorkspace sample;
  private Application application;
  private ApiServer server;
  private BrowserTab tab;
  private final List<String> violations = new ArrayList<>();

  @BeforeAll
  static void startBrowser() throws IOException {
    Optional<Path> binary = Chromium.find();
    if (binary.isEmpty()) {
      System.err.println(
          "\n*** ConsoleBrowserTest SKIPPED: no Chromium, so the console was NOT clicked through: "
              + Chromium.INSTALL_HINT
              + " ***\n");
      return;
    }
    browser = Chromium.start(binary.get());
    axe = new Axe(browser);
    Files.createDirectories(SHOTS);
  }

  @AfterAll
  static void stopBrowser() throws IOException {
    if (browser != null) {
      browser.close();
    }
  }

  @BeforeEach
  void serve() throws IOException {
    assumeTrue(browser != null, () -> "no Chromium: " + Chromium.INSTALL_HINT);
    sample = SampleWorkspace.copyAsShipped(root.resolve("workspace"));
    sample.configure("approval", "{\"required\": true, \"distinct_approver\": true}");
    application = Application.open(sample.workspace(), Map.of(), Clock.systemUTC());
    user("alice", Role.ANALYST, Role.REVIEWER);
    user("bob", Role.REVIEWER);
    user("erin", Role.OPERATOR, Role.ADMIN);
    server = ApiServer.start(new Listen("127.0.0.1", 0), application);
    tab = BrowserTab.open(browser, address("/console/"), DESKTOP);
  }

  @AfterEach
  void stop() throws IOException {
    if (tab != null) {
      tab.close();
    }
    if (server != null) {
      server.close();
    }
    if (application != null) {
      application.close();
    }
  }

  private void user(String name, Role... roles) {
    application
        .access()
        .addUser(SETUP, "test", name, Set.of(roles), Tlp.RED, PASSWORD.toCharArray());
  }

  private URI address(String path) {
    return URI.create(server.address() + path);
  }

  private static String id(String id) {
    return "[id='" + id + "']";
  }

  private void signIn(String name) throws IOException {
    tab.go(address("/console/"));
    assertThat(tab.location()).contains("/console/sign-in");
    tab.type("name", name);
    tab.type("password", PASSWORD);
    tab.clickAndWait("form[action='/console/sign-in'] button");
    assertThat(tab.text(".who")).contains(name);
  }

  private void signOut() throws IOException {
    tab.clickAndWait("form[action='/console/sign-out'] button");
    assertThat(tab.location()).contains("/console/sign-in");
  }

  /** axe at both widths and a screenshot at each, named {@code page-language-width.png}. */
  private void look(String page) throws IOException {
    String language = tab.evaluate("document.documentElement.lang");
    for (int width : new int[] {DESKTOP, PHONE}) {
      tab.width(width);
      List<AxeViolation> found = axe.check(tab);
      if (!found.isEmpty()) {
        violations.add(page + " (" + language + ", " + width + " px): " + found);
      }
      tab.screenshot(SHOTS.resolve(page + "-" + language + "-" + width + ".png"));
    }
    tab.width(DESKTOP);
  }

  /** The pages of the admin and the imports, which the flow above does not pass through. */
  private static final List<String> ADMIN_PAGES =
      List.of(
          "/console/weeks/2024-W52/imports",
          "/console/audit",
          "/console/users",
          "/console/users/alice");

  /** A screenshot's name for a page: {@code users-alice} for {@code /console/users/alice}. */
  private static String name(String page) {
    String name =
        page.replace("/console/weeks/2024-W52/", "").replace("/console/", "").replace('/', '-');
    return name.equals("weeks-2024-W09") ? "error" : name;
  }

  private int field(String id) throws IOException {
    return Integer.parseInt(tab.evaluate("document.getElementById('" + id + "').value"));
  }

  @Test
  void aTeamOfThreeDraftsReviewsPublishesAndCorrectsAWeekFromTheBrowser() throws IOException {
    String phishing = "tallies.incidents.breakdown.phishing";
    signIn("alice");
    look("weeks");

    // the analyst starts the week
    tab.type("new-week", "2024-W52");
    tab.clickAndWait("form[action='/console/weeks'] button");
    assertThat(tab.location()).contains("/console/weeks/2024-W52");
    assertThat(Files.exists(sample.weekFile("2024-W52"))).isTrue();
    look("editor");

    // a breakdown that does not add up: said as she types, and at the field when she saves
    int before = field(phishing);
    tab.type(phishing, String.valueOf(before + 5));
    assertThat(tab.text(id("tallies.incidents.breakdown-live"))).contains("add up to");
    String file = sample.readWeek("2024-W52");
    tab.clickAndWait("#save");
    assertThat(tab.text(id("tallies.incidents.breakdown-problem"))).contains("parts add up to");
    assertThat(tab.text("#summary")).contains("Incidents handled · Breakdown");
    assertThat(tab.evaluate("document.getElementById('" + phishing + "').value"))
        .isEqualTo(String.valueOf(before + 5));
    assertThat(sample.readWeek("2024-W52")).as("nothing saved").isEqualTo(file);
    look("editor-problem");

    // fixed, saved
    tab.type(phishing, String.valueOf(before));
    assertThat(tab.text(id("tallies.incidents.breakdown-live"))).contains("add up to the total");
    tab.clickAndWait("#save");
    assertThat(tab.location()).contains("done=saved");

    // the preview and the PDF
    tab.go(address("/console/weeks/2024-W52/preview"));
    look("preview");
    assertThat(
            tab.evaluateAsync(
                "fetch(document.querySelector('iframe').src).then(r => r.status + ' '"
                    + " + r.headers.get('content-type'))"))
        .startsWith("200 text/html");
    assertThat(
            tab.evaluateAsync(
                "fetch(document.querySelector('a[download]').href).then(r => r.status + ' '"
                    + " + r.headers.get('content-type'))"))
        .isEqualTo("200 application/pdf");
    tab.go(address("/console/weeks/2024-W52/json"));
    look("json");

    // submitted; her own edit she cannot approve
    tab.go(address("/console/weeks/2024-W52/review"));
    tab.type("note", "First issue of the week.");
    tab.clickAndWait("#submit");
    assertThat(tab.text("h1")).contains("In review");
    tab.clickAndWait("#approve");
    assertThat(tab.text("#summary")).contains("four eyes");
    assertThat(application.rereadBulletins(SETUP, "test").review(week()).state().name())
        .isEqualTo("IN_REVIEW");
    look("review");
    tab.go(address("/console/password"));
    look("password");
    signOut();
    look("sign-in");

    // the reviewer approves
    signIn("bob");
    tab.go(address("/console/weeks/2024-W52/review"));
    assertThat(tab.text("#changes-h + p")).contains("whole week is new");
    tab.clickAndWait("#approve");
    assertThat(tab.location()).contains("done=approved");
    assertThat(tab.text("h1")).contains("Approved");
    signOut();

    // the operator publishes and finds it in the archive; a dry run of a send
    signIn("erin");
    tab.go(address("/console/operate"));
    tab.clickAndWait("#publish");
    assertThat(tab.text("#published-h + p")).contains("2024-W52");
    Path published = sample.out().resolve("site/2024/W52/bulletin.json");
    assertThat(published).exists();
    tab.type("send-list", "public");
    tab.evaluate("document.getElementById('send-week').value = '2024-W52'");
    tab.clickAndWait("#send");
    assertThat(tab.text("#sent-h")).contains("Dry run");
    look("operate");
    tab.go(address("/console/weeks/2024-W09"));
    look("error");
    for (String page : ADMIN_PAGES) {
      tab.go(address(page));
      look(name(page));
    }
    signOut();

    // a correction: the analyst changes a figure; the reviewer sees it in the diff
    signIn("alice");
    tab.go(address("/console/weeks/2024-W52"));
    int other = field("tallies.incidents.breakdown.other");
    int incidents = field("tallies.incidents");
    tab.type("tallies.incidents.breakdown.other", String.valueOf(other + 1));
    tab.type("tallies.incidents", String.valueOf(incidents + 1));
    tab.clickAndWait("#save");
    assertThat(tab.location()).contains("done=savedToDraft");
    tab.go(address("/console/weeks/2024-W52/review"));
    tab.type("note", "One more incident was reported late.");
    tab.clickAndWait("#submit");
    signOut();
    signIn("bob");
    tab.go(address("/console/weeks/2024-W52/review"));
    assertThat(tab.text("table.diff"))
        .contains(String.valueOf(incidents))
        .contains(String.valueOf(incidents + 1));
    look("review-correction");
    tab.clickAndWait("#approve");
    signOut();
    signIn("erin");
    tab.go(address("/console/operate"));
    tab.clickAndWait("#publish");
    assertThat(Files.readString(published)).contains("\"value\" : " + (incidents + 1));
    assertThat(sample.out().resolve("site/2024/W52/v1/bulletin.json")).exists();

    // everything went through the audit log, under the API's names
    List<String> operations =
        application
            .access()
            .listAudit(SETUP, "test", AuditQuery.newest(AuditQuery.MAX_LIMIT))
            .entries()
            .stream()
            .filter(e -> e.outcome() == AuditEntry.Outcome.OK)
            .map(AuditEntry::operation)
            .toList();
    assertThat(operations).contains("startWeek", "putWeek", "submitWeek", "approveWeek", "publish");

    // the console in Chinese
    tab.go(address("/console/"));
    tab.clickAndWait("a[hreflang='zh-CN']");
    assertThat(tab.evaluate("document.documentElement.lang")).isEqualTo("zh-CN");
    look("weeks");
    for (String page : List.of("", "/json", "/preview", "/review")) {
      tab.go(address("/console/weeks/2024-W52" + page));
      look(page.isEmpty() ? "editor" : page.substring(1));
    }
    for (String page :
        List.of("/console/operate", "/console/password", "/console/weeks/2024-W09")) {
      tab.go(address(page));
      look(name(page));
    }
    for (String page : ADMIN_PAGES) {
      tab.go(address(page));
      look(name(page));
    }
    signOut();
    look("sign-in");

    assertThat(violations).as("axe-core " + axe.version()).isEmpty();
  }

  private static org.certbulletin.model.WeekId week() {
    return org.certbulletin.model.WeekId.parse("2024-W52");
  }
}
