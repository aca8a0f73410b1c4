package org.certbulletin.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.certbulletin.model.Principal;
import org.certbulletin.model.ProgressListener;
import org.certbulletin.model.ReviewState;
import org.certbulletin.model.Role;
import org.certbulletin.model.Tlp;
import org.certbulletin.model.WeekId;
import org.certbulletin.testing.SampleWorkspace;
import org.certbulletin.testing.ScheduleFixture;
import org.certbulletin.testing.TestPostgres;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Review on PostgreSQL, as a cluster runs it: a week submitted on one node is approved on another,
 * four eyes hold across nodes, and what a node publishes is the content approved, read back from
 * the shared database.
 */
@Tag("slow")
class SharedReviewTest {

  private static final WeekId W51 = WeekId.parse("2024-W51");
  private static final String GOOD = "The overall situation was good.";
  private static final String FAIR = "The overall situation was fair.";

  private static final Principal ALICE = person("alice", Role.ANALYST);
  private static final Principal BOB = person("bob", Role.REVIEWER);
  private static final Principal CAROL =
      person("carol", Role.ANALYST, Role.REVIEWER, Role.OPERATOR);

  @TempDir Path root;

  private static Principal person(String name, Role... roles) {
    return new Principal(Principal.Kind.USER, name, name, Set.of(roles), Tlp.RED);
  }

  private SampleWorkspace node(String name, String url) throws Exception {
    SampleWorkspace sample = SampleWorkspace.copyTo(root.resolve(name));
    ScheduleFixture.stateDatabase(sample, url, true);
    sample.configure("approval", "{\"required\": true, \"distinct_approver\": true}");
    return sample;
  }

  @Test
  void aWeekSubmittedOnOneNodeIsApprovedOnAnotherAndPublishedAsApproved() throws Exception {
    String url = TestPostgres.newDatabase();
    SampleWorkspace a = node("a", url);
    SampleWorkspace b = node("b", url);
    ManualClock clock = new ManualClock(Instant.parse("2024-12-25T03:00:00Z"));
    try (Application nodeA = Application.open(a.workspace(), Map.of(), clock);
        Application nodeB = Application.open(b.workspace(), Map.of(), clock)) {
      nodeA.bulletins(CAROL, "a").submit(W51, Optional.of("first issue"));
      assertThat(nodeB.bulletins(BOB, "b").review(W51).state()).isEqualTo(ReviewState.IN_REVIEW);
      assertThatThrownBy(() -> nodeB.bulletins(CAROL, "b").approve(W51))
          .isInstanceOf(ServiceFailure.Conflict.class)
          .hasMessageContaining("four eyes");
      nodeB.bulletins(BOB, "b").approve(W51);

      // node A's file moves on after the approval: A holds the week back, as its file is no
      // longer what was approved
      a.editWeek("2024-W51", json -> json.replace(GOOD, FAIR));
      assertThat(nodeA.bulletins(CAROL, "a").publish(ProgressListener.NONE, false).withheld())
          .containsKey(W51);
      // node B, whose file is what was approved, publishes it from the shared database's copy
      PublishResult published = nodeB.bulletins(CAROL, "b").publish(ProgressListener.NONE, false);
      assertThat(published.withheld()).doesNotContainKey(W51);
      assertThat(Files.readString(b.out().resolve("site/2024/W51/bulletin.json")))
          .contains(GOOD)
          .doesNotContain(FAIR);
      assertThat(nodeA.bulletins(BOB, "a").review(W51).lastPublished()).isPresent();

      // a correction submitted on A (whose file now differs) is version 2, approved on B
      assertThat(nodeA.bulletins(ALICE, "a").submit(W51, Optional.of("the rating")).number())
          .isEqualTo(2);
      b.editWeek("2024-W51", json -> json.replace(GOOD, FAIR));
      nodeB.bulletins(BOB, "b").approve(W51);
      nodeB.bulletins(CAROL, "b").publish(ProgressListener.NONE, false);
      assertThat(Files.readString(b.out().resolve("site/2024/W51/bulletin.json"))).contains(FAIR);
      assertThat(Files.readString(b.out().resolve("site/2024/W51/v1/bulletin.json")))
          .contains(GOOD);
      assertThat(nodeA.bulletins(BOB, "a").review(W51).state()).isEqualTo(ReviewState.CORRECTED);
    }
  }
}
