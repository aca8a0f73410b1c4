package org.certbulletin.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.certbulletin.files.LockHeldException;
import org.certbulletin.files.OutputLayout;
import org.certbulletin.model.StateSettings;
import org.certbulletin.publish.ProgressListener;
import org.certbulletin.publish.PublishReport;
import org.certbulletin.store.Database;
import org.certbulletin.store.DatabaseLock;
import org.certbulletin.testing.SampleWorkspace;
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

  private Database otherNode() {
    return Database.open(
        new StateSettings(Optional.of(url), true), new OutputLayout(root.resolve("other")));
  }
}
