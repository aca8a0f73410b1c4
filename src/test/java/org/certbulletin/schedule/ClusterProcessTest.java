package org.certbulletin.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.certbulletin.files.OutputLayout;
import org.certbulletin.model.ProgressListener;
import org.certbulletin.model.StateSettings;
import org.certbulletin.model.WeekId;
import org.certbulletin.service.BulletinService;
import org.certbulletin.service.DaemonNode;
import org.certbulletin.store.Database;
import org.certbulletin.store.NodeRegistry;
import org.certbulletin.store.RunHistory;
import org.certbulletin.store.RunHistory.Outcome;
import org.certbulletin.testing.CliProcess;
import org.certbulletin.testing.Eventually;
import org.certbulletin.testing.SampleWorkspace;
import org.certbulletin.testing.ScheduleFixture;
import org.certbulletin.testing.TestPostgres;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * Three daemon processes on one PostgreSQL database and one shared output folder: each firing runs
 * once in the cluster, and a node killed mid-run has its run recovered by another.
 */
@Tag("slow")
// waits on processes of its own: runs beside the other tests (junit-platform.properties)
@Execution(ExecutionMode.CONCURRENT)
class ClusterProcessTest {

  private static final Duration WAIT = Duration.ofSeconds(90);
  private static final int FIRINGS = 10;

  @TempDir Path root;

  final List<Process> processes = new ArrayList<>();
  SampleWorkspace sample;
  String url;
  Database probe;

  @AfterEach
  void killProcesses() {
    processes.forEach(Process::destroyForcibly);
    if (probe != null) {
      probe.close();
    }
  }

  @Test
  void eachFiringRunsOnceAcrossThreeNodesAndAKilledNodesRunIsRecoveredByAnother() throws Exception {
    sample = SampleWorkspace.copyTo(root);
    url = TestPostgres.newDatabase();
    WeekId due = ScheduleFixture.dataForTheWeekDueNow(sample, 1);
    new BulletinService(sample.workspace()).publish(ProgressListener.NONE);
    ScheduleFixture.schedule(sample, "0/2 * * * * ?", "fire_once");
    ScheduleFixture.stateDatabase(sample, url, true);
    probe =
        Database.open(
            new StateSettings(Optional.of(url), true), new OutputLayout(root.resolve("probe")));

    for (int i = 0; i < 3; i++) {
      processes.add(daemonProcess("node" + i));
    }
    Eventually.await(WAIT, "three live nodes", () -> liveNodes().size() == 3);
    Instant joined = Instant.now();
    Eventually.await(
        WAIT, FIRINGS + " firings after all three joined", () -> firings(joined).size() >= FIRINGS);

    Map<Instant, List<RunHistory.Run>> firings = settledFirings(joined);
    System.out.println(
        "cluster: "
            + firings.size()
            + " firings, by node "
            + firings.values().stream()
                .flatMap(List::stream)
                .collect(Collectors.groupingBy(RunHistory.Run::node, Collectors.counting())));
    assertThat(firings.values())
        .as("runs of each firing, grouped by scheduled time")
        .allSatisfy(runs -> assertThat(runs).hasSize(1));
    assertThat(firings.values().stream().flatMap(List::stream))
        .allSatisfy(
            r -> assertThat(r.outcome()).as(r.detail().orElse("")).isNotEqualTo(Outcome.FAILED));
    assertThat(liveNodes())
        .as(() -> "all three nodes stayed in the race; the nodes:\n" + nodeLogs())
        .hasSize(3);

    // a long run to kill: the due week changes, so the next firing renders it again, larger
    ScheduleFixture.dataForTheWeekDueNow(sample, 600);
    Eventually.await(WAIT, "a long publishing run", () -> runningPublish().isPresent());
    RunHistory.Run victim = runningPublish().orElseThrow();
    long pid =
        nodes().stream().filter(n -> n.id().equals(victim.node())).findFirst().orElseThrow().pid();
    Process process = processes.stream().filter(p -> p.pid() == pid).findFirst().orElseThrow();
    Instant killed = Instant.now();
    process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);

    Eventually.await(
        WAIT,
        "the killed node's run recovered by another",
        () -> recovery(killed).filter(r -> r.outcome() == Outcome.SUCCEEDED).isPresent());
    RunHistory.Run recovered = recovery(killed).orElseThrow();
    Duration failover = Duration.between(killed, recovered.started());
    System.out.printf(
        Locale.ROOT,
        "failover_s: %.1f s (node %s killed, run %d recovered by node %s)%n",
        failover.toMillis() / 1000.0,
        victim.node(),
        recovered.id(),
        recovered.node());

