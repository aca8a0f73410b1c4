package org.certbulletin.http.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
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
import org.certbulletin.model.DeliveryReport;
import org.certbulletin.model.Principal;
import org.certbulletin.model.Role;
import org.certbulletin.model.Tlp;
import org.certbulletin.model.WeekId;
import org.certbulletin.service.AccessService;
import org.certbulletin.service.Application;
import org.certbulletin.service.SendOptions;
import org.certbulletin.service.UserAccount;
import org.certbulletin.testing.ImportFixtures;
import org.certbulletin.testing.SampleWorkspace;
import org.certbulletin.testing.SampleWorkspaceExtension;
import org.certbulletin.testing.TestSmtp;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The console's admin pages on the real server: imports through the upload form, users and tokens,
 * the audit log, and the door's CSRF check on them; each person a browser of their own (a client
 * with its own cookies).
 */
@ExtendWith(SampleWorkspaceExtension.class)
class ConsoleAdminTest {

  private static final Principal SETUP = Principal.system("test");
  private static final String PASSWORD = "correct horse battery staple";

  @RegisterExtension static GreenMailExtension smtp = TestSmtp.server();

  private SampleWorkspace sample;
  private Application application;
  private AccessService access;
  private ApiServer server;

  @BeforeEach
  void start(SampleWorkspace sample) {
    this.sample = sample;
    sample.useLocalSmtp(smtp.getSmtp().getPort());
    application = Application.open(sample.workspace(), Map.of(), Clock.systemUTC());
    access = application.access();
    access.addUser(SETUP, "test", "alice", Set.of(Role.ANALYST), Tlp.AMBER, pw());
    access.addUser(SETUP, "test", "dave", Set.of(Role.ADMIN), Tlp.CLEAR, pw());
    server = ApiServer.start(Listen.parse("127.0.0.1:0"), application);
  }

  @AfterEach
  void stop() {
    server.close();
    application.close();
  }

  private static char[] pw() {
    return PASSWORD.toCharArray();
  }

