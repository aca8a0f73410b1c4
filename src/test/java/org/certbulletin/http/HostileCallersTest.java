package org.certbulletin.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.certbulletin.model.AuditEntry;
import org.certbulletin.model.Role;
import org.certbulletin.model.Tlp;
import org.certbulletin.testing.SampleWorkspace;
import org.certbulletin.testing.SampleWorkspaceExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Callers who may not: no token, a token that is unknown, expired, revoked or its user's disabled,
 * a sign-in with a name that does not exist, a role that does not allow the action, a session
 * cookie without its CSRF token. Each learns only that it was refused (the same body whatever the
 * reason), each refusal of an action is audited, and what may be done still can. Reads change
 * nothing, and a repeated PUT leaves what the first left.
 */
@ExtendWith(SampleWorkspaceExtension.class)
class HostileCallersTest {

  private ServedApi api;
  private String analyst;
  private String reviewer;

  @BeforeEach
  void start(SampleWorkspace sample) {
    api = new ServedApi(sample);
    api.user("alice", Tlp.AMBER, Role.ANALYST);
    api.user("bob", Tlp.AMBER, Role.REVIEWER);
    api.user("erin", Tlp.AMBER, Role.ANALYST);
    analyst = api.token("pipeline", "alice", Optional.empty());
    reviewer = api.token("bobs-script", "bob", Optional.empty());
  }

  @AfterEach
  void stop() {
    api.close();
  }

  @Test
  void everyBadTokenGetsTheSame401AndLearnsNothingElse() throws Exception {
    String expiring = api.token("short", "alice", Optional.of(Duration.ofDays(1)));
    String revoked = api.token("gone", "alice", Optional.empty());
    String disabled = api.token("erins-script", "erin", Optional.empty());
    assertThat(me("Bearer " + expiring).statusCode()).isEqualTo(200);
    assertThat(me("Bearer " + revoked).statusCode()).isEqualTo(200);
    assertThat(me("Bearer " + disabled).statusCode()).isEqualTo(200);
    api.access.revokeToken(ServedApi.SETUP, "test", "gone");
    api.access.disable(ServedApi.SETUP, "test", "erin");
    api.clock.advance(Duration.ofDays(2));

    HttpResponse<String> unknown = me("Bearer cbt_" + "A".repeat(43));
    List<HttpResponse<String>> refused =
        List.of(
            unknown,
            me("Bearer " + expiring),
            me("Bearer " + revoked),
            me("Bearer " + disabled),
            me("Bearer " + analyst.substring(0, analyst.length() - 1) + "x"),
            me("Bearer not-a-token"));

    for (HttpResponse<String> response : refused) {
      assertThat(response.statusCode()).isEqualTo(401);
      assertThat(response.headers().firstValue("WWW-Authenticate"))
          .hasValueSatisfying(v -> assertThat(v).startsWith("Bearer realm="));
      assertThat(response.body()).isEqualTo(unknown.body());
      assertThat(response.headers().map().keySet())
          .isEqualTo(unknown.headers().map().keySet())
          .doesNotContain("set-cookie");
    }
    assertThat(unknown.body()).doesNotContain("alice", "erin", "short", "gone", "disabled");
    assertThat(me(null).statusCode()).isEqualTo(401);
    assertThat(me("Bearer ").statusCode()).isEqualTo(401);
    assertThat(me("Basic YWxpY2U6eA==").statusCode()).isEqualTo(401);
    // control: a good token still works, after all this
    assertThat(me("Bearer " + analyst).statusCode()).isEqualTo(200);
  }

  @Test
  void aSignInSaysTheSameWhetherTheNameExistsTheWordIsWrongOrTheAccountIsLocked() throws Exception {
    HttpResponse<String> noSuchUser = login("mallory", ServedApi.PASSWORD);
    HttpResponse<String> wrongWord = login("alice", "not the password at all");
    for (int i = 0; i < 6; i++) {
      login("bob", "not the password at all");
    }
    HttpResponse<String> locked = login("bob", ServedApi.PASSWORD);

    for (HttpResponse<String> response : List.of(wrongWord, locked)) {
      assertThat(response.statusCode()).isEqualTo(401);
      assertThat(response.body()).isEqualTo(noSuchUser.body());
      assertThat(response.headers().map().keySet()).isEqualTo(noSuchUser.headers().map().keySet());
    }
    assertThat(noSuchUser.headers().firstValue("Set-Cookie")).isEmpty();
    // control: alice is not locked and signs in
    assertThat(login("alice", ServedApi.PASSWORD).statusCode()).isEqualTo(200);
  }

