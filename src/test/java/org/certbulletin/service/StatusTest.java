package org.certbulletin.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import org.certbulletin.files.OutputLayout;
import org.certbulletin.model.Format;
import org.certbulletin.model.ProgressListener;
import org.certbulletin.model.StateSettings;
import org.certbulletin.model.WeekId;
import org.certbulletin.store.Database;
import org.certbulletin.store.DeliveryLedger;
import org.certbulletin.store.DeliveryRun;
import org.certbulletin.store.NodeRegistry;
import org.certbulletin.store.RunHistory;
import org.certbulletin.testing.SampleWorkspace;
import org.certbulletin.testing.SampleWorkspaceExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code status} as monitoring uses it: the next firings, and an alarm when the due week is late.
 */
@ExtendWith(SampleWorkspaceExtension.class)
class StatusTest {

  SampleWorkspace sample;

  @BeforeEach
  void copySample(SampleWorkspace sample) {
    this.sample = sample;
  }

  @Test
  void showsTheNextFiringsInTheZoneAndInUtc() throws Exception {
    StatusReport report = at("2024-12-23T00:00:00Z");
    assertThat(report.lines())
        .anySatisfy(
            l ->
                assertThat(l)
                    .contains(
                        "Wed 2024-12-25 10:00 CST", "2024-12-25 02:00 UTC", "publishes 2024-W51"));
  }

  @Test
  void raisesTheAlarmWhenTheDueWeekIsNotPublishedByItsDeadline() throws Exception {
    StatusReport report = at("2024-12-25T05:00:00Z");
    assertThat(report.alarm())
        .hasValueSatisfying(
            a ->
                assertThat(a)
                    .contains("2024-W51", "2024-12-25 04:00 UTC")
                    .contains(
                        "its file is there but it is not published: check it with"
                            + " 'target/cert-bulletin validate 2024-W51' and publish it with"
                            + " 'target/cert-bulletin publish'")
                    .contains("no daemon is running: start one with 'target/cert-bulletin run'")
                    .as("the alarm says what to do, never to run status again")
                    .doesNotContain("status"));
  }

  @Test
  void withADaemonRunningTheAlarmPointsAtItsRunsInstead() throws Exception {
    Instant now = Instant.parse("2024-12-25T05:00:00Z");
    try (Database database =
        Database.open(StateSettings.defaults(), new OutputLayout(sample.out()))) {
      new NodeRegistry(database.dataSource())
          .join(
              new NodeRegistry.Node(
                  "0123456789ab",
                  "host",
                  ProcessHandle.current().pid(),
                  now.minusSeconds(3600),
                  now.minusSeconds(2),
                  Optional.empty(),
                  false,
                  "cron '0 0 10 ? * WED' in Asia/Shanghai, misfire fire_once"),
              others -> Optional.empty());
    }
    assertThat(at("2024-12-25T05:00:00Z").alarm())
        .hasValueSatisfying(
            a ->
                assertThat(a)
                    .contains("publish it with 'target/cert-bulletin publish'")
                    .contains("the last runs above say why the daemon did not publish it")
                    .doesNotContain("no daemon is running"));
  }

  @Test
  void theSampleLongAfterItsWeeksRaisesNoAlarmAndSaysHowToRehearse() throws Exception {
    StatusReport report = at("2026-12-02T05:00:00Z");
    assertThat(report.alarm()).isEmpty();
    assertThat(report.lines())
        .anySatisfy(
            l ->
                assertThat(l)
                    .contains("due week: 2026-W48", "not published (no file: the data folder"))
        .anySatisfy(
            l ->
                assertThat(l)
                    .startsWith("sample data: every week in the data folder (2024-W44 to 2024-W51)")
                    .contains("'target/cert-bulletin run --once --week 2024-W51 --dry-run'")
                    .contains("'target/cert-bulletin new 2026-W48'"));
  }

  @Test
  void aWeekOfTheCertsOwnBesideTheSampleBringsTheAlarmBack() throws Exception {
    new BulletinService(sample.workspace()).startWeek(Optional.empty()); // 2024-W52, no sample mark
    StatusReport report = at("2026-12-02T05:00:00Z");
    assertThat(report.alarm())
        .hasValueSatisfying(
            a ->
                assertThat(a)
                    .contains("the due week 2026-W48 was not published by its deadline")
                    .contains(sample.weekFile("2026-W48") + " does not exist")
                    .contains("start it with 'target/cert-bulletin new 2026-W48'")
                    .doesNotContain("status"));
    assertThat(report.lines()).noneSatisfy(l -> assertThat(l).startsWith("sample data"));
  }

