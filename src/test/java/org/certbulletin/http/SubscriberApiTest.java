package org.certbulletin.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.certbulletin.files.JsonMapping;
import org.certbulletin.model.AuditEntry;
import org.certbulletin.model.Role;
import org.certbulletin.model.Tlp;
import org.certbulletin.testing.SampleWorkspace;
import org.certbulletin.testing.SampleWorkspaceExtension;
import org.certbulletin.testing.SubscriberRows;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

/**
 * Vetting over real HTTP: a request to join the sample's sector-partners list (TLP:AMBER) refused
 * to an analyst and to an operator cleared only for GREEN, approved by an operator cleared for
 * AMBER, and approving it again a conflict; a suspended address resumed; addresses only for those
 * cleared. The rows are put in the state database directly (as a confirmed sign-up and a bounce
 * leave them): the invitation mail is not the point here.
 */
@ExtendWith(SampleWorkspaceExtension.class)
class SubscriberApiTest {

  private ServedApi api;
  private long request;
  private long spam;
  private long carol;
  private String analyst;
  private String greenOperator;
  private String operator;

  @BeforeEach
  void start(SampleWorkspace sample) {
    sample.openSignup();
    request = SubscriberRows.awaiting(sample, "sector-partners", "soc@grid.example", "Grid Ltd");
    spam = SubscriberRows.awaiting(sample, "sector-partners", "x@spam.example", "Nobody");
    carol = SubscriberRows.suspended(sample, "public", "carol@example.com", "550 5.1.1 no user");
    api = new ServedApi(sample);
    api.user("ana", Tlp.RED, Role.ANALYST);
    api.user("gus", Tlp.GREEN, Role.OPERATOR);
    api.user("olga", Tlp.AMBER, Role.OPERATOR);
    analyst = api.token("anas", "ana", Optional.empty());
    greenOperator = api.token("guss", "gus", Optional.empty());
    operator = api.token("olgas", "olga", Optional.empty());
  }

  @AfterEach
  void stop() {
    api.close();
  }

  private HttpResponse<String> get(String path, String token) throws Exception {
    return api.send(api.request(path).header("Authorization", "Bearer " + token).GET());
  }

