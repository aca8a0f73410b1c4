package org.certbulletin.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.certbulletin.files.OutputLayout;
import org.certbulletin.ingest.DataDirectory;
import org.certbulletin.model.InvalidDataException;
import org.certbulletin.model.ScheduleSettings;
import org.certbulletin.model.StateSettings;
import org.certbulletin.schedule.Daemon;
import org.certbulletin.store.Database;
import org.certbulletin.store.NodeRegistry;
import org.certbulletin.store.RunHistory;
import org.certbulletin.testing.SampleWorkspace;
import org.certbulletin.testing.ScheduleFixture;
import org.certbulletin.testing.TestPostgres;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Which daemons may share a PostgreSQL state database: nodes of one cluster with one schedule, and
 * never a daemon that does not know it is shared.
 */
@Tag("slow")
class ClusterAdmissionTest {

  private static final String EVERY_HOUR = "0 0 * * * ?";

  @TempDir Path root;

  String url;
  Daemon first;
  Daemon second;

  @BeforeEach
  void newDatabase() {
    url = TestPostgres.newDatabase();
  }

  @AfterEach
  void stop() {
    for (Daemon daemon : new Daemon[] {first, second}) {
      if (daemon != null) {
        daemon.close();
      }
    }
  }

  @Test
  void aSecondDaemonWithoutClusterOnASharedDatabaseIsRefusedWithWhatToChange() throws Exception {
    first = start(node("a", false, EVERY_HOUR));
    SampleWorkspace b = node("b", false, EVERY_HOUR);

    assertThatThrownBy(() -> start(b))
        .isInstanceOf(InvalidDataException.class)
        .hasMessageContaining("config.json")
        .hasMessageContaining("is in use by node " + first.node())
        .hasMessageContaining("\"state\": {\"cluster\": true}");

    first.close();
    second = start(b);
    assertThat(second.node()).as("admitted once the other stopped").isNotEqualTo(first.node());
  }

  @Test
  void aClusteredNodeIsRefusedWhileADaemonWithoutClusterUsesTheDatabase() throws Exception {
    first = start(node("a", false, EVERY_HOUR));
    SampleWorkspace b = node("b", true, EVERY_HOUR);

    assertThatThrownBy(() -> start(b))
        .isInstanceOf(InvalidDataException.class)
        .hasMessageContaining("node " + first.node())
        .hasMessageContaining("without \"cluster\": true");

    first.close();
    second = start(b);
    assertThat(second.node()).isNotEqualTo(first.node());
  }

  @Test
  void aNodeWithAnotherScheduleIsRefusedAndOneWithTheClustersScheduleIsAdmitted() throws Exception {
    first = start(node("a", true, EVERY_HOUR));

    assertThatThrownBy(() -> start(node("b", true, "0 30 * * * ?")))
        .isInstanceOf(InvalidDataException.class)
        .hasMessageContaining("this node's schedule (cron '0 30 * * * ?'")
        .hasMessageContaining("differs from the cluster's (cron '" + EVERY_HOUR + "'")
        .hasMessageContaining("give every node the same \"schedule\"");

    // the same schedule is admitted: checked on the registry, as a second daemon in this JVM would
    // share the first one's Quartz scheduler
    assertThat(
            Membership.refusal(
                nodeRecord("c", true, first.schedule()), live(), "the test database"))
        .isEmpty();
  }

  @Test
  void aNodeThatWouldPublishIntoAnArchiveOfItsOwnIsRefusedOneOnTheSharedFolderIsAdmitted()
      throws Exception {
    SampleWorkspace shared = node("a", true, EVERY_HOUR);
    first = start(shared);
    first.close();

    assertThatThrownBy(() -> start(node("b", true, EVERY_HOUR)))
        .isInstanceOf(InvalidDataException.class)
        .hasMessageContaining("is not the archive the other nodes of the cluster publish to")
        .hasMessageContaining("--out on the one shared folder");

    second = start(shared);
    assertThat(second.node()).isNotEqualTo(first.node());
  }