  @Test
  void namesTheLatestPublishedWeekWhenAPreviewBuildFollowsAnEditOfIt() throws Exception {
    BulletinService service = new BulletinService(sample.workspace());
    service.publish(ProgressListener.NONE);
    sample.editWeek(
        "2024-W51",
        json ->
            json.replace(
                "The overall situation was good.",
                "The overall situation was good, on the whole."));
    service.build(WeekId.parse("2024-W51"), EnumSet.of(Format.HTML));

    List<String> lines = at("2024-12-25T05:00:00Z").lines();
    assertThat(lines)
        .contains("  stale: 2024-W51 (run 'target/cert-bulletin publish')")
        .anySatisfy(l -> assertThat(l).startsWith("  latest published: 2024-W51 (TLP:CLEAR;"))
        .anySatisfy(
            l ->
                assertThat(l)
                    .startsWith(
                        "  latest preview: 2024-W51 in "
                            + sample.out().resolve("preview/2024/W51")));
  }

  @Test
  void namesTheLatestPublishedWeekAndThePreviewOfTheNextOne() throws Exception {
    BulletinService service = new BulletinService(sample.workspace());
    service.publish(ProgressListener.NONE);
    WeekId next = service.startWeek(Optional.empty()).week();
    service.build(next, EnumSet.of(Format.HTML));

    List<String> lines = at("2024-12-25T05:00:00Z").lines();
    assertThat(lines)
        .contains("  latest published: 2024-W51 (TLP:CLEAR)")
        .anySatisfy(l -> assertThat(l).startsWith("  latest preview: 2024-W52 in "));
  }

  @Test
  void namesABuildBeforeTheFirstPublishAsAPreviewAndNothingAsPublished() throws Exception {
    new BulletinService(sample.workspace())
        .build(WeekId.parse("2024-W51"), EnumSet.of(Format.HTML));

    List<String> lines = at("2024-12-25T05:00:00Z").lines();
    assertThat(lines)
        .noneSatisfy(l -> assertThat(l).contains("latest published"))
        .anySatisfy(
            l ->
                assertThat(l)
                    .startsWith(
                        "  latest preview: 2024-W51 in " + sample.out().resolve("site/2024/W51")));
  }

  @Test
  void staysQuietBeforeTheDeadline() throws Exception {
    assertThat(at("2024-12-25T03:00:00Z").alarm()).isEmpty();
  }

  @Test
  void staysQuietOnceTheDueWeekIsPublished() throws Exception {
    new BulletinService(sample.workspace()).publish(ProgressListener.NONE);
    StatusReport report = at("2024-12-25T05:00:00Z");
    assertThat(report.alarm()).isEmpty();
    assertThat(report.lines())
        .anySatisfy(l -> assertThat(l).contains("due week: 2024-W51", "published"))
        .anySatisfy(l -> assertThat(l).startsWith("weeks: 8 published and current, 0 stale"));
  }

  @Test
  void listsStaleWeeks() throws Exception {
    new BulletinService(sample.workspace()).publish(ProgressListener.NONE);
    sample.editWeek("2024-W50", json -> json.replace("\"value\": 3126", "\"value\": 3127"));
    assertThat(at("2024-12-25T05:00:00Z").lines())
        .anySatisfy(l -> assertThat(l).contains("stale: 2024-W50, 2024-W51"));
  }

  @Test
  void countsADeliveryOfALiveRunAsInFlightAndOneOfADeadRunAsUncertain() throws Exception {
    try (Database database =
        Database.open(StateSettings.defaults(), new OutputLayout(sample.out()))) {
      DeliveryLedger ledger = new DeliveryLedger(database.dataSource());
      Instant now = Instant.parse("2024-12-25T03:00:00Z");
      ledger.enqueue("2024-W51", "public", "CLEAR", List.of("a@example.org", "b@example.org"), now);
      List<DeliveryLedger.Entry> entries = ledger.entries("2024-W51", "public");
      try (DeliveryRun live = ledger.start("2024-W51", "public", now)) {
        assertThat(live.claim(entries.get(0).id(), "<a@cert.example>", now)).isTrue();
        leftByADeadRun(database, entries.get(1).id());

        assertThat(at("2024-12-25T03:00:00Z").lines())
            .anySatisfy(
                l -> assertThat(l).contains("public", "0 pending", "1 in flight", "1 uncertain"));
      }
      assertThat(at("2024-12-25T03:00:00Z").lines())
          .as("once its run has ended, its claim is uncertain too")
          .anySatisfy(l -> assertThat(l).contains("public", "0 in flight", "2 uncertain"));
    }
  }

