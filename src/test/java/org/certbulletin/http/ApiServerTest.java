package org.certbulletin.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.certbulletin.model.AuditEntry;
import org.certbulletin.model.Principal;
import org.certbulletin.model.Role;
import org.certbulletin.model.Tlp;
import org.certbulletin.service.AccessService;
import org.certbulletin.service.Application;
import org.certbulletin.service.AuditQuery;
import org.certbulletin.testing.SampleWorkspace;
import org.certbulletin.testing.SampleWorkspaceExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

/**
 * The API over real HTTP: the server on a free port of 127.0.0.1, the JDK's client, the sample
 * workspace. Each refusal has a control that shows the same request succeeding for a caller who may
 * make it.
 */
@ExtendWith(SampleWorkspaceExtension.class)
class ApiServerTest {

  static final Principal SETUP = Principal.system("test");
  static final String PASSWORD = "correct horse battery staple";

  private final HttpClient client = HttpClient.newHttpClient();
  private final Map<String, String> tokens = new HashMap<>();
  private SampleWorkspace sample;
  private Application application;
  private AccessService access;
  private ApiServer server;

  @BeforeEach
  void start(SampleWorkspace sample) {
    this.sample = sample;
    application = Application.open(sample.workspace(), Map.of(), Clock.systemUTC());
    access = application.access();
    user("alice", Tlp.AMBER, Role.ANALYST);
    user("bob", Tlp.AMBER, Role.REVIEWER);
    user("carol", Tlp.CLEAR, Role.ANALYST);
    user("dave", Tlp.CLEAR, Role.ADMIN);
    tokens.put("analyst", token("pipeline", "alice"));
    tokens.put("reviewer", token("bobs-script", "bob"));
    tokens.put("clear", token("carols-script", "carol"));
    tokens.put("admin", token("daves-script", "dave"));
    server = ApiServer.start(new Listen("127.0.0.1", 0), application);
  }

  @AfterEach
  void stop() {
    server.close();
    application.close();
  }

  private void user(String name, Tlp clearance, Role role) {
    access.addUser(SETUP, "test", name, Set.of(role), clearance, PASSWORD.toCharArray());
  }

  private String token(String name, String user) {
    return access.createToken(SETUP, "test", name, user, Optional.empty()).secret();
  }

  /** The audit log, oldest first, as "actor operation outcome" lines. */
  private List<String> audit() {
    List<String> lines = new ArrayList<>();
    for (AuditEntry entry :
        access.listAudit(SETUP, "test", AuditQuery.newest(AuditQuery.MAX_LIMIT)).entries()) {
      lines.add(0, entry.actor() + " " + entry.operation() + " " + entry.outcome());
    }
    return lines;
  }

  @Test
  void aCallerWithoutATokenIsRefusedWithAProblemAndTheRefusalIsAudited() throws Exception {
    HttpResponse<String> anonymous = send(get("/api/me"));
    HttpResponse<String> unknown = send(get("/api/me").header("Authorization", "Bearer nope"));
    HttpResponse<String> known = send(get("/api/me").header("Authorization", bearer("analyst")));

    assertThat(anonymous.statusCode()).isEqualTo(401);
    assertThat(anonymous.headers().firstValue("Content-Type"))
        .hasValueSatisfying(v -> assertThat(v).startsWith("application/problem+json"));
    assertThat(anonymous.headers().firstValue("WWW-Authenticate"))
        .hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
    assertThat(json(anonymous).path("detail").asString()).contains("Authorization: Bearer");
    assertThat(unknown.statusCode()).isEqualTo(401);
    assertThat(known.statusCode()).isEqualTo(200);
    assertThat(json(known).path("roles").get(0).asString()).isEqualTo("analyst");
    assertThat(audit())
        .contains("anonymous whoAmI REFUSED")
        .anySatisfy(line -> assertThat(line).startsWith("token:?"))
        .noneMatch(line -> line.startsWith("token:pipeline (alice) whoAmI"));
  }

