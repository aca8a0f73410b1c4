package org.certbulletin.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Optional;
import org.certbulletin.files.JsonMapping;
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
 * A week's review over real HTTP with approval and four eyes configured: submitted by an analyst,
 * refused to the analyst and to a reviewer who submitted it, approved by another reviewer, then
 * published; each refusal a problem that says what to do, and audited.
 */
@ExtendWith(SampleWorkspaceExtension.class)
class ReviewApiTest {

  private ServedApi api;
  private String analyst;
  private String reviewer;
  private String both;
  private String operator;

  @BeforeEach
  void start(SampleWorkspace sample) {
    sample.configure("approval", "{\"required\": true, \"distinct_approver\": true}");
    api = new ServedApi(sample);
    api.user("alice", Tlp.RED, Role.ANALYST);
    api.user("bob", Tlp.RED, Role.REVIEWER);
    api.user("carol", Tlp.RED, Role.ANALYST, Role.REVIEWER);
    api.user("erin", Tlp.RED, Role.OPERATOR);
    analyst = api.token("alices", "alice", Optional.empty());
    reviewer = api.token("bobs", "bob", Optional.empty());
    both = api.token("carols", "carol", Optional.empty());
    operator = api.token("erins", "erin", Optional.empty());
  }

  @AfterEach
  void stop() {
    api.close();
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

  private HttpResponse<String> get(String path, String token) throws Exception {
    return api.send(api.request(path).header("Authorization", "Bearer " + token).GET());
  }

  private static JsonNode json(HttpResponse<String> response) {
    return JsonMapping.mapper().readTree(response.body());
  }

  @Test
  void aWeekIsSubmittedApprovedByAnotherAndThenPublished() throws Exception {
    String week = "/api/weeks/2024-W51";
    HttpResponse<String> early = post("/api/publish", operator, null);
    assertThat(early.statusCode()).as(early.body()).isEqualTo(200);
    assertThat(json(early).path("withheld").path("2024-W51").asString()).contains("review submit");
    assertThat(json(early).path("built").toString()).doesNotContain("2024-W51");

    HttpResponse<String> approveDraft = post(week + "/review/approval", reviewer, null);
    assertThat(approveDraft.statusCode()).isEqualTo(409);
    assertThat(approveDraft.headers().firstValue("Content-Type"))
        .get()
        .asString()
        .startsWith("application/problem+json");
    assertThat(approveDraft.body()).contains("submit it first");

    HttpResponse<String> submitted =
        post(week + "/review/submission", both, "{\"note\": \"first issue\"}");
    assertThat(submitted.statusCode()).as(submitted.body()).isEqualTo(200);
    assertThat(json(submitted).path("state").asString()).isEqualTo("in_review");
    assertThat(json(submitted).path("versions").get(0).path("note").asString())
        .isEqualTo("first issue");

    HttpResponse<String> byAnalyst = post(week + "/review/approval", analyst, null);
    assertThat(byAnalyst.statusCode()).isEqualTo(403);
    HttpResponse<String> ownApproval = post(week + "/review/approval", both, null);
    assertThat(ownApproval.statusCode()).isEqualTo(409);
    assertThat(ownApproval.body()).contains("four eyes");
    HttpResponse<String> approved = post(week + "/review/approval", reviewer, null);
    assertThat(approved.statusCode()).as(approved.body()).isEqualTo(200);
    assertThat(json(approved).path("state").asString()).isEqualTo("approved");
    assertThat(json(approved).path("versions").get(0).path("approved").path("by").asString())
        .isEqualTo("bob");

    HttpResponse<String> published = post("/api/publish", operator, null);
    assertThat(json(published).path("built").toString()).contains("2024-W51");
    assertThat(json(get(week + "/review", analyst)).path("state").asString())
        .isEqualTo("published");

    HttpResponse<String> report = get(week + "/report", operator);
    assertThat(report.statusCode()).as(report.body()).isEqualTo(200);
    assertThat(json(report).path("versions").get(0).path("published").path("by").asString())
        .isEqualTo("erin");
    assertThat(get(week + "/report", analyst).statusCode()).isEqualTo(403);

    assertThat(api.audit())
        .anySatisfy(
            e -> {
              assertThat(e.operation()).isEqualTo("approveWeek");
              assertThat(e.outcome()).isEqualTo(AuditEntry.Outcome.REFUSED);
            })
        .anySatisfy(
            e -> {
              assertThat(e.operation()).isEqualTo("approveWeek");
              assertThat(e.outcome()).isEqualTo(AuditEntry.Outcome.OK);
            });
  }

  @Test
  void aRejectionNeedsAReasonAndSendsTheWeekBack() throws Exception {
    String week = "/api/weeks/2024-W51";
    assertThat(post(week + "/review/submission", analyst, null).statusCode()).isEqualTo(200);
    HttpResponse<String> noReason = post(week + "/review/rejection", reviewer, "{}");
    assertThat(noReason.statusCode()).isEqualTo(400);
    assertThat(noReason.body()).contains("/reason");
    HttpResponse<String> unknown =
        post(week + "/review/rejection", reviewer, "{\"reason\": \"x\", \"why\": 1}");
    assertThat(unknown.statusCode()).isEqualTo(400);
    HttpResponse<String> rejected =
        post(week + "/review/rejection", reviewer, "{\"reason\": \"the rating is wrong\"}");
    assertThat(rejected.statusCode()).as(rejected.body()).isEqualTo(200);
    assertThat(json(rejected).path("state").asString()).isEqualTo("draft");
    assertThat(json(rejected).path("versions").get(0).path("rejection").asString())
        .isEqualTo("the rating is wrong");
  }

  @Test
  void anEditAfterApprovalSaysItSentTheWeekBack() throws Exception {
    String week = "/api/weeks/2024-W51";
    post(week + "/review/submission", analyst, null);
    post(week + "/review/approval", reviewer, null);
    HttpResponse<String> current = get(week, analyst);
    String etag = current.headers().firstValue("ETag").orElseThrow();
    String changed =
        current
            .body()
            .replace("The overall situation was good.", "The overall situation was fair.");
    HttpResponse<String> put =
        api.send(
            api.request(week)
                .header("Authorization", "Bearer " + analyst)
                .header("Content-Type", "application/json")
                .header("If-Match", etag)
                .PUT(HttpRequest.BodyPublishers.ofString(changed)));
    assertThat(put.statusCode()).as(put.body()).isEqualTo(200);
    assertThat(json(put).path("review").asString()).contains("sent it back to draft");
    assertThat(json(get(week + "/review", analyst)).path("state").asString()).isEqualTo("draft");
  }
}
