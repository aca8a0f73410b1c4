package org.certbulletin.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import org.certbulletin.model.Principal;
import org.certbulletin.model.Role;
import org.certbulletin.model.Tlp;
import org.certbulletin.service.BulletinService;
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

  private static final Principal ANALYST =
      new Principal(Principal.Kind.TOKEN, "pipeline", "alice", Set.of(Role.ANALYST), Tlp.AMBER);
  private static final Principal REVIEWER =
      new Principal(Principal.Kind.USER, "bob", "bob", Set.of(Role.REVIEWER), Tlp.AMBER);
  private static final Principal CLEAR_ONLY =
      new Principal(Principal.Kind.USER, "carol", "carol", Set.of(Role.ANALYST), Tlp.CLEAR);

  private final HttpClient client = HttpClient.newHttpClient();
  private final TestGate gate =
      new TestGate()
          .token("analyst", ANALYST)
          .token("reviewer", REVIEWER)
          .token("clear", CLEAR_ONLY);
  private SampleWorkspace sample;
  private ApiServer server;

  @BeforeEach
  void start(SampleWorkspace sample) {
    this.sample = sample;
    server =
        ApiServer.start(
            new Listen("127.0.0.1", 0),
            new ApiServer.Services(new BulletinService(sample.workspace()), gate));
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void aCallerWithoutATokenIsRefusedWithAProblemAndTheRefusalIsAudited() throws Exception {
    HttpResponse<String> anonymous = send(get("/api/me"));
    HttpResponse<String> unknown = send(get("/api/me").header("Authorization", "Bearer nope"));
    HttpResponse<String> known = send(get("/api/me").header("Authorization", "Bearer analyst"));

    assertThat(anonymous.statusCode()).isEqualTo(401);
    assertThat(anonymous.headers().firstValue("Content-Type"))
        .hasValueSatisfying(v -> assertThat(v).startsWith("application/problem+json"));
    assertThat(anonymous.headers().firstValue("WWW-Authenticate"))
        .hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
    assertThat(json(anonymous).path("detail").asString()).contains("Authorization: Bearer");
    assertThat(unknown.statusCode()).isEqualTo(401);
    assertThat(known.statusCode()).isEqualTo(200);
    assertThat(json(known).path("roles").get(0).asString()).isEqualTo("analyst");
    assertThat(gate.audit)
        .extracting(TestGate.Line::operation, TestGate.Line::outcome)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("whoAmI", "refused"),
            org.assertj.core.groups.Tuple.tuple("whoAmI", "refused"));
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
        send(request("/api/weeks").DELETE().header("Authorization", "Bearer analyst"));

    assertThat(missing.statusCode()).isEqualTo(404);
    assertThat(json(missing).path("detail").asString()).contains("/api/openapi.json");
    assertThat(wrongMethod.statusCode()).isEqualTo(405);
    assertThat(wrongMethod.headers().firstValue("Content-Type"))
        .hasValueSatisfying(v -> assertThat(v).startsWith("application/problem+json"));
  }

  @Test
  void aWeekIsReadWithItsTagAndReplacedOnlyWithTheTagItWasReadWith() throws Exception {
    HttpResponse<String> read =
        send(get("/api/weeks/2024-W50").header("Authorization", "Bearer analyst"));
    String etag = read.headers().firstValue("ETag").orElseThrow();
    HttpResponse<String> notModified =
        send(
            get("/api/weeks/2024-W50")
                .header("Authorization", "Bearer analyst")
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
        send(get("/api/weeks/2024-W50").header("Authorization", "Bearer analyst"))
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
        send(get("/api/weeks/2024-W50").header("Authorization", "Bearer reviewer"))
            .headers()
            .firstValue("ETag")
            .orElseThrow();

    HttpResponse<String> refused = send(put("/api/weeks/2024-W50", body, "reviewer", etag));
    HttpResponse<String> allowed = send(put("/api/weeks/2024-W50", body, "analyst", etag));

    assertThat(refused.statusCode()).isEqualTo(403);
    assertThat(json(refused).path("detail").asString()).contains("analyst");
    assertThat(allowed.statusCode()).isEqualTo(200);
    assertThat(gate.audit)
        .extracting(TestGate.Line::actor, TestGate.Line::operation, TestGate.Line::outcome)
        .contains(
            org.assertj.core.groups.Tuple.tuple("bob", "putWeek", "refused"),
            org.assertj.core.groups.Tuple.tuple("token:pipeline (alice)", "putWeek", "ok"));
  }

  @Test
  void aWrongMediaTypeOrAnOversizedBodyIsRefused() throws Exception {
    HttpResponse<String> text =
        send(
            request("/api/weeks/2024-W50")
                .header("Authorization", "Bearer analyst")
                .header("Content-Type", "text/plain")
                .PUT(HttpRequest.BodyPublishers.ofString("{}")));
    HttpResponse<String> huge =
        send(
            request("/api/weeks/2024-W50")
                .header("Authorization", "Bearer analyst")
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
        send(get("/api/weeks/2024-W51").header("Authorization", "Bearer clear"));
    HttpResponse<String> amber =
        send(
            get("/api/weeks/2024-W51/editions/en/json?tlp=AMBER")
                .header("Authorization", "Bearer clear"));
    HttpResponse<String> clear =
        send(get("/api/weeks/2024-W51/editions/en/json").header("Authorization", "Bearer clear"));
    HttpResponse<String> amberForAnalyst =
        send(
            get("/api/weeks/2024-W51/editions/en/json?tlp=AMBER")
                .header("Authorization", "Bearer analyst"));

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
                .header("Authorization", "Bearer analyst")
                .build(),
            HttpResponse.BodyHandlers.ofByteArray());
    assertThat(whole.statusCode())
        .as(new String(whole.body(), StandardCharsets.UTF_8))
        .isEqualTo(200);
    String etag = whole.headers().firstValue("ETag").orElseThrow();
    HttpResponse<byte[]> part =
        client.send(
            get("/api/weeks/2024-W51/editions/en/pdf")
                .header("Authorization", "Bearer analyst")
                .header("Range", "bytes=0-4")
                .build(),
            HttpResponse.BodyHandlers.ofByteArray());
    HttpResponse<String> unchanged =
        send(
            get("/api/weeks/2024-W51/editions/en/pdf")
                .header("Authorization", "Bearer analyst")
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
                .header("Authorization", "Bearer analyst")
                .POST(HttpRequest.BodyPublishers.noBody()));
    HttpResponse<String> built =
        send(
            request("/api/weeks/2024-W51/build")
                .header("Authorization", "Bearer analyst")
                .POST(HttpRequest.BodyPublishers.noBody()));
    HttpResponse<String> missing =
        send(
            request("/api/weeks/2019-W01/build")
                .header("Authorization", "Bearer analyst")
                .POST(HttpRequest.BodyPublishers.noBody()));

    assertThat(valid.statusCode()).isEqualTo(200);
    assertThat(json(valid).path("valid").asBoolean()).isTrue();
    assertThat(built.statusCode()).isEqualTo(200);
    assertThat(json(built).path("written").toString()).contains("bulletin.pdf");
    assertThat(sample.out().resolve("site/2024/W51/bulletin.pdf")).exists();
    assertThat(missing.statusCode()).isEqualTo(404);
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
            .header("Authorization", "Bearer " + token)
            .header("Content-Type", "application/json")
            .PUT(HttpRequest.BodyPublishers.ofString(body));
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