  @Test
  void aForbiddenActionIs403AndAuditedAsRefused() throws Exception {
    String week = api.sample.readWeek("2024-W50");
    String etag =
        org.certbulletin.service.WeekDocuments.etag(
            week.getBytes(java.nio.charset.StandardCharsets.UTF_8));

    HttpResponse<String> put =
        api.send(putWeek(week, etag).header("Authorization", "Bearer " + reviewer));
    HttpResponse<String> build =
        api.send(
            api.request("/api/weeks/2024-W51/build")
                .header("Authorization", "Bearer " + reviewer)
                .POST(HttpRequest.BodyPublishers.noBody()));
    HttpResponse<String> token =
        api.send(
            api.request("/api/tokens")
                .header("Authorization", "Bearer " + analyst)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"x\",\"user\":\"alice\"}")));
    HttpResponse<String> audit =
        api.send(api.request("/api/audit").header("Authorization", "Bearer " + analyst).GET());

    for (HttpResponse<String> response : List.of(put, build, token, audit)) {
      assertThat(response.statusCode()).as(response.body()).isEqualTo(403);
      assertThat(response.headers().firstValue("Content-Type"))
          .hasValueSatisfying(v -> assertThat(v).startsWith(ProblemResponse.MEDIA_TYPE));
    }
    assertThat(api.audit())
        .filteredOn(e -> e.outcome() == AuditEntry.Outcome.REFUSED)
        .extracting(e -> e.actor() + " " + e.operation())
        .contains(
            "token:bobs-script (bob) putWeek",
            "token:bobs-script (bob) buildWeek",
            "token:pipeline (alice) token.create");
    assertThat(api.sample.readWeek("2024-W50")).isEqualTo(week);
    // control: the analyst may put the week
    assertThat(
            api.send(putWeek(week, etag).header("Authorization", "Bearer " + analyst)).statusCode())
        .isEqualTo(200);
  }

  @Test
  void aSessionCookieWithoutItsCsrfTokenChangesNothing() throws Exception {
    HttpResponse<String> signIn = login("alice", ServedApi.PASSWORD);
    String cookie = signIn.headers().firstValue("Set-Cookie").orElseThrow().split(";", 2)[0];
    String csrf = Json.MAPPER.readTree(signIn.body()).path("csrfToken").asString();
    String week = api.sample.readWeek("2024-W50");
    String etag =
        org.certbulletin.service.WeekDocuments.etag(
            week.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    int refusalsBefore = refusals();

    HttpResponse<String> none = api.send(putWeek(week, etag).header("Cookie", cookie));
    HttpResponse<String> wrong =
        api.send(putWeek(week, etag).header("Cookie", cookie).header("X-CSRF-Token", csrf + "x"));
    HttpResponse<String> empty =
        api.send(putWeek(week, etag).header("Cookie", cookie).header("X-CSRF-Token", ""));
    HttpResponse<String> logout =
        api.send(api.request("/api/session").header("Cookie", cookie).DELETE());

    for (HttpResponse<String> response : List.of(none, wrong, empty, logout)) {
      assertThat(response.statusCode()).as(response.body()).isEqualTo(403);
    }
    assertThat(refusals()).isEqualTo(refusalsBefore + 4);
    assertThat(api.send(api.request("/api/me").header("Cookie", cookie).GET()).statusCode())
        .as("the session survives a logout without CSRF")
        .isEqualTo(200);
    // control: with its CSRF token the same change is made
    HttpResponse<String> right =
        api.send(putWeek(week, etag).header("Cookie", cookie).header("X-CSRF-Token", csrf));
    assertThat(right.statusCode()).as(right.body()).isEqualTo(200);
  }

  @Test
  void readsChangeNothingAndARepeatedPutLeavesWhatTheFirstLeft() throws Exception {
    String week = api.sample.readWeek("2024-W50");
    String etag =
        org.certbulletin.service.WeekDocuments.etag(
            week.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    var data = SampleWorkspace.snapshot(api.sample.data());
    int changesBefore = changes();

    for (String path :
        List.of(
            "/api/me",
            "/api/weeks",
            "/api/weeks/2024-W50",
            "/api/weeks/2024-W51/editions/en/json")) {
      for (String method : List.of("GET", "HEAD")) {
        HttpResponse<String> response =
            api.send(
                api.request(path)
                    .header("Authorization", "Bearer " + analyst)
                    .method(method, HttpRequest.BodyPublishers.noBody()));
        assertThat(response.statusCode()).as(method + " " + path).isEqualTo(200);
      }
    }
    assertThat(changes()).isEqualTo(changesBefore);
    assertThat(SampleWorkspace.snapshot(api.sample.data())).isEqualTo(data);

    String edited = week.replace("\"sample\": true", "\"sample\": false");
    assertThat(edited).isNotEqualTo(week);
    HttpResponse<String> first =
        api.send(putWeek(edited, etag).header("Authorization", "Bearer " + analyst));
    String newTag = first.headers().firstValue("ETag").orElseThrow();
    HttpResponse<String> again =
        api.send(putWeek(edited, newTag).header("Authorization", "Bearer " + analyst));

    assertThat(first.statusCode()).isEqualTo(200);
    assertThat(again.statusCode()).isEqualTo(200);
    assertThat(again.headers().firstValue("ETag")).hasValue(newTag);
    assertThat(api.sample.readWeek("2024-W50")).isEqualTo(edited);
    assertThat(changes()).as("each PUT is a change in the log").isEqualTo(changesBefore + 2);
  }

  @Test
  void editorsRacingWithTheSameTagLeaveOneWinnerAndTheOthersAreToldSo() throws Exception {
    String week = api.sample.readWeek("2024-W50");
    String etag =
        org.certbulletin.service.WeekDocuments.etag(
            week.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    int editors = 8;
    java.util.concurrent.ExecutorService pool =
        java.util.concurrent.Executors.newFixedThreadPool(editors);
    java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
    List<java.util.concurrent.Future<HttpResponse<String>>> answers = new java.util.ArrayList<>();
    try {
      for (int i = 0; i < editors; i++) {
        String edited = week + " ".repeat(i + 1); // each editor's bytes differ
        answers.add(
            pool.submit(
                () -> {
                  go.await();
                  return api.send(
                      putWeek(edited, etag).header("Authorization", "Bearer " + analyst));
                }));
      }
      go.countDown();
      List<HttpResponse<String>> done = new java.util.ArrayList<>();
      for (var answer : answers) {
        done.add(answer.get());
      }
      List<HttpResponse<String>> won = done.stream().filter(r -> r.statusCode() == 200).toList();
      assertThat(won)
          .as(done.stream().map(r -> r.statusCode() + " " + r.body()).toList().toString())
          .hasSize(1);
      assertThat(done)
          .extracting(HttpResponse::statusCode)
          .allMatch(status -> status == 200 || status == 412);
      assertThat(api.sample.readWeek("2024-W50"))
          .isNotEqualTo(week)
          .satisfies(
              now ->
                  assertThat(
                          org.certbulletin.service.WeekDocuments.etag(
                              now.getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                      .isEqualTo(won.get(0).headers().firstValue("ETag").orElseThrow()));
    } finally {
      pool.shutdownNow();
    }
  }

  private static final Set<String> READS =
      Set.of("getWeek", "getEdition", "listWeeks", "whoAmI", "token.authenticate", "login");

  /** Entries of the log that record a change made. */
  private int changes() {
    return (int)
        api.audit().stream()
            .filter(e -> e.outcome() == AuditEntry.Outcome.OK && !READS.contains(e.operation()))
            .count();
  }

  private int refusals() {
    return (int)
        api.audit().stream().filter(e -> e.outcome() == AuditEntry.Outcome.REFUSED).count();
  }

  private HttpRequest.Builder putWeek(String body, String etag) {
    return api.request("/api/weeks/2024-W50")
        .header("Content-Type", "application/json")
        .header("If-Match", etag)
        .PUT(HttpRequest.BodyPublishers.ofString(body));
  }

  private HttpResponse<String> me(String authorization) throws Exception {
    HttpRequest.Builder request = api.request("/api/me").GET();
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    return api.send(request);
  }

  private HttpResponse<String> login(String name, String password) throws Exception {
    return api.send(
        api.request("/api/session")
            .header("Content-Type", "application/json")
            .POST(
                HttpRequest.BodyPublishers.ofString(
                    "{\"name\":\"" + name + "\",\"password\":\"" + password + "\"}")));
  }
}