  private HttpResponse<String> post(String path, String token, String json) throws Exception {
    HttpRequest.Builder request = api.request(path).header("Authorization", "Bearer " + token);
    if (json == null) {
      request.POST(HttpRequest.BodyPublishers.noBody());
    } else {
      request
          .header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString(json));
    }
    return api.send(request);
  }

  private static JsonNode json(HttpResponse<String> response) {
    return JsonMapping.mapper().readTree(response.body());
  }

  private static List<String> addresses(JsonNode array) {
    List<String> found = new ArrayList<>();
    array.forEach(s -> found.add(s.path("address").asString()));
    return found;
  }

  private List<String> refused(String operation) {
    return api.audit().stream()
        .filter(e -> e.operation().equals(operation))
        .filter(e -> e.outcome() == AuditEntry.Outcome.REFUSED)
        .map(AuditEntry::actor)
        .toList();
  }

  @Test
  void anOperatorClearedForTheListApprovesARequestOthersAreRefusedAndTheSecondTimeIsAConflict()
      throws Exception {
    String approve = "/api/subscribers/" + request + "/approve";

    HttpResponse<String> byAnalyst = post(approve, analyst, null);
    HttpResponse<String> byGreen = post(approve, greenOperator, null);

    for (HttpResponse<String> refused : List.of(byAnalyst, byGreen)) {
      assertThat(refused.statusCode()).as(refused.body()).isEqualTo(403);
      assertThat(refused.headers().firstValue("Content-Type"))
          .hasValueSatisfying(v -> assertThat(v).startsWith(ProblemResponse.MEDIA_TYPE));
    }
    assertThat(json(byGreen).path("detail").asString()).contains("not cleared for TLP:AMBER");
    assertThat(refused("approveSubscriber"))
        .containsExactlyInAnyOrder("token:anas (ana)", "token:guss (gus)");
    assertThat(json(get("/api/subscribers/requests", greenOperator)).path("requests").size())
        .isZero();
    assertThat(addresses(json(get("/api/subscribers/requests", operator)).path("requests")))
        .containsExactly("soc@grid.example", "x@spam.example");

    HttpResponse<String> approved = post(approve, operator, null);

    assertThat(approved.statusCode()).as(approved.body()).isEqualTo(200);
    assertThat(json(approved).path("status").asString()).isEqualTo("active");
    assertThat(json(approved).path("decided_by").asString()).isEqualTo("token:olgas (olga)");
    HttpResponse<String> again = post(approve, operator, null);
    assertThat(again.statusCode()).as(again.body()).isEqualTo(409);
    assertThat(json(again).path("detail").asString()).contains("not awaiting approval (active)");
    assertThat(api.audit())
        .filteredOn(e -> e.operation().equals("approveSubscriber"))
        .extracting(AuditEntry::outcome)
        .containsExactly(
            AuditEntry.Outcome.REFUSED,
            AuditEntry.Outcome.REFUSED,
            AuditEntry.Outcome.OK,
            AuditEntry.Outcome.REFUSED);
  }

  @Test
  void aRejectionNeedsAReasonAndIsKept() throws Exception {
    String reject = "/api/subscribers/" + spam + "/reject";
    HttpResponse<String> blank = post(reject, operator, "{\"reason\": \"  \"}");
    assertThat(blank.statusCode()).as(blank.body()).isEqualTo(400);
    assertThat(json(blank).path("problems").get(0).path("pointer").asString()).isEqualTo("/reason");
    HttpResponse<String> none = post(reject, operator, "{}");
    assertThat(none.statusCode()).isEqualTo(400);
    assertThat(post(reject, operator, null).statusCode()).isEqualTo(415);

    HttpResponse<String> rejected = post(reject, operator, "{\"reason\": \"not a partner\"}");

    assertThat(rejected.statusCode()).as(rejected.body()).isEqualTo(200);
    assertThat(json(rejected).path("status").asString()).isEqualTo("rejected");
    assertThat(json(rejected).path("reason").asString()).isEqualTo("not a partner");
    assertThat(post("/api/subscribers/" + spam + "/approve", operator, null).statusCode())
        .isEqualTo(409);
  }

  @Test
  void aSuspendedAddressIsResumedOnceByAnOperator() throws Exception {
    String resume = "/api/subscribers/" + carol + "/resume";
    HttpResponse<String> byAnalyst = post(resume, analyst, null);
    assertThat(byAnalyst.statusCode()).isEqualTo(403);
    assertThat(refused("resumeSubscriber")).containsExactly("token:anas (ana)");

    HttpResponse<String> resumed = post(resume, greenOperator, null);

    assertThat(resumed.statusCode()).as(resumed.body()).isEqualTo(200);
    assertThat(json(resumed).path("status").asString()).isEqualTo("active");
    assertThat(json(resumed).path("soft_bounces").asInt()).isZero();
    assertThat(post(resume, greenOperator, null).statusCode()).isEqualTo(409);
    assertThat(post("/api/subscribers/99999/resume", operator, null).statusCode()).isEqualTo(404);
    assertThat(post("/api/subscribers/first/resume", operator, null).statusCode()).isEqualTo(404);
  }

  @Test
  void addressesAreListedOnlyToOperatorsClearedForTheirList() throws Exception {
    HttpResponse<String> byAnalyst = get("/api/subscribers", analyst);
    assertThat(byAnalyst.statusCode()).isEqualTo(403);
    assertThat(refused("listSubscribers")).containsExactly("token:anas (ana)");

    JsonNode green = json(get("/api/subscribers", greenOperator));
    JsonNode amber = json(get("/api/subscribers", operator));

    assertThat(addresses(green.path("subscribers"))).containsExactly("carol@example.com");
    assertThat(green.path("counts").has("sector-partners")).isFalse();
    assertThat(addresses(amber.path("subscribers")))
        .containsExactly("carol@example.com", "soc@grid.example", "x@spam.example");
    assertThat(amber.path("counts").path("sector-partners").path("awaiting-approval").asInt())
        .isEqualTo(2);
    assertThat(
            api.audit().stream()
                .filter(e -> e.operation().equals("listSubscribers"))
                .filter(e -> e.outcome() == AuditEntry.Outcome.OK)
                .count())
        .as("every read of addresses is audited")
        .isEqualTo(2);
  }

  @Test
  void aListOrStatusThatIsNotOneIsABadRequestWithItsPointer() throws Exception {
    HttpResponse<String> status = get("/api/subscribers?status=active,gone", operator);
    HttpResponse<String> list = get("/api/subscribers?list=nosuch", operator);

    assertThat(status.statusCode()).isEqualTo(400);
    assertThat(json(status).path("problems").get(0).path("pointer").asString())
        .isEqualTo("/status");
    assertThat(json(status).path("detail").asString()).contains("awaiting-approval, active");
    assertThat(list.statusCode()).isEqualTo(400);
    assertThat(json(list).path("problems").get(0).path("pointer").asString()).isEqualTo("/list");
    assertThat(json(list).path("detail").asString())
        .contains("lists: public, sector-partners, government");
    HttpResponse<String> good = get("/api/subscribers?list=public&status=suspended", operator);
    assertThat(good.statusCode()).as("control").isEqualTo(200);
    assertThat(addresses(json(good).path("subscribers"))).containsExactly("carol@example.com");
  }
}
