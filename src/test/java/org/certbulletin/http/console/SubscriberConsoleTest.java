package org.certbulletin.http.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
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
import org.certbulletin.model.Subscriber;
import org.certbulletin.model.Tlp;
import org.certbulletin.service.AccessService;
import org.certbulletin.service.Application;
import org.certbulletin.service.AuditQuery;
import org.certbulletin.testing.Axe;
import org.certbulletin.testing.AxeViolation;
import org.certbulletin.testing.BrowserTab;
import org.certbulletin.testing.Chromium;
import org.certbulletin.testing.SampleWorkspace;
import org.certbulletin.testing.SampleWorkspaceExtension;
import org.certbulletin.testing.SubscriberRows;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The console's subscribers page on the real server: requests awaiting the viewer's decision,
 * approved and rejected (a reason required) through its forms with their CSRF token, suspended
 * addresses resumed, counts by list and status; an analyst sees none of it, an operator cleared
 * below the list is refused its requests; every decision audited under the API's names. In
 * Chromium, axe-core finds nothing wrong at 1200 and 375 px in English and Chinese. The rows are
 * put in the state database directly (as a confirmed sign-up and a bounce leave them).
 */
@ExtendWith(SampleWorkspaceExtension.class)
class SubscriberConsoleTest {

  private static final Principal SETUP = Principal.system("test");
  private static final String PASSWORD = "correct horse battery staple";
  private static final Path SHOTS = Path.of("target", "console-screenshots");

  private SampleWorkspace sample;
  private Application application;
  private AccessService access;
  private ApiServer server;
  private long grid;
  private long spam;
  private long carol;

  @BeforeEach
  void start(SampleWorkspace sample) {
    this.sample = sample;
    sample.openSignup();
    grid = SubscriberRows.awaiting(sample, "sector-partners", "soc@grid.example", "Grid Ltd");
    spam = SubscriberRows.awaiting(sample, "sector-partners", "x@spam.example", "Nobody Inc");
    carol = SubscriberRows.suspended(sample, "public", "carol@example.com", "550 5.1.1 no user");
    application = Application.open(sample.workspace(), Map.of(), Clock.systemUTC());
    access = application.access();
    access.addUser(SETUP, "test", "ana", Set.of(Role.ANALYST), Tlp.RED, PASSWORD.toCharArray());
    access.addUser(SETUP, "test", "gus", Set.of(Role.OPERATOR), Tlp.GREEN, PASSWORD.toCharArray());
    access.addUser(SETUP, "test", "olga", Set.of(Role.OPERATOR), Tlp.AMBER, PASSWORD.toCharArray());
    server = ApiServer.start(Listen.parse("127.0.0.1:0"), application);
  }

  @AfterEach
  void stop() {
    server.close();
    application.close();
  }

  private FormBrowser signIn(String name) throws IOException, InterruptedException {
    FormBrowser browser = new FormBrowser(server.address(), sample.root());
    HttpResponse<String> signedIn = browser.signInAs(name, PASSWORD);
    assertThat(signedIn.statusCode()).as(signedIn.body()).isEqualTo(303);
    browser.csrf = browser.csrfOf(browser.get("/console/"));
    return browser;
  }

  private Subscriber.Status status(long id) {
    return application.subscriptions().list(SETUP, "test", Optional.empty(), Set.of()).stream()
        .filter(s -> s.id() == id)
        .findFirst()
        .orElseThrow()
        .status();
  }

  private List<AuditEntry> audit(String operation) {
    return access
        .listAudit(SETUP, "test", AuditQuery.newest(AuditQuery.MAX_LIMIT))
        .entries()
        .stream()
        .filter(e -> e.operation().equals(operation))
        .toList();
  }

  @Test
  void anOperatorClearedForTheListApprovesRejectsWithAReasonAndResumes() throws Exception {
    FormBrowser olga = signIn("olga");

    HttpResponse<String> page = olga.get("/console/subscribers");

    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body())
        .contains("href=\"/console/subscribers\"")
        .contains("Grid Ltd", "soc@grid.example", "sectors: energy", "products: siemens")
        .contains("/console/subscribers/" + grid + "/approve")
        .contains("carol@example.com", "550 5.1.1 no user")
        .doesNotContain("??");
    HttpResponse<String> noReason =
        olga.post("/console/subscribers/" + spam + "/reject", Map.of("reason", "  "));
    assertThat(noReason.statusCode()).isEqualTo(400);
    assertThat(noReason.body()).contains("say why the request is rejected");
    assertThat(status(spam)).isEqualTo(Subscriber.Status.AWAITING_APPROVAL);

    HttpResponse<String> approved =
        olga.post("/console/subscribers/" + grid + "/approve", Map.of());
    HttpResponse<String> rejected =
        olga.post("/console/subscribers/" + spam + "/reject", Map.of("reason", "not a partner"));
    HttpResponse<String> resumed = olga.post("/console/subscribers/" + carol + "/resume", Map.of());