  @Test
  void anAnalystImportsACsafFileThroughTheUploadFormAndSeesItsReport() throws Exception {
    FormBrowser alice = signIn("alice");
    byte[] csaf = Files.readAllBytes(ImportFixtures.csaf("rhsa-2022_0011"));
    String before = sample.readWeek("2024-W51");

    HttpResponse<String> page = alice.get("/console/weeks/2024-W51/imports");
    HttpResponse<String> dryRun =
        alice.upload(
            "/console/weeks/2024-W51/imports/advisories",
            Map.of("kind", "csaf", "dryRun", "1"),
            "rhsa-2022_0011.json",
            csaf);
    String afterDryRun = sample.readWeek("2024-W51");
    HttpResponse<String> imported =
        alice.upload(
            "/console/weeks/2024-W51/imports/advisories",
            Map.of("kind", "csaf"),
            "rhsa-2022_0011.json",
            csaf);

    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body()).contains("enctype=\"multipart/form-data\"", "Import advisories");
    assertThat(before).doesNotContain("RHSA-2022:0011");
    assertThat(dryRun.statusCode()).as(dryRun.body()).isEqualTo(200);
    assertThat(dryRun.body()).contains("Dry run: nothing was changed", "would change");
    assertThat(afterDryRun).isEqualTo(before);
    assertThat(imported.statusCode()).as(imported.body()).isEqualTo(200);
    assertThat(imported.body()).contains("Import report", "RHSA-2022:0011");
    assertThat(imported.body()).doesNotContain("cert-bulletin-upload-", "/tmp/", "??");
    assertThat(sample.readWeek("2024-W51")).contains("RHSA-2022:0011");
  }

  @Test
  void anAnalystImportsTheFiguresFromASpreadsheet() throws Exception {
    FormBrowser alice = signIn("alice");

    HttpResponse<String> imported =
        alice.upload(
            "/console/weeks/2024-W51/imports/tallies",
            Map.of(),
            "figures.csv",
            "tally,part,value\nincidents,,150\n".getBytes(StandardCharsets.UTF_8));

    assertThat(imported.statusCode()).as(imported.body()).isEqualTo(200);
    assertThat(imported.body()).contains("/tallies/incidents", "150");
    assertThat(sample.readWeek("2024-W51")).contains("150");
  }

  @Test
  void anImportWithoutAFileOrAnAddressIsRefusedOnThePageAndAFileOfTheServerIsNeverRead()
      throws Exception {
    FormBrowser alice = signIn("alice");
    String before = sample.readWeek("2024-W51");

    HttpResponse<String> nothing =
        alice.post("/console/weeks/2024-W51/imports/advisories", Map.of("kind", "csaf"));
    HttpResponse<String> serverFile =
        alice.post(
            "/console/weeks/2024-W51/imports/advisories",
            Map.of("kind", "csaf", "url", "/etc/passwd"));

    assertThat(nothing.statusCode()).isEqualTo(400);
    assertThat(nothing.body()).contains("Choose one file to upload or give one https address");
    assertThat(serverFile.statusCode()).isEqualTo(400);
    assertThat(serverFile.body()).contains("is not an https address");
    assertThat(sample.readWeek("2024-W51")).isEqualTo(before);
  }

  @Test
  void anUploadLargerThanTheServerReadsIsRefusedWithAClearPage() throws Exception {
    FormBrowser alice = signIn("alice");
    String before = sample.readWeek("2024-W51");
    byte[] large = new byte[(int) ApiServer.MAX_BODY + 1024];
    java.util.Arrays.fill(large, (byte) ' ');

    HttpResponse<String> tooLarge =
        alice.upload(
            "/console/weeks/2024-W51/imports/advisories",
            Map.of("kind", "csaf"),
            "large.json",
            large);

    assertThat(tooLarge.statusCode()).isEqualTo(413);
    assertThat(tooLarge.body()).contains("larger than the server reads (2 MB at most)");
    assertThat(sample.readWeek("2024-W51")).isEqualTo(before);
  }

  @Test
  void anAdminCreatesAUserWhoThenSignsIn() throws Exception {
    FormBrowser dave = signIn("dave");

    HttpResponse<String> created = dave.post("/console/users", newUser("erin"));
    FormBrowser erin = signIn("erin");
    HttpResponse<String> weeks = erin.get("/console/");

    assertThat(created.statusCode()).as(created.body()).isEqualTo(303);
    assertThat(created.headers().firstValue("Location"))
        .hasValue("/console/users?done=userCreated");
    assertThat(dave.get("/console/users?done=userCreated").body())
        .contains("The user is added", "/console/users/erin");
    assertThat(weeks.statusCode()).isEqualTo(200);
    assertThat(weeks.body()).contains("<strong>erin</strong>");
    assertThat(user("erin").roles()).containsExactly(Role.REVIEWER);
    assertThat(user("erin").clearance()).isEqualTo(Tlp.GREEN);
  }

  @Test
  void twoPasswordsThatDifferCreateNoUser() throws Exception {
    FormBrowser dave = signIn("dave");
    Map<String, String> form = newUser("erin");
    form.put("repeat", PASSWORD + "!");

    HttpResponse<String> refused = dave.post("/console/users", form);

    assertThat(refused.statusCode()).isEqualTo(400);
    assertThat(refused.body()).contains("The two new passwords differ");
    assertThat(users()).doesNotContain("erin");
  }

  @Test
  void onlyAnAdminOpensTheUsersAndTheAuditLog() throws Exception {
    FormBrowser alice = signIn("alice");
    FormBrowser dave = signIn("dave");

    assertThat(alice.get("/console/users").statusCode()).isEqualTo(403);
    assertThat(alice.get("/console/audit").statusCode()).isEqualTo(403);
    assertThat(alice.get("/console/").body()).doesNotContain("/console/users", "/console/audit");
    assertThat(dave.get("/console/users").statusCode()).isEqualTo(200);
    assertThat(dave.get("/console/audit").statusCode()).isEqualTo(200);
    assertThat(dave.get("/console/").body()).contains("/console/users", "/console/audit");
  }

  @Test
  void aPostWithoutTheCsrfFieldIsRefusedAndChangesNothing() throws Exception {
    FormBrowser dave = signIn("dave");
    Map<String, String> form = newUser("erin");

    HttpResponse<String> forged = dave.postWithoutCsrf("/console/users", form);
    List<String> afterForged = users();
    HttpResponse<String> genuine = dave.post("/console/users", form);

    assertThat(forged.statusCode()).isEqualTo(403);
    assertThat(forged.body()).contains("CSRF");
    assertThat(afterForged).doesNotContain("erin");
    assertThat(genuine.statusCode()).isEqualTo(303);
    assertThat(users()).contains("erin");
  }

  @Test
  void theAuditPageListsTheUserCreation() throws Exception {
    FormBrowser dave = signIn("dave");
    String beforeCreation = dave.get("/console/audit?operation=user.add").body();

    dave.post("/console/users", newUser("erin"));
    HttpResponse<String> audit = dave.get("/console/audit?operation=user.add");
    HttpResponse<String> byAlice = dave.get("/console/audit?actor=alice");

    assertThat(beforeCreation).contains("<td>alice</td>").doesNotContain("<td>erin</td>");
    assertThat(audit.statusCode()).isEqualTo(200);
    assertThat(audit.body()).contains("<td>dave</td>", "<td>erin</td>", "user.add");
    assertThat(byAlice.body()).doesNotContain("<td>erin</td>");
  }

  @Test
  void theAuditLogIsReadNewestFirstAPageAtATime() throws Exception {
    FormBrowser dave = signIn("dave");
    for (int i = 0; i < AuditPages.PAGE + 10; i++) {
      access.audit(SETUP, "test.step", "step-" + i, "test", AuditEntry.Outcome.OK, "");
    }

    HttpResponse<String> newest = dave.get("/console/audit?operation=test.step");
    Matcher older = Pattern.compile("href=\"([^\"]+)\" rel=\"next\"").matcher(newest.body());
    assertThat(older.find()).as(newest.body()).isTrue();
    HttpResponse<String> next = dave.get(older.group(1).replace("&amp;", "&"));

    assertThat(newest.body()).contains("<td>step-59</td>", "<td>step-10</td>");
    assertThat(newest.body()).doesNotContain("<td>step-9</td>", "Newest entries");
    assertThat(next.statusCode()).isEqualTo(200);
    assertThat(next.body()).contains("<td>step-9</td>", "<td>step-0</td>", "Newest entries");
    assertThat(next.body()).doesNotContain("<td>step-10</td>", "rel=\"next\"");
  }

  @Test
  void anAdminDisablesAndEnablesAUserAndResetsTheirPassword() throws Exception {
    FormBrowser dave = signIn("dave");
    FormBrowser alice = signIn("alice");

    HttpResponse<String> disabled =
        dave.post("/console/users/alice/state", Map.of("disabled", "true"));
    HttpResponse<String> alicesSessionAfter = alice.get("/console/");
    HttpResponse<String> signInWhileDisabled =
        new FormBrowser(server.address(), sample.root()).signInAs("alice", PASSWORD);
    HttpResponse<String> enabled =
        dave.post("/console/users/alice/state", Map.of("disabled", "false"));
    String newPassword = "another long passphrase";
    HttpResponse<String> reset =
        dave.post(
            "/console/users/alice/password",
            Map.of("password", newPassword, "repeat", newPassword));

    assertThat(disabled.statusCode()).isEqualTo(303);
    assertThat(alicesSessionAfter.statusCode()).isEqualTo(303);
    assertThat(alicesSessionAfter.headers().firstValue("Location").orElse(""))
        .startsWith("/console/sign-in");
    assertThat(signInWhileDisabled.statusCode()).isEqualTo(401);
    assertThat(enabled.statusCode()).isEqualTo(303);
    assertThat(reset.statusCode()).isEqualTo(303);
    assertThat(
            new FormBrowser(server.address(), sample.root())
                .signInAs("alice", PASSWORD)
                .statusCode())
        .isEqualTo(401);
    assertThat(
            new FormBrowser(server.address(), sample.root())
                .signInAs("alice", newPassword)
                .statusCode())
        .isEqualTo(303);
  }

  @Test
  void aTokenMadeOnThePageShowsItsSecretOnceAndWorksUntilRevoked() throws Exception {
    FormBrowser dave = signIn("dave");

    HttpResponse<String> made =
        dave.post(
            "/console/tokens", Map.of("tokenName", "soar", "tokenUser", "alice", "days", "90"));
    Matcher secret = Pattern.compile("value=\"(cbt_[A-Za-z0-9_-]+)\"").matcher(made.body());
    assertThat(secret.find()).as(made.body()).isTrue();
    int meWithIt = apiMe(secret.group(1));
    HttpResponse<String> list = dave.get("/console/users");
    HttpResponse<String> revoked = dave.post("/console/tokens/soar/revocation", Map.of());

    assertThat(made.statusCode()).isEqualTo(201);
    assertThat(made.headers().firstValue("Cache-Control")).hasValue("no-store");
    assertThat(meWithIt).isEqualTo(200);
    assertThat(list.body()).contains("soar").doesNotContain(secret.group(1));
    assertThat(revoked.statusCode()).isEqualTo(303);
    assertThat(apiMe(secret.group(1))).isEqualTo(401);
  }

  @Test
  void theOperatePageHasEachListsDeliveriesInATable() throws Exception {
    FormBrowser dave = signIn("dave");
    String beforeSending = dave.get("/console/operate").body();

    DeliveryReport sent =
        application
            .rereadBulletins(SETUP, "test")
            .send(
                WeekId.parse("2024-W51"),
                "public",
                new SendOptions(false, false, Map.of(), Clock.systemUTC()));
    HttpResponse<String> operate = dave.get("/console/operate");

    assertThat(beforeSending).contains("Nothing was delivered yet.");
    assertThat(sent.sent()).as(sent.toString()).isPositive();
    assertThat(operate.statusCode()).isEqualTo(200);
    assertThat(operate.body())
        .contains(
            "<h2 id=\"deliveries-h\">Deliveries 2024-W51",
            "<caption>Each list&#39;s deliveries",
            "<th scope=\"row\">public</th><td>" + sent.sent() + "</td>")
        .doesNotContain("Nothing was delivered yet.");
  }

  @Test
  void anOperatorSendsAWeekFromTheConsoleOncePerRecipient() throws Exception {
    access.addUser(SETUP, "test", "olga", Set.of(Role.OPERATOR), Tlp.RED, pw());
    FormBrowser olga = signIn("olga");
    smtp.purgeEmailFromAllMailboxes();

    HttpResponse<String> dryRun =
        olga.post("/console/send", Map.of("week", "2024-W51", "list", "public", "dryRun", "1"));
    int afterDryRun = smtp.getReceivedMessages().length;
    HttpResponse<String> sent =
        olga.post("/console/send", Map.of("week", "2024-W51", "list", "public"));
    int afterSend = smtp.getReceivedMessages().length;
    HttpResponse<String> again =
        olga.post("/console/send", Map.of("week", "2024-W51", "list", "public"));

    assertThat(dryRun.statusCode()).as(dryRun.body()).isEqualTo(200);
    assertThat(dryRun.body()).contains("Dry run: nothing was sent");
    assertThat(afterDryRun).isZero();
    assertThat(sent.statusCode()).as(sent.body()).isEqualTo(200);
    Matcher recipients = Pattern.compile("Recipients: (\\d+)").matcher(sent.body());
    assertThat(recipients.find()).as(sent.body()).isTrue();
    int count = Integer.parseInt(recipients.group(1));
    assertThat(count).isPositive();
    assertThat(afterSend).isEqualTo(count);
    assertThat(sent.body()).contains("Sent now: " + count);
    // the same send again: nothing new leaves, and the page says they had it already
    assertThat(again.body()).contains("Sent now: 0", "Sent before: " + count);
    assertThat(smtp.getReceivedMessages()).hasSize(count);
  }

  @Test
  void theAdminPagesSpeakChinese() throws Exception {
    FormBrowser dave = signIn("dave");
    dave.get("/console/language?to=zh-CN&back=/console/");

    for (String page :
        List.of(
            "/console/users",
            "/console/users/alice",
            "/console/audit",
            "/console/operate",
            "/console/weeks/2024-W51/imports")) {
      HttpResponse<String> answer = dave.get(page);
      assertThat(answer.statusCode()).as(page).isEqualTo(200);
      assertThat(answer.body()).as(page).contains("lang=\"zh-CN\"").doesNotContain("??");
    }
  }

  // helpers

  private static Map<String, String> newUser(String name) {
    Map<String, String> form = new LinkedHashMap<>();
    form.put("name", name);
    form.put("roles", "reviewer");
    form.put("clearance", "GREEN");
    form.put("password", PASSWORD);
    form.put("repeat", PASSWORD);
    return form;
  }

  private UserAccount user(String name) {
    return access.listUsers(SETUP, "test").stream()
        .filter(u -> u.name().equals(name))
        .findFirst()
        .orElseThrow();
  }

  private List<String> users() {
    return access.listUsers(SETUP, "test").stream().map(UserAccount::name).toList();
  }

  private int apiMe(String secret) throws IOException, InterruptedException {
    return HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(URI.create(server.address() + "/api/me"))
                .header("Authorization", "Bearer " + secret)
                .build(),
            HttpResponse.BodyHandlers.ofString())
        .statusCode();
  }

  private FormBrowser signIn(String name) throws IOException, InterruptedException {
    FormBrowser browser = new FormBrowser(server.address(), sample.root());
    HttpResponse<String> signedIn = browser.signInAs(name, PASSWORD);
    assertThat(signedIn.statusCode()).as(signedIn.body()).isEqualTo(303);
    browser.csrf = browser.csrfOf(browser.get("/console/"));
    return browser;
  }
}
