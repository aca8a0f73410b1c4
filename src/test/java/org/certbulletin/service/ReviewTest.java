package org.certbulletin.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.certbulletin.model.AuditEntry;
import org.certbulletin.model.Principal;
import org.certbulletin.model.ProgressListener;
import org.certbulletin.model.ReviewState;
import org.certbulletin.model.Role;
import org.certbulletin.model.Tlp;
import org.certbulletin.model.WeekId;
import org.certbulletin.model.WeekReview;
import org.certbulletin.testing.SampleWorkspace;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A week's way out under {@code "approval": {"required": true, "distinct_approver": true}}:
 * submitted by an analyst, approved by another person, published exactly as approved and never
 * before its release time; each refusal says what to do and is audited.
 */
class ReviewTest {

  private static final WeekId W51 = WeekId.parse("2024-W51");
  private static final WeekId W50 = WeekId.parse("2024-W50");

  private static final String GOOD = "The overall situation was good.";
  private static final String FAIR = "The overall situation was fair.";

  private static final Principal ALICE = person("alice", Role.ANALYST);
  private static final Principal BOB = person("bob", Role.REVIEWER);
  private static final Principal CAROL = person("carol", Role.ANALYST, Role.REVIEWER);

  @TempDir Path root;

  private Application application;
  private ManualClock clock;
  private SampleWorkspace sample;

  private static Principal person(String name, Role... roles) {
    return new Principal(Principal.Kind.USER, name, name, Set.of(roles), Tlp.RED);
  }

  private void open(boolean approval) {
    sample = SampleWorkspace.copyTo(root.resolve("sample"));
    if (approval) {
      sample.configure("approval", "{\"required\": true, \"distinct_approver\": true}");
    }
    clock = new ManualClock(Instant.parse("2024-12-25T01:00:00Z"));
    application = Application.open(sample.workspace(), Map.of(), clock);
  }

  @AfterEach
  void close() {
    if (application != null) {
      application.close();
    }
  }

  private Bulletins as(Principal who) {
    return application.rereadBulletins(who, "127.0.0.1");
  }

  private String published(WeekId week) throws Exception {
    Path json =
        sample
            .out()
            .resolve("site")
            .resolve("2024")
            .resolve("W" + week.week())
            .resolve("bulletin.json");
    return Files.exists(json) ? Files.readString(json, StandardCharsets.UTF_8) : "";
  }

  @Test
  void onlyAWeekApprovedByAnotherPersonIsPublishedAndExactlyAsApproved() throws Exception {
    open(true);
    PublishResult before = as(CAROL).publish(ProgressListener.NONE, false);
    assertThat(before.withheld()).containsKeys(W50, W51);
    assertThat(before.withheld().get(W51)).contains("review submit 2024-W51");
    assertThat(published(W51)).isEmpty();

    as(ALICE).submit(W51, Optional.of("first issue"));
    assertThat(as(BOB).review(W51).state()).isEqualTo(ReviewState.IN_REVIEW);
    assertThatThrownBy(() -> as(ALICE).approve(W51))
        .isInstanceOf(ServiceFailure.Forbidden.class)
        .hasMessageContaining("reviewer");
    // carol may review, but she submitted this version: four eyes refuse her
    as(CAROL).reject(W51, "resubmitting as carol");
    as(CAROL).submit(W51, Optional.empty());
    assertThatThrownBy(() -> as(CAROL).approve(W51))
        .isInstanceOf(ServiceFailure.Conflict.class)
        .hasMessageContaining("four eyes")
        .hasMessageContaining("carol");
    // control: another reviewer may
    as(BOB).approve(W51);
    assertThat(as(BOB).review(W51).state()).isEqualTo(ReviewState.APPROVED);

    PublishResult after = as(CAROL).publish(ProgressListener.NONE, false);
    assertThat(after.withheld()).doesNotContainKey(W51).containsKey(W50);
    assertThat(published(W51)).contains("\"2024-W51\"");
    WeekReview review = as(BOB).review(W51);
    assertThat(review.state()).isEqualTo(ReviewState.PUBLISHED);
    assertThat(review.latest().orElseThrow().published().orElseThrow().by()).isEqualTo("carol");

    // a change on disk after publication is a draft of version 2: the archive keeps version 1
    sample.editWeek("2024-W51", json -> json.replace(GOOD, FAIR));
    as(CAROL).publish(ProgressListener.NONE, false);
    assertThat(published(W51)).contains(GOOD).doesNotContain(FAIR);
    assertThat(as(BOB).review(W51).state()).isEqualTo(ReviewState.DRAFT);
    assertThat(as(BOB).review(W51).changedOnDisk()).isTrue();

    // the correction: submitted, approved by another, published as version 2 with what changed
    assertThat(as(ALICE).submit(W51, Optional.of("The rating was wrong.")).number()).isEqualTo(2);
    as(BOB).approve(W51);
    as(CAROL).publish(ProgressListener.NONE, false);
    assertThat(published(W51))
        .contains(FAIR)
        .contains("\"revision\"")
        .contains("The rating was wrong.");
    assertThat(as(BOB).review(W51).state()).isEqualTo(ReviewState.CORRECTED);

    assertThat(application.access().listAudit(ADMIN, "local", AuditQuery.newest(100)).entries())
        .anySatisfy(
            e -> {
              assertThat(e.operation()).isEqualTo("approveWeek");
              assertThat(e.outcome()).isEqualTo(AuditEntry.Outcome.REFUSED);
              assertThat(e.detail()).contains("four eyes");
            })
        .anySatisfy(
            e -> {
              assertThat(e.operation()).isEqualTo("approveWeek");
              assertThat(e.outcome()).isEqualTo(AuditEntry.Outcome.OK);
              assertThat(e.actor()).isEqualTo("bob");
            });
  }