  @Test
  void everyResponseCarriesAStrictPolicyAndNamesNoServer() throws Exception {
    for (HttpResponse<String> response :
        java.util.List.of(
            send(get("/api/openapi.json")), send(get("/api/nothing-here")), send(get("/api/me")))) {
      assertThat(response.headers().firstValue("Content-Security-Policy"))
          .hasValueSatisfying(v -> assertThat(v).contains("default-src 'none'"));
      assertThat(response.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
      assertThat(response.headers().firstValue("Server")).isEmpty();
    }
  }

  @Test
  void anUnknownOperationOrMethodIsAProblemNamingTheApiDocument() throws Exception {
    HttpResponse<String> missing = send(get("/api/nothing-here"));
    HttpResponse<String> wrongMethod =
        send(request("/api/weeks").DELETE().header("Authorization", bearer("analyst")));

    assertThat(missing.statusCode()).isEqualTo(404);
    assertThat(json(missing).path("detail").asString()).contains("/api/openapi.json");
    assertThat(wrongMethod.statusCode()).isEqualTo(405);
    assertThat(wrongMethod.headers().firstValue("Content-Type"))
        .hasValueSatisfying(v -> assertThat(v).startsWith("application/problem+json"));
  }

  @Test
  void aWeekIsReadWithItsTagAndReplacedOnlyWithTheTagItWasReadWith() throws Exception {
    HttpResponse<String> read =
        send(get("/api/weeks/2024-W50").header("Authorization", bearer("analyst")));
    String etag = read.headers().firstValue("ETag").orElseThrow();
    HttpResponse<String> notModified =
        send(
            get("/api/weeks/2024-W50")
                .header("Authorization", bearer("analyst"))
                .header("If-None-Match", etag));
    String edited = read.body().replace("\"sample\": true", "\"sample\": false");
    assertThat(edited).isNotEqualTo(read.body());

    HttpResponse<String> withoutTag = send(put("/api/weeks/2024-W50", edited, "analyst", null));
    HttpResponse<String> saved = send(put("/api/weeks/2024-W50", edited, "analyst", etag));
    HttpResponse<String> stale = send(put("/api/weeks/2024-W50", read.body(), "analyst", etag));

    assertThat(read.statusCode()).isEqualTo(200);
    assertThat(notModified.statusCode()).isEqualTo(304);
    assertThat(withoutTag.statusCode()).isEqualTo(412);
    assertThat(saved.statusCode()).isEqualTo(200);
    assertThat(saved.headers().firstValue("ETag"))
        .isPresent()
        .isNotEqualTo(java.util.Optional.of(etag));
    assertThat(sample.readWeek("2024-W50")).isEqualTo(edited);
    assertThat(stale.statusCode()).isEqualTo(412);
    assertThat(json(stale).path("detail").asString()).contains("changed since it was read");
    assertThat(sample.readWeek("2024-W50")).isEqualTo(edited);
  }

  @Test
  void anInvalidWeekIsRefusedWithItsPlacesAndNothingIsWritten() throws Exception {
    String before = sample.readWeek("2024-W50");
    String etag =
        send(get("/api/weeks/2024-W50").header("Authorization", bearer("analyst")))
            .headers()
            .firstValue("ETag")
            .orElseThrow();
    String broken = before.replaceFirst("\"value\": \\d+", "\"value\": -5");
    assertThat(broken).isNotEqualTo(before);

    HttpResponse<String> refused = send(put("/api/weeks/2024-W50", broken, "analyst", etag));

    assertThat(refused.statusCode()).isEqualTo(400);
    JsonNode problem = json(refused).path("problems").get(0);
    assertThat(problem.path("file").asString()).isEqualTo("PUT /api/weeks/2024-W50");
    assertThat(problem.path("pointer").asString()).endsWith("/value");
    assertThat(problem.path("line").asInt()).isGreaterThan(1);
    assertThat(sample.readWeek("2024-W50")).isEqualTo(before);
  }

  @Test
  void aCallerWithoutTheRoleIsRefusedAndAudited() throws Exception {
    String body = sample.readWeek("2024-W50");
    String etag =
        send(get("/api/weeks/2024-W50").header("Authorization", bearer("reviewer")))
            .headers()
            .firstValue("ETag")
            .orElseThrow();

    HttpResponse<String> refused = send(put("/api/weeks/2024-W50", body, "reviewer", etag));
    HttpResponse<String> allowed = send(put("/api/weeks/2024-W50", body, "analyst", etag));

    assertThat(refused.statusCode()).isEqualTo(403);
    assertThat(json(refused).path("detail").asString()).contains("analyst");
    assertThat(allowed.statusCode()).isEqualTo(200);
    assertThat(audit())
        .contains("token:bobs-script (bob) putWeek REFUSED", "token:pipeline (alice) putWeek OK");
  }

  @Test
  void aWrongMediaTypeOrAnOversizedBodyIsRefused() throws Exception {
    HttpResponse<String> text =
        send(
            request("/api/weeks/2024-W50")
                .header("Authorization", bearer("analyst"))
                .header("Content-Type", "text/plain")
                .PUT(HttpRequest.BodyPublishers.ofString("{}")));
    HttpResponse<String> huge =
        send(
            request("/api/weeks/2024-W50")
                .header("Authorization", bearer("analyst"))
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(" ".repeat(3 * 1024 * 1024) + "{}")));

    assertThat(text.statusCode()).isEqualTo(415);
    assertThat(huge.statusCode()).isEqualTo(413);
    assertThat(huge.headers().firstValue("Content-Type"))
        .hasValueSatisfying(v -> assertThat(v).startsWith("application/problem+json"));
  }

