package org.certbulletin.http.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.certbulletin.http.ApiServer;
import org.certbulletin.http.Listen;
import org.certbulletin.model.AuditEntry;
import org.certbulletin.model.Principal;
import org.certbulletin.model.Role;
import org.certbulletin.model.Tlp;
import org.certbulletin.service.Application;
import org.certbulletin.service.AuditQuery;
import org.certbulletin.testing.SampleWorkspace;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The console's door over real HTTP, as a browser and a hostile page would knock: no session leads
 * to the sign-in (and a change without one changes nothing), a form without the session's CSRF
 * token or by a person without the role is refused and audited, the sign-in sends nobody to another
 * site, every page carries the strict policy and no inline code, and a save over someone else's
 * newer save shows both instead of losing either.
 */
class ConsoleDoorTest {

  private static final String PASSWORD = "correct horse battery staple";
  private static final Principal SETUP = Principal.system("test");
  private static final Pattern CSRF = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"");
  private static final Pattern ETAG = Pattern.compile("name=\"etag\" value=\"([^\"]+)\"");
  private static final Pattern ITEMS = Pattern.compile("name=\"items\" value=\"([^\"]+)\"");

  @TempDir Path root;

  private SampleWorkspace sample;
  private Application application;
  private ApiServer server;

  @BeforeEach
  void serve() {
    sample = SampleWorkspace.copyTo(root.resolve("workspace"));
    application = Application.open(sample.workspace(), Map.of(), Clock.systemUTC());
    user("alice", Role.ANALYST);
    user("rita", Role.REVIEWER);
    server = ApiServer.start(new Listen("127.0.0.1", 0), application);
  }

  @AfterEach
  void stop() {
    server.close();
    application.close();
  }

  private void user(String name, Role... roles) {
    application
        .access()
        .addUser(SETUP, "test", name, Set.of(roles), Tlp.RED, PASSWORD.toCharArray());
  }

  private FormBrowser browser() {
    return new FormBrowser(server.address(), sample.root());
  }

  private FormBrowser signedIn(String name) throws Exception {
    FormBrowser browser = browser();
    HttpResponse<String> signIn = browser.signInAs(name, PASSWORD);
    assertThat(signIn.statusCode()).as(signIn.body()).isEqualTo(303);
    return browser;
  }

  private static HttpResponse<String> get(FormBrowser browser, String path) throws Exception {
    return browser.get(path);
  }

  /** Posts {@code form} as it is, its CSRF field included or left out. */
  private static HttpResponse<String> post(
      FormBrowser browser, String path, Map<String, String> form) throws Exception {
    return browser.postWithoutCsrf(path, form);
  }

  private static String first(Pattern pattern, String html) {
    Matcher m = pattern.matcher(html);
    assertThat(m.find()).as("no " + pattern + " in\n" + html).isTrue();
    return m.group(1);
  }

  /** The editor's form of 2024-W51 as the page gives it, with {@code changes}. */
  private Map<String, String> editorForm(String html, Map<String, String> changes) {
    Map<String, String> form = new LinkedHashMap<>();
    Matcher inputs =
        Pattern.compile("<input id=\"([^\"]+)\" name=\"\\1\"[^>]*value=\"([^\"]*)\"").matcher(html);
    while (inputs.find()) {
      form.put(unescape(inputs.group(1)), unescape(inputs.group(2)));
    }
    Matcher texts =
        Pattern.compile(
                "<textarea id=\"([^\"]+)\" name=\"\\1\"[^>]*>(.*?)</textarea>", Pattern.DOTALL)
            .matcher(html);
    while (texts.find()) {
      form.put(unescape(texts.group(1)), unescape(texts.group(2)));
    }
    form.put("situation.rating", "good");
    form.put("csrf", first(CSRF, html));
    form.put("etag", unescape(first(ETAG, html)));
    form.put("items", unescape(first(ITEMS, html)));
    form.putAll(changes);
    return form;
  }

  private static String unescape(String html) {
    return html.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&");
  }

  @Test
  void withoutASessionAPageLeadsToTheSignInAndAChangeChangesNothing() throws Exception {
    FormBrowser stranger = browser();
    HttpResponse<String> page = get(stranger, "/console/weeks/2024-W51");
    assertThat(page.statusCode()).isEqualTo(303);
    assertThat(page.headers().firstValue("Location").orElseThrow())
        .isEqualTo("/console/sign-in?next=%2Fconsole%2Fweeks%2F2024-W51");
    String before = sample.readWeek("2024-W51");
    HttpResponse<String> change =
        post(stranger, "/console/weeks/2024-W51", Map.of("tallies.incidents", "1"));
    assertThat(change.statusCode()).isEqualTo(401);
    assertThat(change.body()).contains("Sign in again").doesNotContain("Exception");
    assertThat(sample.readWeek("2024-W51")).isEqualTo(before);
    // the way to the sign-in is no line of the audit log; the change without a session is none
    // either (nobody to attribute it to, nothing done), but a refused sign-in is
    assertThat(audit("getWeek", AuditEntry.Outcome.OK)).isEmpty();
    assertThat(audit("getWeek", AuditEntry.Outcome.FAILED)).isEmpty();
    post(stranger, "/console/sign-in", Map.of("name", "alice", "password", "wrong", "next", "/"));
    assertThat(audit("login", AuditEntry.Outcome.REFUSED)).hasSize(1);

    // the control: signed in, the same page opens
    assertThat(get(signedIn("alice"), "/console/weeks/2024-W51").statusCode()).isEqualTo(200);
  }

  @Test
  void aFormWithoutTheSessionsCsrfTokenIsRefusedAndAudited() throws Exception {
    FormBrowser alice = signedIn("alice");
    String html = get(alice, "/console/weeks/2024-W51").body();
    String before = sample.readWeek("2024-W51");
    Map<String, String> forged = editorForm(html, Map.of("situation.rating", "poor"));
    forged.remove("csrf");
    HttpResponse<String> refused = post(alice, "/console/weeks/2024-W51", forged);
    assertThat(refused.statusCode()).isEqualTo(403);
    assertThat(refused.body()).contains("CSRF");
    forged.put("csrf", "not-the-token");
    assertThat(post(alice, "/console/weeks/2024-W51", forged).statusCode()).isEqualTo(403);
    assertThat(sample.readWeek("2024-W51")).isEqualTo(before);
    assertThat(audit("putWeek", AuditEntry.Outcome.REFUSED)).hasSize(2);

    // the control: the same form with the page's token is saved
    HttpResponse<String> saved =
        post(
            alice, "/console/weeks/2024-W51", editorForm(html, Map.of("situation.rating", "poor")));
    assertThat(saved.statusCode()).as(saved.body()).isEqualTo(303);
    assertThat(sample.readWeek("2024-W51")).contains("\"rating\": \"poor\"");
    assertThat(audit("putWeek", AuditEntry.Outcome.OK)).hasSize(1);
  }

  @Test
  void aPersonWithoutTheRoleIsRefusedAndAudited() throws Exception {
    FormBrowser rita = signedIn("rita");
    String html = get(rita, "/console/weeks/2024-W51").body();
    assertThat(html).contains("Read only").doesNotContain("id=\"save\"");
    String before = sample.readWeek("2024-W51");
    HttpResponse<String> refused =
        post(rita, "/console/weeks/2024-W51", editorForm(html, Map.of("situation.rating", "poor")));
    assertThat(refused.statusCode()).isEqualTo(403);
    assertThat(refused.body()).contains("analyst");
    assertThat(sample.readWeek("2024-W51")).isEqualTo(before);
    assertThat(audit("putWeek", AuditEntry.Outcome.REFUSED))
        .extracting(AuditEntry::actor)
        .containsExactly("rita");
  }

  @Test
  void theSignInSendsNobodyToAnotherSite() throws Exception {
    for (String next :
        List.of("//evil.example/", "https://evil.example/", "/\\evil.example", "/api/weeks")) {
      HttpResponse<String> signIn =
          post(
              browser(),
              "/console/sign-in",
              Map.of("name", "alice", "password", PASSWORD, "next", next));
      assertThat(signIn.headers().firstValue("Location").orElseThrow())
          .as(next)
          .isEqualTo("/console/");
    }
    // the control: a page of the console is where it goes
    HttpResponse<String> signIn =
        post(
            browser(),
            "/console/sign-in",
            Map.of("name", "alice", "password", PASSWORD, "next", "/console/weeks/2024-W50"));
    assertThat(signIn.headers().firstValue("Location").orElseThrow())
        .isEqualTo("/console/weeks/2024-W50");
    HttpResponse<String> wrong =
        post(
            browser(),
            "/console/sign-in",
            Map.of("name", "alice", "password", "wrong", "next", "/console/"));
    assertThat(wrong.statusCode()).isEqualTo(401);
    assertThat(wrong.body()).contains("wrong");
    assertThat(wrong.headers().firstValue("Set-Cookie")).isEmpty();
  }

  @Test
  void everyPageCarriesTheStrictPolicyAndNoInlineCode() throws Exception {
    FormBrowser alice = signedIn("alice");
    for (String path :
        List.of(
            "/console/",
            "/console/weeks/2024-W51",
            "/console/weeks/2024-W51/json",
            "/console/weeks/2024-W51/preview",
            "/console/weeks/2024-W51/review",
            "/console/operate",
            "/console/password",
            "/console/weeks/2024-W09",
            "/console/weeks/2024-W51/review?done=%3Cscript%3E")) {
      HttpResponse<String> page = get(alice, path);
      assertThat(page.statusCode()).as(path).isIn(200, 404);
      assertThat(page.headers().firstValue("Content-Security-Policy").orElseThrow())
          .as(path)
          .isEqualTo(ConsoleDoor.POLICY)
          .doesNotContain("unsafe");
      assertThat(page.body())
          .as(path)
          .doesNotContainPattern("<script(?![^>]*\\ssrc=)")
          .doesNotContain(" style=")
          .doesNotContain("<style")
          .doesNotContain(" on" + "click=")
          .doesNotContain("??");
    }
    // the control: the pattern finds an inline script
    assertThat("<script>alert(1)</script>").containsPattern("<script(?![^>]*\\ssrc=)");
  }

  @Test
  void aSaveOverSomeoneElsesNewerSaveShowsBothAndLosesNeither() throws Exception {
    FormBrowser alice = signedIn("alice");
    user("ana", Role.ANALYST);
    FormBrowser ana = signedIn("ana");
    String alicesPage = get(alice, "/console/weeks/2024-W51").body();
    String anasPage = get(ana, "/console/weeks/2024-W51").body();
    assertThat(
            post(
                    ana,
                    "/console/weeks/2024-W51",
                    editorForm(anasPage, Map.of("situation.rating", "fair")))
                .statusCode())
        .isEqualTo(303);
    HttpResponse<String> conflict =
        post(
            alice,
            "/console/weeks/2024-W51",
            editorForm(alicesPage, Map.of("situation.rating", "poor")));
    assertThat(conflict.statusCode()).isEqualTo(409);
    assertThat(conflict.body()).contains("Someone else saved").contains("fair").contains("poor");
    assertThat(sample.readWeek("2024-W51")).contains("\"fair\"").doesNotContain("\"poor\"");
    // the page she is shown now names the newer file: saving it again replaces theirs, knowingly
    HttpResponse<String> over =
        post(
            alice,
            "/console/weeks/2024-W51",
            editorForm(conflict.body(), Map.of("situation.rating", "poor")));
    assertThat(over.statusCode()).as(over.body()).isEqualTo(303);
    assertThat(sample.readWeek("2024-W51")).contains("\"poor\"");
  }

  @Test
  void theJsonEditorShowsEachProblemWithItsLineAndKeepsTheText() throws Exception {
    FormBrowser alice = signedIn("alice");
    String html = get(alice, "/console/weeks/2024-W51/json").body();
    String text = sample.readWeek("2024-W51");
    String broken = text.replaceFirst("\"value\": 146", "\"value\": -146");
    assertThat(broken).isNotEqualTo(text);
    int line = broken.substring(0, broken.indexOf("-146")).split("\n", -1).length;
    HttpResponse<String> refused =
        post(
            alice,
            "/console/weeks/2024-W51/json",
            Map.of("csrf", first(CSRF, html), "etag", unescape(first(ETAG, html)), "json", broken));
    assertThat(refused.statusCode()).isEqualTo(400);
    assertThat(refused.body())
        .contains("line " + line + ", column")
        .contains("/tallies/incidents/value")
        .contains("&quot;value&quot;: -146");
    assertThat(sample.readWeek("2024-W51")).isEqualTo(text);

    // the control: the text as it was is saved
    HttpResponse<String> saved =
        post(
            alice,
            "/console/weeks/2024-W51/json",
            Map.of(
                "csrf",
                first(CSRF, html),
                "etag",
                unescape(first(ETAG, html)),
                "json",
                text.replace("146", "147").replace("\"other\": 10", "\"other\": 11")));
    assertThat(saved.statusCode()).as(saved.body()).isEqualTo(303);
    assertThat(sample.readWeek("2024-W51")).contains("147");
  }

  @Test
  void aSaveWhoseRowsNoLongerMatchTheWeeksListsIsNotAppliedAndIsAudited() throws Exception {
    FormBrowser alice = signedIn("alice");
    String page = get(alice, "/console/weeks/2024-W51").body();
    // meanwhile the first highlight is removed in a shell
    sample.editWeek(
        "2024-W51",
        json -> {
          tools.jackson.databind.node.ObjectNode tree =
              (tools.jackson.databind.node.ObjectNode)
                  tools.jackson.databind.json.JsonMapper.builder().build().readTree(json);
          tree.withArray("highlights").remove(0);
          return tree.toPrettyString();
        });
    String edited = sample.readWeek("2024-W51");
    HttpResponse<String> refused =
        post(
            alice, "/console/weeks/2024-W51", editorForm(page, Map.of("situation.rating", "poor")));
    assertThat(refused.statusCode()).isEqualTo(409);
    assertThat(refused.body()).contains("was not applied");
    assertThat(sample.readWeek("2024-W51")).isEqualTo(edited);
    assertThat(audit("putWeek", AuditEntry.Outcome.REFUSED)).hasSize(1);
    // the control: the page she is shown now is the week as it is, and saving it is applied
    HttpResponse<String> saved =
        post(
            alice,
            "/console/weeks/2024-W51",
            editorForm(refused.body(), Map.of("situation.rating", "poor")));
    assertThat(saved.statusCode()).as(saved.body()).isEqualTo(303);
    assertThat(sample.readWeek("2024-W51")).contains("\"poor\"");
  }

  @Test
  void noOneReadsOrImportsIntoAWeekAboveTheirClearance() throws Exception {
    application
        .access()
        .addUser(SETUP, "test", "clara", Set.of(Role.ANALYST), Tlp.CLEAR, PASSWORD.toCharArray());
    FormBrowser clara = signedIn("clara");
    for (String page : List.of("", "/json", "/preview", "/review", "/preview/en/html?tlp=AMBER")) {
      assertThat(get(clara, "/console/weeks/2024-W51" + page).statusCode()).as(page).isEqualTo(403);
      // the control: a week with nothing marked opens for her
      assertThat(
              get(clara, "/console/weeks/2024-W50" + page.replace("AMBER", "CLEAR")).statusCode())
          .as(page)
          .isEqualTo(200);
    }
    // the edition cut to her clearance is hers to read, as getEdition gives it
    HttpResponse<String> cut = get(clara, "/console/weeks/2024-W51/preview/en/html?tlp=CLEAR");
    assertThat(cut.statusCode()).isEqualTo(200);
    assertThat(cut.body()).doesNotContain("Credential-stuffing campaign");
    assertThat(get(signedIn("alice"), "/console/weeks/2024-W51/preview/en/html?tlp=AMBER").body())
        .contains("Credential-stuffing campaign");
    Principal who =
        new Principal(Principal.Kind.USER, "clara", "clara", Set.of(Role.ANALYST), Tlp.CLEAR);
    Path sheet =
        java.nio.file.Files.writeString(
            root.resolve("sheet.csv"), "tally,part,value\ndata_breaches,,1\n");
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () ->
                application
                    .bulletins(who, "test")
                    .importTallies(org.certbulletin.model.WeekId.parse("2024-W51"), sheet))
        .isInstanceOf(org.certbulletin.service.ServiceFailure.Forbidden.class);
    assertThat(audit("importTallies", AuditEntry.Outcome.REFUSED)).hasSize(1);
  }

  private List<AuditEntry> audit(String operation, AuditEntry.Outcome outcome) throws IOException {
    return application
        .access()
        .listAudit(SETUP, "test", AuditQuery.newest(AuditQuery.MAX_LIMIT))
        .entries()
        .stream()
        .filter(e -> e.operation().equals(operation) && e.outcome() == outcome)
        .toList();
  }
}