  @Test
  void reportsTheRunningNodesTheRunsAndTheLedgerCountsAsFields() throws Exception {
    Instant now = Instant.parse("2024-12-25T03:00:00Z");
    try (Database database =
        Database.open(StateSettings.defaults(), new OutputLayout(sample.out()))) {
      NodeRegistry registry = new NodeRegistry(database.dataSource());
      registry.join(node("0123456789ab", now.minusSeconds(2)), o -> none());
      registry.join(
          node("ba9876543210", now.minus(Membership.DEAD_AFTER).minusSeconds(5)), o -> none());
      registry.join(node("cccccccccccc", now.minusSeconds(600)), o -> none());
      registry.stopped("cccccccccccc", now.minusSeconds(500));
      RunHistory history = new RunHistory(database.dataSource());
      long run = history.start("publish", "schedule", "2024-W51", now, now, 1, "0123456789ab");
      history.finish(run, RunHistory.Outcome.FAILED, now.plusSeconds(3), "no data for 2024-W51");
      new DeliveryLedger(database.dataSource())
          .enqueue("2024-W51", "public", "CLEAR", List.of("a@example.org", "b@example.org"), now);
    }

    StatusReport report = at("2024-12-25T03:00:00Z");

    assertThat(report.state().created()).isTrue();
    assertThat(report.state().nodes())
        .as("the stopped node is left out, the silent one is missing")
        .extracting(StatusReport.Node::id, StatusReport.Node::missing)
        .containsExactlyInAnyOrder(tuple("0123456789ab", false), tuple("ba9876543210", true));
    assertThat(report.state().runs())
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.outcome()).isEqualTo(ScheduledRun.Outcome.FAILED);
              assertThat(r.week()).isEqualTo("2024-W51");
              assertThat(r.node()).isEqualTo("0123456789ab");
              assertThat(r.trigger()).isEqualTo("schedule");
              assertThat(r.finished()).hasValue(now.plusSeconds(3));
              assertThat(r.detail()).hasValue("no data for 2024-W51");
            });
    assertThat(report.state().deliveries())
        .hasValueSatisfying(
            d -> {
              assertThat(d.week()).hasValue("2024-W51");
              assertThat(d.lists())
                  .containsExactly(new StatusReport.ListDeliveries("public", 0, 2, 0, 0, 0));
            });
    assertThat(report.schedule().orElseThrow().nextFirings())
        .first()
        .isEqualTo(
            new StatusReport.Firing(
                Instant.parse("2024-12-25T02:00:00Z").plusSeconds(7 * 24 * 3600),
                WeekId.parse("2024-W52")));
    assertThat(report.lines())
        .as("the lines are drawn from the same fields")
        .anySatisfy(l -> assertThat(l).contains("ba9876543210", "MISSING CHECK-INS"))
        .anySatisfy(l -> assertThat(l).contains("publish", "FAILED", "no data for 2024-W51"))
        .anySatisfy(l -> assertThat(l).contains("public", "2 pending"))
        .noneSatisfy(l -> assertThat(l).contains("cccccccccccc"));
  }

  private static NodeRegistry.Node node(String id, Instant checkedIn) {
    return new NodeRegistry.Node(
        id,
        "host",
        1,
        checkedIn.minusSeconds(3600),
        checkedIn,
        Optional.empty(),
        false,
        "cron '0 0 10 ? * WED' in Asia/Shanghai, misfire fire_once");
  }

  private static Optional<String> none() {
    return Optional.empty();
  }

  /**
   * What a run killed mid-send leaves: its row in {@code cb_delivery_run}, locked by nobody, and a
   * delivery it claimed.
   */
  private static void leftByADeadRun(Database database, long delivery) throws Exception {
    try (Connection c = database.dataSource().getConnection();
        PreparedStatement run =
            c.prepareStatement(
                "INSERT INTO cb_delivery_run (run_id, week, list_name, started_at) VALUES"
                    + " ('dead-run', '2024-W51', 'public', 0)");
        PreparedStatement claim =
            c.prepareStatement(
                "UPDATE cb_delivery SET status = 'SENDING', claimed_by = 'dead-run' WHERE id ="
                    + " ?")) {
      run.executeUpdate();
      claim.setLong(1, delivery);
      assertThat(claim.executeUpdate()).isOne();
    }
  }

  private StatusReport at(String instant) throws java.io.IOException {
    return new Status(sample.workspace(), Clock.fixed(Instant.parse(instant), ZoneOffset.UTC))
        .report(5);
  }
}