  @Test
  void aUserBelowAmberGetsNeitherTheAmberFileNorTheAmberEdition() throws Exception {
    HttpResponse<String> file =
        send(get("/api/weeks/2024-W51").header("Authorization", bearer("clear")));
    HttpResponse<String> amber =
        send(
            get("/api/weeks/2024-W51/editions/en/json?tlp=AMBER")
                .header("Authorization", bearer("clear")));
    HttpResponse<String> clear =
        send(get("/api/weeks/2024-W51/editions/en/json").header("Authorization", bearer("clear")));
    HttpResponse<String> amberForAnalyst =
        send(
            get("/api/weeks/2024-W51/editions/en/json?tlp=AMBER")
                .header("Authorization", bearer("analyst")));

    assertThat(file.statusCode()).isEqualTo(403);
    assertThat(amber.statusCode()).isEqualTo(403);
    assertThat(clear.statusCode()).isEqualTo(200);
    assertThat(clear.body()).doesNotContain("\"AMBER\"");
    assertThat(amberForAnalyst.statusCode()).isEqualTo(200);
    assertThat(amberForAnalyst.body()).contains("\"AMBER\"");
  }

  @Test
  void aPdfEditionAnswersRangesAndTags() throws Exception {
    HttpResponse<byte[]> whole =
        client.send(
            get("/api/weeks/2024-W51/editions/en/pdf")
                .header("Authorization", bearer("analyst"))
                .build(),
            HttpResponse.BodyHandlers.ofByteArray());
    assertThat(whole.statusCode())
        .as(new String(whole.body(), StandardCharsets.UTF_8))
        .isEqualTo(200);
    String etag = whole.headers().firstValue("ETag").orElseThrow();
    HttpResponse<byte[]> part =
        client.send(
            get("/api/weeks/2024-W51/editions/en/pdf")
                .header("Authorization", bearer("analyst"))
                .header("Range", "bytes=0-4")
                .build(),
            HttpResponse.BodyHandlers.ofByteArray());
    HttpResponse<String> unchanged =
        send(
            get("/api/weeks/2024-W51/editions/en/pdf")
                .header("Authorization", bearer("analyst"))
                .header("If-None-Match", etag));

    assertThat(whole.statusCode()).isEqualTo(200);
    assertThat(whole.headers().firstValue("Content-Type")).hasValue("application/pdf");
    assertThat(new String(whole.body(), 0, 5, StandardCharsets.US_ASCII)).isEqualTo("%PDF-");
    assertThat(part.statusCode()).isEqualTo(206);
    assertThat(new String(part.body(), StandardCharsets.US_ASCII)).isEqualTo("%PDF-");
    assertThat(unchanged.statusCode()).isEqualTo(304);
  }