  @Test
  void anEditThroughTheToolAfterApprovalSendsTheWeekBackAndTheEditorIsTold() throws Exception {
    open(true);
    as(ALICE).submit(W51, Optional.empty());
    as(BOB).approve(W51);
    byte[] changed =
        sample.readWeek("2024-W51").replace(GOOD, FAIR).getBytes(StandardCharsets.UTF_8);
    WeekDocuments.Saved saved =
        application
            .weekDocuments()
            .put(
                ALICE,
                W51,
                changed,
                "request-body.json",
                Optional.of(WeekDocuments.etag(Files.readAllBytes(sample.weekFile("2024-W51")))));
    assertThat(saved.review())
        .get()
        .asString()
        .contains("was approved")
        .contains("review submit 2024-W51");
    assertThat(as(BOB).review(W51).state()).isEqualTo(ReviewState.DRAFT);
    assertThatThrownBy(() -> as(BOB).approve(W51))
        .isInstanceOf(ServiceFailure.Conflict.class)
        .hasMessageContaining("submit it first");
    assertThat(as(CAROL).publish(ProgressListener.NONE, false).withheld()).containsKey(W51);
    assertThat(published(W51)).isEmpty();
  }

  @Test
  void aFileChangedInAShellAfterApprovalIsNotPublished() throws Exception {
    open(true);
    as(ALICE).submit(W51, Optional.empty());
    as(BOB).approve(W51);
    sample.editWeek("2024-W51", json -> json.replace(GOOD, FAIR));
    assertThat(as(CAROL).publish(ProgressListener.NONE, false).withheld().get(W51))
        .contains("changed since it was approved");
    assertThat(published(W51)).isEmpty();
    assertThatThrownBy(() -> as(BOB).approve(W51)).isInstanceOf(ServiceFailure.Conflict.class);
  }

  @Test
  void anApprovedWeekWaitsForItsReleaseTime() throws Exception {
    open(true);
    sample.editWeek(
        "2024-W51",
        json ->
            json.replace(
                "\"tlp\": \"CLEAR\",",
                "\"release_at\": \"2024-12-25T10:00:00+08:00\",\n  \"tlp\": \"CLEAR\","));
    as(ALICE).submit(W51, Optional.empty());
    assertThat(as(BOB).approve(W51).releaseAt()).contains(Instant.parse("2024-12-25T02:00:00Z"));
    PublishResult early = as(CAROL).publish(ProgressListener.NONE, false);
    assertThat(early.withheld().get(W51)).contains("not released before 2024-12-25T02:00:00Z");
    assertThat(published(W51)).isEmpty();
    assertThatThrownBy(
            () -> as(CAROL).send(W51, "public", new SendOptions(true, false, Map.of(), clock)))
        .isInstanceOf(ServiceFailure.Conflict.class)
        .hasMessageContaining("may not be sent yet");

    clock.advance(Duration.ofHours(1));
    assertThat(as(CAROL).publish(ProgressListener.NONE, false).withheld()).doesNotContainKey(W51);
    assertThat(published(W51)).contains("\"2024-W51\"");
  }

  @Test
  void withoutApprovalAWeekLeavesAsItIsButNotBeforeItsReleaseTime() throws Exception {
    open(false);
    sample.editWeek(
        "2024-W51",
        json ->
            json.replace(
                "\"tlp\": \"CLEAR\",",
                "\"release_at\": \"2024-12-25T10:00:00+08:00\",\n  \"tlp\": \"CLEAR\","));
    PublishResult early = as(CAROL).publish(ProgressListener.NONE, false);
    assertThat(early.withheld()).containsOnlyKeys(W51);
    assertThat(published(W51)).isEmpty();
    // control: the week before, with no release time, is out
    assertThat(published(W50)).contains("\"2024-W50\"");
    clock.advance(Duration.ofHours(2));
    assertThat(as(CAROL).publish(ProgressListener.NONE, false).withheld()).isEmpty();
    assertThat(published(W51)).contains("\"2024-W51\"");
  }