    assertThat(recovered.node()).isNotEqualTo(victim.node());
    assertThat(recovered.scheduled()).isEqualTo(victim.scheduled());
    Eventually.await(
        WAIT,
        "the killed node's run marked abandoned",
        () -> run(victim.id()).outcome() == Outcome.ABANDONED);
    assertThat(sample.out().resolve("site/" + OutputLayout.archivePath(due) + "/bulletin.pdf"))
        .exists();

    // the survivors go on: each later firing runs once too
    Instant recoveredAt = Instant.now();
    Eventually.await(
        WAIT, "three firings after the recovery", () -> firings(recoveredAt).size() >= 3);
    Map<Instant, List<RunHistory.Run>> all = settledFirings(joined);
    assertThat(all.values()).allSatisfy(runs -> assertThat(runs).hasSize(1));
    assertThat(all.values().stream().flatMap(List::stream).map(RunHistory.Run::node).distinct())
        .as("firings ran on more than one node over the test")
        .hasSizeGreaterThanOrEqualTo(2);
  }

  private Process daemonProcess(String name) throws Exception {
    List<String> command = CliProcess.javaCommand("-Xmx384m", "-XX:TieredStopAtLevel=1");
    command.add("run");
    command.addAll(List.of(sample.options()));
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(root.resolve(name + ".log").toFile());
    builder.environment().put("CERT_BULLETIN_LOG", "info");
    return builder.start();
  }

  /** The scheduled runs of firings due after {@code since}, by scheduled time. */
  private NavigableMap<Instant, List<RunHistory.Run>> firings(Instant since) {
    return history().stream()
        .filter(r -> r.job().equals("publish"))
        .filter(r -> r.trigger().equals("schedule") || r.trigger().equals("catch-up"))
        .filter(r -> r.scheduled().isAfter(since))
        .collect(
            Collectors.groupingBy(RunHistory.Run::scheduled, TreeMap::new, Collectors.toList()));
  }

  /**
   * The firings due after {@code since} so far, once every run of them has ended and a later firing
   * has started: a duplicate of any of them would be recorded by then.
   */
  private SortedMap<Instant, List<RunHistory.Run>> settledFirings(Instant since) {
    Instant last = firings(since).lastKey();
    Eventually.await(
        WAIT,
        "the runs of the firings up to " + last + " to end and a later firing to start",
        () ->
            history().stream()
                    .filter(r -> r.job().equals("publish") && r.outcome() == Outcome.RUNNING)
                    .noneMatch(r -> !r.scheduled().isAfter(last))
                && !firings(last).isEmpty());
    return firings(since).headMap(last, true);
  }

  private Optional<RunHistory.Run> runningPublish() {
    return history().stream()
        .filter(r -> r.job().equals("publish") && r.outcome() == Outcome.RUNNING)
        .filter(r -> Duration.between(r.started(), Instant.now()).toMillis() > 1500)
        .findFirst();
  }

  private Optional<RunHistory.Run> recovery(Instant since) {
    return history().stream()
        .filter(r -> r.trigger().equals("recovery") && r.started().isAfter(since))
        .findFirst();
  }

  private RunHistory.Run run(long id) {
    return history().stream().filter(r -> r.id() == id).findFirst().orElseThrow();
  }

  private List<RunHistory.Run> history() {
    return new RunHistory(probe.dataSource()).all();
  }

  private List<NodeRegistry.Node> nodes() {
    return new NodeRegistry(probe.dataSource()).all();
  }

  /** Each node process: alive or its exit code, and the end of its log (to tell why one left). */
  private String nodeLogs() {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < processes.size(); i++) {
      Process process = processes.get(i);
      text.append("node")
          .append(i)
          .append(process.isAlive() ? " alive" : " exited " + process.exitValue())
          .append(":\n");
      try {
        List<String> lines = Files.readAllLines(root.resolve("node" + i + ".log"));
        lines
            .subList(Math.max(0, lines.size() - 15), lines.size())
            .forEach(line -> text.append("  ").append(line).append('\n'));
      } catch (IOException e) {
        text.append("  (no log: ").append(e.getMessage()).append(")\n");
      }
    }
    return text.toString();
  }

  private List<NodeRegistry.Node> liveNodes() {
    Instant now = Instant.now();
    return nodes().stream()
        .filter(n -> n.stopped().isEmpty())
        .filter(n -> !n.checkedIn().plus(DaemonNode.DEAD_AFTER).isBefore(now))
        .toList();
  }
}
