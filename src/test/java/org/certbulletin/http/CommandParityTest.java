package org.certbulletin.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Optional;
import org.certbulletin.model.AuditEntry;
import org.certbulletin.model.Role;
import org.certbulletin.model.Tlp;
import org.certbulletin.testing.SampleWorkspace;
import org.certbulletin.testing.SampleWorkspaceExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

/**
 * What only the command line did before, over HTTP: users ({@code user add|list|disable|enable|
 * reset}), a person's own password, the token list, starting a week ({@code new}), sending again to
 * the uncertain ({@code send --resend-uncertain}) and pruning the audit log. Each refusal has a
 * control; each change is read back from the audit log.
 */
@ExtendWith(SampleWorkspaceExtension.class)
class CommandParityTest {

  private static final String NEW_PASSWORD = "a different long passphrase";

  private ServedApi api;
  private String admin;
  private String analyst;
  private String reviewer;

  @BeforeEach
  void start(SampleWorkspace sample) {
    api = new ServedApi(sample);
    api.user("dave", Tlp.RED, Role.ADMIN);
    api.user("alice", Tlp.AMBER, Role.ANALYST);
    api.user("bob", Tlp.AMBER, Role.REVIEWER, Role.OPERATOR);
    admin = api.token("daves-script", "dave", Optional.empty());
    analyst = api.token("pipeline", "alice", Optional.empty());
    reviewer = api.token("bobs-script", "bob", Optional.empty());
  }

  @AfterEach
  void stop() {
    api.close();
  }

  @Test
  void anAdminManagesUsersAsTheCommandsDoAndNoPasswordIsEverShown() throws Exception {
    String body =
        "{\"name\":\"carol\",\"roles\":[\"analyst\"],\"clearance\":\"GREEN\",\"password\":\""
            + ServedApi.PASSWORD
            + "\"}";
    HttpResponse<String> refused = api.send(post("/api/users", body, analyst));
    HttpResponse<String> created = api.send(post("/api/users", body, admin));
    HttpResponse<String> again = api.send(post("/api/users", body, admin));
    HttpResponse<String> list = api.send(get("/api/users", admin));
    HttpResponse<String> promoted =
        api.send(patch("/api/users/carol", "{\"roles\":[\"analyst\",\"reviewer\"]}", admin));
    HttpResponse<String> disabled =
        api.send(patch("/api/users/carol", "{\"disabled\":true}", admin));
    HttpResponse<String> signInDisabled = login("carol", ServedApi.PASSWORD);
    HttpResponse<String> enabled =
        api.send(patch("/api/users/carol", "{\"disabled\":false}", admin));
    HttpResponse<String> reset =
        api.send(post("/api/users/carol/password", password(NEW_PASSWORD), admin));
    HttpResponse<String> tooShort =
        api.send(post("/api/users/carol/password", password("short"), admin));

    assertThat(refused.statusCode()).as(refused.body()).isEqualTo(403);
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    assertThat(created.headers().firstValue("Location")).hasValue("/api/users/carol");
    assertThat(json(created).path("clearance").asString()).isEqualTo("GREEN");
    assertThat(again.statusCode()).isEqualTo(409);
    assertThat(names(json(list).path("users"))).containsExactly("alice", "bob", "carol", "dave");
    assertThat(json(promoted).path("roles").toString()).isEqualTo("[\"analyst\",\"reviewer\"]");
    assertThat(json(disabled).path("disabled").asBoolean()).isTrue();
    assertThat(signInDisabled.statusCode()).isEqualTo(401);
    assertThat(json(enabled).path("disabled").asBoolean()).isFalse();
    assertThat(reset.statusCode()).as(reset.body()).isEqualTo(200);
    assertThat(tooShort.statusCode()).isEqualTo(400);
    assertThat(login("carol", ServedApi.PASSWORD).statusCode()).isEqualTo(401);
    assertThat(login("carol", NEW_PASSWORD).statusCode()).isEqualTo(200);
    for (HttpResponse<String> answer : List.of(created, list, promoted, reset, tooShort)) {
      assertThat(answer.body()).doesNotContain(ServedApi.PASSWORD, NEW_PASSWORD, "short\"");
    }
    assertThat(api.audit())
        .filteredOn(e -> e.target().equals("carol") && e.actor().startsWith("token:"))
        .extracting(e -> e.actor() + " " + e.operation() + " " + e.outcome())
        .containsSubsequence(
            "token:pipeline (alice) user.add REFUSED",
            "token:daves-script (dave) user.add OK",
            "token:daves-script (dave) user.update OK",
            "token:daves-script (dave) user.disable OK",
            "token:daves-script (dave) user.enable OK",
            "token:daves-script (dave) user.reset OK");
    assertThat(api.audit())
        .as("the refused short password is in the log too")
        .anySatisfy(
            e -> {
              assertThat(e.operation()).isEqualTo("resetPassword");
              assertThat(e.outcome()).isEqualTo(AuditEntry.Outcome.REFUSED);
            })
        .allSatisfy(e -> assertThat(e.detail()).doesNotContain(ServedApi.PASSWORD, NEW_PASSWORD));
  }