  @Test
  void validateAndBuildAnswerAsTheCommandsDo() throws Exception {
    HttpResponse<String> valid =
        send(
            request("/api/weeks/2024-W51/validation")
                .header("Authorization", bearer("analyst"))
                .POST(HttpRequest.BodyPublishers.noBody()));
    HttpResponse<String> built =
        send(
            request("/api/weeks/2024-W51/build")
                .header("Authorization", bearer("analyst"))
                .POST(HttpRequest.BodyPublishers.noBody()));
    HttpResponse<String> missing =
        send(
            request("/api/weeks/2019-W01/build")
                .header("Authorization", bearer("analyst"))
                .POST(HttpRequest.BodyPublishers.noBody()));

    assertThat(valid.statusCode()).isEqualTo(200);
    assertThat(json(valid).path("valid").asBoolean()).isTrue();
    assertThat(built.statusCode()).isEqualTo(200);
    assertThat(json(built).path("written").toString()).contains("bulletin.pdf");
    assertThat(sample.out().resolve("site/2024/W51/bulletin.pdf")).exists();
    assertThat(missing.statusCode()).isEqualTo(404);
  }

  @Test
  void aPersonSignsInWithASessionCookieAndChangesNeedItsCsrfToken() throws Exception {
    HttpResponse<String> wrong = login("alice", "not the password");
    HttpResponse<String> right = login("alice", PASSWORD);
    String cookie = sessionCookie(right);
    String csrf = json(right).path("csrfToken").asString();
    String body = sample.readWeek("2024-W50");
    String etag =
        send(get("/api/weeks/2024-W50").header("Cookie", cookie))
            .headers()
            .firstValue("ETag")
            .orElseThrow();

    HttpResponse<String> withoutCsrf =
        send(put("/api/weeks/2024-W50", body, null, etag).header("Cookie", cookie));
    HttpResponse<String> withCsrf =
        send(
            put("/api/weeks/2024-W50", body, null, etag)
                .header("Cookie", cookie)
                .header("X-CSRF-Token", csrf));

    assertThat(wrong.statusCode()).isEqualTo(401);
    assertThat(json(wrong).path("detail").asString()).isEqualTo(AccessService.SIGN_IN_REFUSED);
    assertThat(right.statusCode()).isEqualTo(200);
    assertThat(right.headers().firstValue("Set-Cookie").orElseThrow())
        .contains("Secure", "HttpOnly", "SameSite=Strict");
    assertThat(withoutCsrf.statusCode()).isEqualTo(403);
    assertThat(json(withoutCsrf).path("detail").asString()).contains("CSRF");
    assertThat(withCsrf.statusCode()).isEqualTo(200);
  }