  @Test
  void refusalsSayWhatToDo() {
    open(true);
    assertThatThrownBy(() -> as(BOB).approve(W51))
        .isInstanceOf(ServiceFailure.Conflict.class)
        .hasMessageContaining("never submitted")
        .hasMessageContaining("review submit 2024-W51");
    as(ALICE).submit(W51, Optional.empty());
    assertThatThrownBy(() -> as(ALICE).submit(W51, Optional.empty()))
        .isInstanceOf(ServiceFailure.Conflict.class)
        .hasMessageContaining("in review with this content already");
    assertThatThrownBy(() -> as(BOB).reject(W51, " "))
        .isInstanceOf(ServiceFailure.BadInput.class)
        .hasMessageContaining("reason");
    sample.editWeek("2024-W51", json -> json.replace("\"value\": 146", "\"value\": \"many\""));
    assertThatThrownBy(() -> as(BOB).approve(W51))
        .isInstanceOf(ServiceFailure.BadInput.class)
        .hasMessageContaining("cannot be approved");
  }

  @Test
  void fourEyesCountPeopleWhicheverDoorTheyUse() {
    open(true);
    as(ALICE).submit(W51, Optional.empty());
    assertThatThrownBy(() -> as(Principal.system("cli:alice")).approve(W51))
        .isInstanceOf(ServiceFailure.Conflict.class)
        .hasMessageContaining("four eyes");
    // control: another shell login may
    assertThat(as(Principal.system("cli:bob")).approve(W51).approved().orElseThrow().by())
        .isEqualTo("cli:bob");
  }

  @Test
  void whoMayNotReadTheWeekMayNotReviewIt() {
    open(true);
    Principal greenReviewer =
        new Principal(Principal.Kind.USER, "gina", "gina", Set.of(Role.REVIEWER), Tlp.GREEN);
    as(ALICE).submit(W51, Optional.empty());
    assertThatThrownBy(() -> as(greenReviewer).approve(W51))
        .isInstanceOf(ServiceFailure.Forbidden.class)
        .hasMessageContaining("above the clearance");
    assertThatThrownBy(() -> as(greenReviewer).review(W51))
        .isInstanceOf(ServiceFailure.Forbidden.class);
    // control: a reviewer cleared for it may
    assertThat(as(BOB).review(W51).state()).isEqualTo(ReviewState.IN_REVIEW);
  }

  @Test
  void badNotesReleaseTimesAndEmptyCorrectionsAreRefused() throws Exception {
    open(true);
    assertThatThrownBy(() -> as(ALICE).submit(W51, Optional.of("x".repeat(2001))))
        .isInstanceOf(ServiceFailure.BadInput.class)
        .hasMessageContaining("2000");
    sample.editWeek(
        "2024-W51",
        json ->
            json.replace(
                "\"tlp\": \"CLEAR\",",
                "\"release_at\": \"2024-02-30T10:00:00+08:00\",\n  \"tlp\": \"CLEAR\","));
    assertThatThrownBy(() -> as(ALICE).submit(W51, Optional.empty()))
        .isInstanceOf(ServiceFailure.BadInput.class)
        .satisfies(
            e ->
                assertThat(((ServiceFailure.BadInput) e).problems())
                    .anySatisfy(p -> assertThat(p.pointer()).isEqualTo("/release_at")));
    sample.editWeek(
        "2024-W51", json -> json.replace("2024-02-30T10:00:00+08:00", "2024-12-25T08:00:00+08:00"));
    as(ALICE).submit(W51, Optional.empty());
    as(BOB).approve(W51);
    assertThatThrownBy(
            () -> as(CAROL).send(W51, "public", new SendOptions(true, false, Map.of(), clock)))
        .isInstanceOf(ServiceFailure.Conflict.class)
        .hasMessageContaining("publish it first");
    as(CAROL).publish(ProgressListener.NONE, false);
    // control: once published it may be sent
    assertThat(
            as(CAROL)
                .send(W51, "public", new SendOptions(true, false, Map.of(), clock))
                .recipients())
        .isPositive();
    sample.editWeek("2024-W51", json -> json + "\n\n");
    assertThatThrownBy(() -> as(ALICE).submit(W51, Optional.of("nothing really")))
        .isInstanceOf(ServiceFailure.Conflict.class)
        .hasMessageContaining("changes nothing a reader sees");
    sample.editWeek("2024-W51", json -> json.replace(GOOD, FAIR));
    assertThat(as(ALICE).submit(W51, Optional.of("the rating")).number()).isEqualTo(2);
  }

  @Test
  void turningApprovalOnKeepsTheArchiveAsPublished() throws Exception {
    open(false);
    as(CAROL).publish(ProgressListener.NONE, false);
    assertThat(published(W51)).contains(GOOD);
    sample.configure("approval", "{\"required\": true, \"distinct_approver\": true}");
    PublishResult after = as(CAROL).publish(ProgressListener.NONE, false);
    assertThat(after.withheld()).isEmpty();
    assertThat(after.failed()).isEmpty();
    WeekReview review = as(BOB).review(W51);
    assertThat(review.state()).isEqualTo(ReviewState.PUBLISHED);
    assertThat(review.latest().orElseThrow().published().orElseThrow().by()).isEqualTo("archive");
    // an edit from then on needs a review: the archive keeps version 1
    sample.editWeek("2024-W51", json -> json.replace(GOOD, FAIR));
    as(CAROL).publish(ProgressListener.NONE, false);
    assertThat(published(W51)).contains(GOOD).doesNotContain(FAIR);
  }

  private static final Principal ADMIN = Principal.system("cli:test");
}
