package org.certbulletin.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.certbulletin.files.Digests;
import org.certbulletin.files.LockHeldException;
import org.certbulletin.files.OutputLayout;
import org.certbulletin.model.ProgressListener;
import org.certbulletin.model.StateSettings;
import org.certbulletin.model.WeekId;
import org.certbulletin.publish.PublishReport;
import org.certbulletin.schedule.Daemon;
import org.certbulletin.store.Database;
import org.certbulletin.store.DatabaseLock;
import org.certbulletin.testing.CliProcess;
import org.certbulletin.testing.SampleWorkspace;
import org.certbulletin.testing.SyntheticData;
import org.certbulletin.testing.TestPostgres;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Nodes of a cluster share one archive folder and publish one at a time, under a lock in the shared
 * PostgreSQL database that holds across hosts (where a lock file on a network file system may not).
 */
@Tag("slow")
class ClusterPublishTest {

  @TempDir Path root;

  SampleWorkspace sample;
  String url;

  @BeforeEach
  void clusteredWorkspace() throws Exception {
    sample = SampleWorkspace.copyTo(root.resolve("node"));
    url = TestPostgres.newDatabase();
    Path config = sample.data().resolve("config.json");
    Files.writeString(
        config,
        Files.readString(config)
            .replaceFirst(
                "\"lists\":",
                "\"state\": {\"jdbc_url\": \"" + url + "\", \"cluster\": true},\n  \"lists\":"));
  }

  @Test
  @SuppressWarnings("try") // the other node's lock is held for the block, never read
  void aPublishWhileAnotherNodeHoldsTheDatabaseLockIsRefusedAndLeavesTheArchiveAsItWas()
      throws Exception {
    new BulletinService(sample.workspace()).publish(ProgressListener.NONE);
    sample.editWeek("2024-W51", json -> json.replace("\"value\": 2950", "\"value\": 2951"));
    Map<String, String> before = SampleWorkspace.snapshot(sample.out().resolve("site"));

    try (Database other = otherNode();
        DatabaseLock held = DatabaseLock.acquire(other, "publish")) {
      assertThatThrownBy(
              () -> new BulletinService(sample.workspace()).publish(ProgressListener.NONE))
          .isInstanceOf(LockHeldException.class)
          .hasMessageContaining("another node is doing the publish");
      assertThat(SampleWorkspace.snapshot(sample.out().resolve("site"))).isEqualTo(before);
    }

    PublishReport report = new BulletinService(sample.workspace()).publish(ProgressListener.NONE);
    assertThat(report.built()).as("published once the other node let go").hasSize(1);
    assertThat(SampleWorkspace.snapshot(sample.out().resolve("site"))).isNotEqualTo(before);
  }

  @Test
  void theLockIsReleasedWithTheSessionOfANodeThatDies() throws Exception {
    Database other = otherNode();
    var unused = DatabaseLock.acquire(other, "publish"); // never released: its node dies
    assertThatThrownBy(() -> DatabaseLock.acquire(other, "publish"))
        .isInstanceOf(LockHeldException.class);

    other
        .close(); // the pool closes its connections, as a killed process's are closed by the server

    try (Database database = otherNode();
        DatabaseLock lock = DatabaseLock.acquire(database, "publish")) {
      assertThat(lock).isNotNull();
    }
  }

  @Test
  void twoNodesPublishingAtOnceLeaveOneCompleteArchiveAndTheLoserSaysBusy() throws Exception {
    Process one = publishProcess("one");
    Process two = publishProcess("two");
    assertThat(one.waitFor(3, TimeUnit.MINUTES)).isTrue();
    assertThat(two.waitFor(3, TimeUnit.MINUTES)).isTrue();

    List<Integer> exits = List.of(one.exitValue(), two.exitValue());
    assertThat(exits).as("0: published, 3: busy").allSatisfy(e -> assertThat(e).isIn(0, 3));
    assertThat(exits).contains(0);
    Path site = sample.out().resolve("site");
    List<String> sums = Files.readAllLines(site.resolve("SHA256SUMS"));
    assertThat(sums).as("every sample week, with index and feed").hasSize(8 * 3 + 2);
    for (String line : sums) {
      String[] parts = line.split("  ", 2);
      assertThat(Digests.sha256(Files.readAllBytes(site.resolve(parts[1]))))
          .as(parts[1])
          .isEqualTo(parts[0]);
    }
  }

  @Test
  @SuppressWarnings("try") // the other node's lock is held for the block, never read
  void aScheduledPublishWhileAnotherNodePublishesFailsAsBusyAndIsRetriedNotLost() throws Exception {
    Path config = sample.data().resolve("config.json");
    Files.writeString(
        config,
        Files.readString(config)
            .replace("\"cron\": \"0 0 10 ? * WED\"", "\"cron\": \"0 0 0 1 1 ? 2099\""));
    WeekId due = DueWeek.at(Instant.now(), ZoneId.of("Asia/Shanghai"));
    new SyntheticData(11).writeWeeks(sample.data(), due.previous(), 2, 1);
    try (Daemon daemon =
        Daemon.start(
            sample.workspace(),
            new Daemon.Options(Duration.ofSeconds(60), Map.of(), Clock.systemUTC()))) {
      RunResult busy;
      try (Database other = otherNode();
          DatabaseLock held = DatabaseLock.acquire(other, "publish")) {
        busy = daemon.runNow().get();
      }
      RunResult free = daemon.runNow().get();

      assertThat(busy.succeeded()).isFalse();
      assertThat(busy.detail()).startsWith("busy: another node is doing the publish");
      assertThat(free.succeeded()).as(free.detail()).isTrue();
    }
  }

  private Process publishProcess(String name) throws Exception {
    List<String> command = CliProcess.javaCommand("-Xmx384m");
    command.add("publish");
    command.addAll(List.of(sample.options()));
    return new ProcessBuilder(command)
        .redirectErrorStream(true)
        .redirectOutput(root.resolve(name + ".log").toFile())
        .start();
  }

  private Database otherNode() {
    return Database.open(
        new StateSettings(Optional.of(url), true), new OutputLayout(root.resolve("other")));
  }
}