  @Test
  void aPersonChangesTheirOwnPasswordWithTheCurrentOneAndGetsANewSession() throws Exception {
    HttpResponse<String> signIn = login("alice", ServedApi.PASSWORD);
    String cookie = cookie(signIn);
    String csrf = json(signIn).path("csrfToken").asString();

    HttpResponse<String> wrongCurrent =
        api.send(changePassword(cookie, csrf, "not the password at all", NEW_PASSWORD));
    HttpResponse<String> byToken =
        api.send(
            api.request("/api/session/password")
                .header("Authorization", "Bearer " + analyst)
                .header("Content-Type", "application/json")
                .POST(body(ServedApi.PASSWORD, NEW_PASSWORD)));
    HttpResponse<String> changed =
        api.send(changePassword(cookie, csrf, ServedApi.PASSWORD, NEW_PASSWORD));

    assertThat(wrongCurrent.statusCode()).isEqualTo(403);
    assertThat(byToken.statusCode()).isEqualTo(403);
    assertThat(changed.statusCode()).as(changed.body()).isEqualTo(200);
    String rotated = cookie(changed);
    assertThat(rotated).isNotEqualTo(cookie);
    assertThat(json(changed).path("csrfToken").asString()).isNotEqualTo(csrf);
    assertThat(api.send(api.request("/api/me").header("Cookie", cookie).GET()).statusCode())
        .as("the old session ended")
        .isEqualTo(401);
    assertThat(api.send(api.request("/api/me").header("Cookie", rotated).GET()).statusCode())
        .isEqualTo(200);
    assertThat(login("alice", ServedApi.PASSWORD).statusCode()).isEqualTo(401);
    assertThat(login("alice", NEW_PASSWORD).statusCode()).isEqualTo(200);
    assertThat(api.audit())
        .filteredOn(e -> e.operation().equals("password.change"))
        .extracting(e -> e.actor() + " " + e.outcome())
        .containsExactly("alice REFUSED", "token:pipeline (alice) REFUSED", "alice OK");
  }

  @Test
  void anAdminListsEveryTokenAndAnyoneElseTheirOwn() throws Exception {
    HttpResponse<String> all = api.send(get("/api/tokens", admin));
    HttpResponse<String> own = api.send(get("/api/tokens", analyst));

    assertThat(names(json(all).path("tokens")))
        .containsExactly("bobs-script", "daves-script", "pipeline");
    assertThat(names(json(own).path("tokens"))).containsExactly("pipeline");
    assertThat(all.body()).doesNotContain(analyst, admin);
  }

  @Test
  void anAnalystStartsAWeekOnceAndTheStartIsAudited() throws Exception {
    HttpResponse<String> refused = api.send(post("/api/weeks/2024-W52", null, reviewer));
    HttpResponse<String> started = api.send(post("/api/weeks/2024-W52", null, analyst));
    HttpResponse<String> again = api.send(post("/api/weeks/2024-W52", null, analyst));

    assertThat(refused.statusCode()).isEqualTo(403);
    assertThat(started.statusCode()).as(started.body()).isEqualTo(201);
    assertThat(started.headers().firstValue("Location")).hasValue("/api/weeks/2024-W52");
    assertThat(json(started).path("source").asString()).isEqualTo("2024-W51");
    assertThat(api.sample.weekFile("2024-W52")).exists();
    assertThat(again.statusCode()).isEqualTo(409);
    assertThat(again.body()).contains("never overwritten");
    assertThat(api.send(get("/api/weeks/2024-W52", analyst)).statusCode()).isEqualTo(200);
    assertThat(api.audit())
        .filteredOn(e -> e.target().equals("2024-W52"))
        .extracting(e -> e.actor() + " " + e.operation() + " " + e.outcome())
        .contains(
            "token:bobs-script (bob) startWeek REFUSED",
            "token:pipeline (alice) startWeek OK",
            "token:pipeline (alice) startWeek REFUSED");
  }