  @Test
  void aStartingNodeAbandonsTheRunsOfDeadNodesOnlyNeverThoseOfALiveOne() throws Exception {
    SampleWorkspace a = node("a", true, EVERY_HOUR);
    Instant now = Instant.now();
    try (Database database = database()) {
      NodeRegistry registry = new NodeRegistry(database.dataSource());
      RunHistory history = new RunHistory(database.dataSource());
      NodeRegistry.Node live =
          new NodeRegistry.Node(
              "live-node", "elsewhere", 1, now, now, Optional.empty(), true, schedule(a));
      NodeRegistry.Node dead =
          new NodeRegistry.Node(
              "dead-node",
              "elsewhere",
              2,
              now.minusSeconds(600),
              now.minus(Membership.DEAD_AFTER).minusSeconds(5),
              Optional.empty(),
              true,
              schedule(a));
      assertThat(registry.join(live, others -> Optional.empty())).isEmpty();
      assertThat(registry.join(dead, others -> Optional.empty())).isEmpty();
      history.start("publish", "schedule", "2024-W51", now, now, 1, "live-node");
      history.start("send:public", "schedule", "2024-W51", now, now, 1, "dead-node");
    }

    first = start(a);

    assertThat(first.runs())
        .extracting(ScheduledRun::node, ScheduledRun::outcome)
        .containsExactly(
            tuple("live-node", ScheduledRun.Outcome.RUNNING),
            tuple("dead-node", ScheduledRun.Outcome.ABANDONED));
  }

  @Test
  void everyNodeHasItsOwnIdAndStatusListsTheNodesAndEachRunsJobAndNode() throws Exception {
    SampleWorkspace a = node("a", true, EVERY_HOUR);
    ScheduleFixture.dataForTheWeekDueNow(a, 1);
    first = start(a);
    String firstId = first.node();
    RunResult result = first.runNow().get();
    assertThat(result.succeeded()).as(result.detail()).isTrue();
    first.close();
    first = start(a);

    assertThat(first.node()).isNotEqualTo(firstId).doesNotContain(hostName());
    List<String> lines = new Status(a.workspace(), Clock.systemUTC()).report(5).lines();
    assertThat(lines).anySatisfy(l -> assertThat(l).startsWith("nodes:"));
    assertThat(lines)
        .as("the running node is listed, the stopped one is not")
        .anySatisfy(l -> assertThat(l).contains(first.node(), "clustered", "last check-in"))
        .noneSatisfy(l -> assertThat(l).startsWith("  " + firstId));
    assertThat(lines)
        .anySatisfy(l -> assertThat(l).contains("publish", firstId, "manual", "SUCCEEDED"));
  }

  private SampleWorkspace node(String name, boolean cluster, String cron) throws Exception {
    SampleWorkspace sample = SampleWorkspace.copyTo(root.resolve(name));
    ScheduleFixture.schedule(sample, cron, "fire_once");
    ScheduleFixture.stateDatabase(sample, url, cluster);
    return sample;
  }

  private Daemon start(SampleWorkspace sample) throws Exception {
    return Daemon.start(
        sample.workspace(),
        new Daemon.Options(Duration.ofSeconds(60), Map.of(), Clock.systemUTC()));
  }

  private Database database() {
    return Database.open(
        new StateSettings(Optional.of(url), true), new OutputLayout(root.resolve("probe")));
  }

  private List<NodeRegistry.Node> live() {
    try (Database database = database()) {
      return new NodeRegistry(database.dataSource())
          .all().stream()
              .filter(n -> n.alive(Instant.now(), Membership.DEAD_AFTER, hostName()))
              .toList();
    }
  }

  private static NodeRegistry.Node nodeRecord(
      String id, boolean cluster, ScheduleSettings schedule) {
    Instant now = Instant.now();
    return new NodeRegistry.Node(
        id, hostName(), 1, now, now, Optional.empty(), cluster, Membership.scheduleOf(schedule));
  }

  private static String schedule(SampleWorkspace sample) throws Exception {
    return Membership.scheduleOf(
        new DataDirectory(sample.data()).config().schedule().orElseThrow());
  }

  private static String hostName() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      return "unknown-host";
    }
  }
}