    for (HttpResponse<String> done : List.of(approved, rejected, resumed)) {
      assertThat(done.statusCode()).as(done.body()).isEqualTo(303);
    }
    assertThat(status(grid)).isEqualTo(Subscriber.Status.ACTIVE);
    assertThat(status(spam)).isEqualTo(Subscriber.Status.REJECTED);
    assertThat(status(carol)).isEqualTo(Subscriber.Status.ACTIVE);
    HttpResponse<String> after = olga.get("/console/subscribers?done=subscriberResumed");
    assertThat(after.body())
        .contains("Resumed: the address is mailed again.")
        .contains("No request awaits your decision.")
        .contains("No address is suspended.");
    HttpResponse<String> twice = olga.post("/console/subscribers/" + grid + "/approve", Map.of());
    assertThat(twice.statusCode()).isEqualTo(409);
    assertThat(twice.body()).contains("not awaiting approval (active)");
    assertThat(audit("approveSubscriber"))
        .extracting(AuditEntry::outcome)
        .containsExactly(AuditEntry.Outcome.REFUSED, AuditEntry.Outcome.OK);
    assertThat(audit("rejectSubscriber"))
        .extracting(AuditEntry::outcome)
        .containsExactly(AuditEntry.Outcome.OK, AuditEntry.Outcome.REFUSED);
    assertThat(audit("resumeSubscriber")).extracting(AuditEntry::actor).containsExactly("olga");
  }

  @Test
  void anAnalystAndAnOperatorBelowTheListSeeNoneOfItsRequestsAndCannotDecideThem()
      throws Exception {
    FormBrowser ana = signIn("ana");
    FormBrowser gus = signIn("gus");

    HttpResponse<String> analystPage = ana.get("/console/subscribers");
    HttpResponse<String> greenPage = gus.get("/console/subscribers");
    HttpResponse<String> byAnalyst =
        ana.post("/console/subscribers/" + grid + "/approve", Map.of());
    HttpResponse<String> byGreen = gus.post("/console/subscribers/" + grid + "/approve", Map.of());
    HttpResponse<String> resumeByAnalyst =
        ana.post("/console/subscribers/" + carol + "/resume", Map.of());
    HttpResponse<String> noCsrf =
        gus.postWithoutCsrf("/console/subscribers/" + carol + "/resume", Map.of());

    assertThat(ana.get("/console/").body()).doesNotContain("href=\"/console/subscribers\"");
    assertThat(analystPage.body())
        .contains("No request awaits your decision.")
        .doesNotContain("soc@grid.example", "carol@example.com");
    assertThat(greenPage.body())
        .contains("No request awaits your decision.", "carol@example.com")
        .doesNotContain("soc@grid.example");
    assertThat(byAnalyst.statusCode()).isEqualTo(403);
    assertThat(byGreen.statusCode()).isEqualTo(403);
    assertThat(resumeByAnalyst.statusCode()).isEqualTo(403);
    assertThat(noCsrf.statusCode()).isEqualTo(403);
    assertThat(status(grid)).isEqualTo(Subscriber.Status.AWAITING_APPROVAL);
    assertThat(status(carol)).isEqualTo(Subscriber.Status.SUSPENDED);
    assertThat(audit("approveSubscriber"))
        .extracting(e -> e.actor() + " " + e.outcome())
        .containsExactlyInAnyOrder("ana REFUSED", "gus REFUSED");

    HttpResponse<String> control = gus.post("/console/subscribers/" + carol + "/resume", Map.of());
    assertThat(control.statusCode())
        .as("control: the operator resumes a public address")
        .isEqualTo(303);
  }

  @Test
  void thePageHasNoAccessibilityViolationsAtEitherWidthInEitherLanguage() throws Exception {
    Optional<Path> binary = Chromium.find();
    Assumptions.assumeTrue(binary.isPresent(), () -> "no Chromium: " + Chromium.INSTALL_HINT);
    Files.createDirectories(SHOTS);
    List<String> violations = new ArrayList<>();
    try (Chromium browser = Chromium.start(binary.get());
        BrowserTab tab = BrowserTab.open(browser, address("/console/sign-in"), 1200)) {
      Axe axe = new Axe(browser);
      tab.type("name", "olga");
      tab.type("password", PASSWORD);
      tab.clickAndWait("form[action='/console/sign-in'] button");
      for (String language : List.of("en", "zh-CN")) {
        tab.go(address("/console/subscribers"));
        if (!language.equals("en")) {
          tab.clickAndWait("a[hreflang='" + language + "']");
        }
        assertThat(tab.evaluate("document.documentElement.lang")).isEqualTo(language);
        assertThat(tab.text("main")).contains("soc@grid.example", "carol@example.com");
        for (int width : new int[] {1200, 375}) {
          tab.width(width);
          List<AxeViolation> found = axe.check(tab);
          if (!found.isEmpty()) {
            violations.add(language + " " + width + " px: " + found);
          }
          tab.screenshot(SHOTS.resolve("subscribers-" + language + "-" + width + ".png"));
        }
        tab.width(1200);
      }
    }
    assertThat(violations).isEmpty();
  }

  private URI address(String path) {
    return URI.create(server.address() + path);
  }
}