  @Test
  void aNewSignInEndsTheOldSessionAndSigningOutEndsTheNewOne() throws Exception {
    String first = sessionCookie(login("alice", PASSWORD));
    HttpResponse<String> second =
        send(
            request("/api/session")
                .header("Content-Type", "application/json")
                .header("Cookie", first)
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        "{\"name\":\"alice\",\"password\":\"" + PASSWORD + "\"}")));
    String next = sessionCookie(second);
    String csrf = json(second).path("csrfToken").asString();

    assertThat(next).isNotEqualTo(first);
    assertThat(send(get("/api/me").header("Cookie", first)).statusCode()).isEqualTo(401);
    assertThat(send(get("/api/me").header("Cookie", next)).statusCode()).isEqualTo(200);
    HttpResponse<String> out =
        send(request("/api/session").header("Cookie", next).header("X-CSRF-Token", csrf).DELETE());
    assertThat(out.statusCode()).isEqualTo(204);
    assertThat(send(get("/api/me").header("Cookie", next)).statusCode()).isEqualTo(401);
  }

  @Test
  void anAdminMakesAndRevokesTokensOverHttpAndOthersMayNot() throws Exception {
    String ask = "{\"name\":\"soar\",\"user\":\"alice\",\"expires\":\"P30D\"}";
    HttpResponse<String> byAnalyst =
        send(
            request("/api/tokens")
                .header("Authorization", bearer("analyst"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(ask)));
    HttpResponse<String> made =
        send(
            request("/api/tokens")
                .header("Authorization", bearer("admin"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(ask)));
    String secret = json(made).path("token").asString();
    HttpResponse<String> used = send(get("/api/me").header("Authorization", "Bearer " + secret));
    HttpResponse<String> revoked =
        send(request("/api/tokens/soar").header("Authorization", bearer("admin")).DELETE());
    HttpResponse<String> usedAfter =
        send(get("/api/me").header("Authorization", "Bearer " + secret));

    assertThat(byAnalyst.statusCode()).isEqualTo(403);
    assertThat(made.statusCode()).isEqualTo(201);
    assertThat(used.statusCode()).isEqualTo(200);
    assertThat(json(used).path("user").asString()).isEqualTo("alice");
    assertThat(revoked.statusCode()).isEqualTo(200);
    assertThat(usedAfter.statusCode()).isEqualTo(401);
  }

  @Test
  void theAuditLogIsForAdminsAndHoldsChangesAndRefusals() throws Exception {
    String body = sample.readWeek("2024-W50");
    String etag =
        send(get("/api/weeks/2024-W50").header("Authorization", bearer("analyst")))
            .headers()
            .firstValue("ETag")
            .orElseThrow();
    send(put("/api/weeks/2024-W50", body, "reviewer", etag));
    send(put("/api/weeks/2024-W50", body, "analyst", etag));

    HttpResponse<String> byAnalyst =
        send(get("/api/audit").header("Authorization", bearer("analyst")));
    HttpResponse<String> byAdmin =
        send(get("/api/audit?operation=putWeek").header("Authorization", bearer("admin")));

    assertThat(byAnalyst.statusCode()).isEqualTo(403);
    assertThat(byAdmin.statusCode()).isEqualTo(200);
    assertThat(json(byAdmin).path("entries").toString())
        .contains("\"refused\"", "\"ok\"", "token:bobs-script (bob)", "2024-W50");
  }

  @Test
  void anAnalystImportsACsafDocumentAndASpreadsheetThroughTheBody() throws Exception {
    byte[] csaf =
        java.nio.file.Files.readAllBytes(
            org.certbulletin.testing.ImportFixtures.csaf("rhsa-2022_0011"));
    String before = sample.readWeek("2024-W51");

    HttpResponse<String> dry =
        send(
            request("/api/weeks/2024-W51/advisories?kind=csaf&dryRun=true")
                .header("Authorization", bearer("analyst"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(csaf)));
    String afterDryRun = sample.readWeek("2024-W51");
    HttpResponse<String> imported =
        send(
            request("/api/weeks/2024-W51/advisories?kind=csaf")
                .header("Authorization", bearer("analyst"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(csaf)));
    HttpResponse<String> aFileOfTheServer =
        send(
            request("/api/weeks/2024-W51/advisories?kind=csaf&url=/etc/passwd")
                .header("Authorization", bearer("analyst"))
                .POST(HttpRequest.BodyPublishers.noBody()));
    HttpResponse<String> figures =
        send(
            request("/api/weeks/2024-W51/tallies")
                .header("Authorization", bearer("analyst"))
                .header("Content-Type", "text/csv")
                .POST(HttpRequest.BodyPublishers.ofString("tally,part,value\nincidents,,150\n")));

    assertThat(dry.statusCode()).as(dry.body()).isEqualTo(200);
    assertThat(json(dry).path("changed").asBoolean()).isTrue();
    assertThat(afterDryRun).isEqualTo(before);
    assertThat(imported.statusCode()).isEqualTo(200);
    assertThat(sample.readWeek("2024-W51")).contains("RHSA-2022:0011");
    assertThat(aFileOfTheServer.statusCode()).isEqualTo(400);
    assertThat(figures.statusCode()).as(figures.body()).isEqualTo(200);
    assertThat(json(figures).path("written").asBoolean()).isTrue();
    assertThat(sample.readWeek("2024-W51")).contains("150");
  }

  @Test
  void anOperatorPublishesAndSendsADryRunAndAnAnalystMayNot() throws Exception {
    user("erin", Tlp.RED, Role.OPERATOR);
    tokens.put("operator", token("erins-script", "erin"));

    HttpResponse<String> byAnalyst =
        send(
            request("/api/publish")
                .header("Authorization", bearer("analyst"))
                .POST(HttpRequest.BodyPublishers.noBody()));
    HttpResponse<String> published =
        send(
            request("/api/publish")
                .header("Authorization", bearer("operator"))
                .POST(HttpRequest.BodyPublishers.noBody()));
    HttpResponse<String> sent =
        send(
            request("/api/weeks/2024-W51/send?list=public&dryRun=true")
                .header("Authorization", bearer("operator"))
                .POST(HttpRequest.BodyPublishers.noBody()));
    HttpResponse<String> status =
        send(get("/api/status").header("Authorization", bearer("analyst")));

    assertThat(byAnalyst.statusCode()).isEqualTo(403);
    assertThat(published.statusCode()).as(published.body()).isEqualTo(200);
    assertThat(json(published).path("built").toString()).contains("2024-W51");
    assertThat(sample.out().resolve("site/2024/W51/bulletin.pdf")).exists();
    assertThat(sent.statusCode()).as(sent.body()).isEqualTo(200);
    assertThat(json(sent).path("recipients").asInt()).isPositive();
    assertThat(sample.out().resolve("outbox/2024-W51/public")).isNotEmptyDirectory();
    assertThat(status.statusCode()).as(status.body()).isEqualTo(200);
    assertThat(json(status).path("lines").size()).isPositive();
    assertThat(json(status).path("schedule").path("nextFirings").size()).isEqualTo(4);
    assertThat(json(status).path("archive").path("current").toString()).contains("2024-W51");
    assertThat(json(status).path("state").path("runs").isArray()).isTrue();
  }

  @Test
  void oneAddressMayTryToSignInOnlySoOftenAMinute() throws Exception {
    List<Integer> statuses = new ArrayList<>();
    for (int i = 0; i <= SignInLimits.PER_MINUTE; i++) {
      statuses.add(login("nobody-" + i, "not a password at all").statusCode());
    }
    HttpResponse<String> limited = login("alice", PASSWORD);

    assertThat(statuses.subList(0, SignInLimits.PER_MINUTE)).containsOnly(401);
    assertThat(statuses.get(SignInLimits.PER_MINUTE)).isEqualTo(429);
    assertThat(limited.statusCode()).isEqualTo(429);
    assertThat(limited.headers().firstValue("Retry-After")).hasValue("60");
  }

  private HttpResponse<String> login(String name, String password) throws Exception {
    return send(
        request("/api/session")
            .header("Content-Type", "application/json")
            .POST(
                HttpRequest.BodyPublishers.ofString(
                    "{\"name\":\"" + name + "\",\"password\":\"" + password + "\"}")));
  }

  /** {@code name=value} of the session cookie a response sets. */
  private static String sessionCookie(HttpResponse<String> response) {
    return response.headers().firstValue("Set-Cookie").orElseThrow().split(";", 2)[0];
  }

  private String bearer(String who) {
    return "Bearer " + tokens.get(who);
  }

  private HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(URI.create(server.address() + path));
  }

  private HttpRequest.Builder get(String path) {
    return request(path).GET();
  }

  private HttpRequest.Builder put(String path, String body, String token, String ifMatch) {
    HttpRequest.Builder builder =
        request(path)
            .header("Content-Type", "application/json")
            .PUT(HttpRequest.BodyPublishers.ofString(body));
    if (token != null) {
      builder.header("Authorization", bearer(token));
    }
    return ifMatch == null ? builder : builder.header("If-Match", ifMatch);
  }

  private HttpResponse<String> send(HttpRequest.Builder request)
      throws IOException, InterruptedException {
    return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static JsonNode json(HttpResponse<String> response) {
    return Json.MAPPER.readTree(response.body());
  }
}