  @Test
  void aSendCanQueueTheUncertainAgainAndIsAuditedByTheService() throws Exception {
    String send = "/api/weeks/2024-W51/send?list=sector-partners&dryRun=true";
    HttpResponse<String> wrongFlag =
        api.send(post(send + "&resendUncertain=maybe", null, reviewer));
    HttpResponse<String> sent = api.send(post(send + "&resendUncertain=true", null, reviewer));

    assertThat(wrongFlag.statusCode()).isEqualTo(400);
    assertThat(sent.statusCode()).as(sent.body()).isEqualTo(200);
    assertThat(json(sent).path("recipients").asInt()).isEqualTo(3);
    assertThat(api.audit())
        .filteredOn(e -> e.operation().equals("sendWeek"))
        .extracting(e -> e.outcome() + " " + e.target() + " " + e.detail())
        .containsExactly(
            "REFUSED 2024-W51 ?resendUncertain: write true or false",
            "OK 2024-W51 sector-partners dry run: 3 message(s) written to the outbox");
  }

  @Test
  void withoutARetentionPruningDeletesNothingAndOnlyAnAdminMayAsk() throws Exception {
    int before = api.audit().size();

    HttpResponse<String> refused = api.send(post("/api/audit/prune", null, analyst));
    HttpResponse<String> pruned = api.send(post("/api/audit/prune", null, admin));

    assertThat(refused.statusCode()).isEqualTo(403);
    assertThat(pruned.statusCode()).as(pruned.body()).isEqualTo(200);
    assertThat(json(pruned).path("pruned").asInt()).isZero();
    assertThat(json(pruned).path("retention").isNull()).isTrue();
    assertThat(api.audit()).hasSizeGreaterThan(before);
  }

  private HttpRequest.Builder get(String path, String token) {
    return api.request(path).header("Authorization", "Bearer " + token).GET();
  }

  private HttpRequest.Builder post(String path, String json, String token) {
    HttpRequest.Builder request = api.request(path).header("Authorization", "Bearer " + token);
    if (json == null) {
      return request.POST(HttpRequest.BodyPublishers.noBody());
    }
    return request
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(json));
  }

  private HttpRequest.Builder patch(String path, String json, String token) {
    return api.request(path)
        .header("Authorization", "Bearer " + token)
        .header("Content-Type", "application/json")
        .method("PATCH", HttpRequest.BodyPublishers.ofString(json));
  }

  private HttpRequest.Builder changePassword(
      String cookie, String csrf, String current, String replacement) {
    return api.request("/api/session/password")
        .header("Cookie", cookie)
        .header(ApiServer.CSRF_HEADER, csrf)
        .header("Content-Type", "application/json")
        .POST(body(current, replacement));
  }

  private static HttpRequest.BodyPublisher body(String current, String replacement) {
    return HttpRequest.BodyPublishers.ofString(
        "{\"current\":\"" + current + "\",\"password\":\"" + replacement + "\"}");
  }

  private static String password(String password) {
    return "{\"password\":\"" + password + "\"}";
  }

  private HttpResponse<String> login(String name, String password) throws Exception {
    return api.send(
        api.request("/api/session")
            .header("Content-Type", "application/json")
            .POST(
                HttpRequest.BodyPublishers.ofString(
                    "{\"name\":\"" + name + "\",\"password\":\"" + password + "\"}")));
  }

  private static String cookie(HttpResponse<String> response) {
    return response.headers().firstValue("Set-Cookie").orElseThrow().split(";", 2)[0];
  }

  private static List<String> names(JsonNode items) {
    List<String> names = new java.util.ArrayList<>();
    items.forEach(item -> names.add(item.path("name").asString()));
    return names;
  }

  private static JsonNode json(HttpResponse<String> response) {
    return Json.MAPPER.readTree(response.body());
  }
}
