package org.certbulletin.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.certbulletin.files.JsonMapping;
import org.certbulletin.files.OutputLayout;
import org.certbulletin.model.Principal;
import org.certbulletin.model.Role;
import org.certbulletin.model.Tlp;
import org.certbulletin.model.WeekId;
import org.certbulletin.model.WeekVersion;
import org.certbulletin.service.Application;
import org.certbulletin.service.ScheduledRun;
import org.certbulletin.service.ScheduledRun.Outcome;
import org.certbulletin.testing.Eventually;
import org.certbulletin.testing.SampleWorkspace;
import org.certbulletin.testing.ScheduleFixture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.node.ObjectNode;

/**
 * A real daemon and a week approved with a release time after the scheduled firing: the firing
 * holds it, and it is published at its release time, never before. A due week not approved is not
 * published, and the run says who must act.
 */
@Tag("slow")
class EmbargoDaemonTest {

  private static final Duration WAIT = Duration.ofMinutes(2);
  private static final Principal ALICE =
      new Principal(Principal.Kind.USER, "alice", "alice", Set.of(Role.ANALYST), Tlp.RED);
  private static final Principal BOB =
      new Principal(Principal.Kind.USER, "bob", "bob", Set.of(Role.REVIEWER), Tlp.RED);

  @TempDir Path root;

  private SampleWorkspace sample;
  private Daemon daemon;

  @BeforeEach
  void copySample() {
    sample = SampleWorkspace.copyTo(root);
    sample.configure("approval", "{\"required\": true, \"distinct_approver\": true}");
  }

  @AfterEach
  void stop() {
    if (daemon != null) {
      daemon.close();
    }
  }

  @Test
  void anApprovedWeekIsPublishedAtItsReleaseTimeNotAtTheEarlierFiring() throws Exception {
    WeekId due = ScheduleFixture.dataForTheWeekDueNow(sample, 3);
    Instant firing = Instant.now().plusSeconds(10).truncatedTo(ChronoUnit.SECONDS);
    Instant release = firing.plusSeconds(30);
    setReleaseTime(due, release);
    try (Application application =
        Application.open(sample.workspace(), Map.of(), Clock.systemUTC())) {
      application.bulletins(ALICE, "local").submit(due, Optional.empty());
      application.bulletins(BOB, "local").approve(due);
    }
    ScheduleFixture.schedule(sample, ScheduleFixture.onceAt(firing), "fire_once");
    Path pdf = sample.out().resolve("site/" + OutputLayout.archivePath(due) + "/bulletin.pdf");

    daemon = start();
    Eventually.await(WAIT, "the firing's run", () -> finished(daemon.runs()).size() >= 1);
    ScheduledRun first = finished(daemon.runs()).get(0);
    boolean firedBeforeRelease = first.started().isBefore(release);
    if (firedBeforeRelease) {
      assertThat(first.detail().orElse("")).contains("released at " + release);
      assertThat(pdf).as("held at the firing").doesNotExist();
      // the archive is written before the publication is recorded: wait for the record, the last
      Eventually.await(
          WAIT, "the run at the release time", () -> versions(due).get(0).published().isPresent());
    }
    assertThat(pdf).exists();
    WeekVersion version = versions(due).get(0);
    assertThat(version.published()).isPresent();
    assertThat(version.published().get().at())
        .as("never before the release")
        .isAfterOrEqualTo(release);
    assertThat(version.published().get().by()).startsWith("scheduler:");
  }

  @Test
  void aDueWeekNotApprovedIsNotPublishedAndTheRunSaysWhoMustAct() throws Exception {
    WeekId due = ScheduleFixture.dataForTheWeekDueNow(sample, 3);
    try (Application application =
        Application.open(sample.workspace(), Map.of(), Clock.systemUTC())) {
      application.bulletins(ALICE, "local").submit(due, Optional.empty());
    }
    Instant firing = Instant.now().plusSeconds(10).truncatedTo(ChronoUnit.SECONDS);
    ScheduleFixture.schedule(sample, ScheduleFixture.onceAt(firing), "fire_once");

    daemon = start();
    Eventually.await(WAIT, "the firing's run", () -> finished(daemon.runs()).size() >= 1);
    ScheduledRun run = finished(daemon.runs()).get(0);
    assertThat(run.outcome()).isEqualTo(Outcome.FAILED);
    assertThat(run.detail().orElse(""))
        .contains("may not be published")
        .contains("a reviewer other than alice must approve it")
        .contains("review approve " + due);
    assertThat(sample.out().resolve("site/" + OutputLayout.archivePath(due) + "/bulletin.pdf"))
        .doesNotExist();
    daemon.close();
    daemon = null;
    try (Application application =
        Application.open(sample.workspace(), Map.of(), Clock.systemUTC())) {
      assertThat(application.scheduling().status(5).lines())
          .anySatisfy(
              line ->
                  assertThat(line)
                      .startsWith("review of the due week " + due + ": in_review (version 1)")
                      .contains("a reviewer other than alice must approve it"));
    }
  }

  private void setReleaseTime(WeekId week, Instant release) throws Exception {
    Path file = sample.data().resolve("weeks/" + week + ".json");
    ObjectNode tree = (ObjectNode) JsonMapping.mapper().readTree(Files.readAllBytes(file));
    tree.put("release_at", release.atOffset(ZoneOffset.ofHours(8)).toString());
    Files.writeString(
        file,
        JsonMapping.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(tree),
        StandardCharsets.UTF_8);
  }

  private List<WeekVersion> versions(WeekId week) {
    try (Application application =
        Application.open(sample.workspace(), Map.of(), Clock.systemUTC())) {
      return application.bulletins(BOB, "local").review(week).versions();
    }
  }

  private Daemon start() throws Exception {
    return Daemon.start(
        sample.workspace(),
        new Daemon.Options(Duration.ofSeconds(60), Map.of(), Clock.systemUTC()));
  }

  private static List<ScheduledRun> finished(List<ScheduledRun> runs) {
    return runs.stream().filter(r -> r.outcome() != Outcome.RUNNING).toList();
  }
}
