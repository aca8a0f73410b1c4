package org.certbulletin.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.certbulletin.files.OutputLayout;
import org.certbulletin.model.StateSettings;
import org.certbulletin.store.DeliveryLedger.Status;
import org.certbulletin.store.RunHistory.Outcome;
import org.certbulletin.testing.Patience;
import org.certbulletin.testing.TestPostgres;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The state database on a real PostgreSQL 15: migrations, run history and delivery ledger, and a
 * run losing its connection to the server.
 */
@Tag("slow")
class PostgresStateTest {

  private static final Instant T0 = Instant.parse("2024-12-25T02:00:00Z");

  @TempDir Path out;

  private Database open(String url) {
    return Database.open(new StateSettings(Optional.of(url), true), new OutputLayout(out));
  }

  @Test
  void migratesAnEmptyDatabaseWithQuartzTablesAndOursAndAgainWithoutChange() throws Exception {
    String url = TestPostgres.newDatabase();
    try (Database database = open(url)) {
      assertThat(database.isPostgres()).isTrue();
      assertThat(tables(database))
          .contains(
              "qrtz_triggers",
              "qrtz_locks",
              "qrtz_scheduler_state",
              "cb_run_history",
              "cb_delivery",
              "cb_node",
              "cb_cluster");
    }
    try (Database again = open(url)) {
      assertThat(migrations(again)).as("every migration ran once").doesNotHaveDuplicates();
      assertThat(migrations(again)).hasSizeGreaterThanOrEqualTo(4);
    }
  }

  @Test
  void recordsRunsWithTheirNode() {
    try (Database database = open(TestPostgres.newDatabase())) {
      RunHistory history = new RunHistory(database.dataSource());
      long id = history.start("publish", "schedule", "2024-W51", T0, T0, 1, "node-a");
      history.finish(id, Outcome.SUCCEEDED, T0.plusSeconds(3), "published 2024-W51");

      RunHistory.Run run = history.all().get(0);
      assertThat(run.id()).isEqualTo(id);
      assertThat(run.node()).isEqualTo("node-a");
      assertThat(run.outcome()).isEqualTo(Outcome.SUCCEEDED);
      assertThat(run.scheduled()).isEqualTo(T0);
      assertThat(run.duration()).hasValueSatisfying(d -> assertThat(d.toSeconds()).isEqualTo(3));
    }
  }

  @Test
  void queuesClaimsOnceAndRecordsTheServersReply() {
    try (Database database = open(TestPostgres.newDatabase())) {
      DeliveryLedger ledger = new DeliveryLedger(database.dataSource());
      int queued =
          ledger.enqueue("2024-W51", "public", "CLEAR", List.of("a@x.example", "b@x.example"), T0);
      int again = ledger.enqueue("2024-W51", "public", "CLEAR", List.of("a@x.example"), T0);
      assertThat(queued).isEqualTo(2);
      assertThat(again).as("already in the ledger").isZero();

      DeliveryLedger.Entry first = ledger.entries("2024-W51", "public").get(0);
      try (DeliveryRun one = ledger.start("2024-W51", "public", T0);
          DeliveryRun other = ledger.start("2024-W51", "public", T0)) {
        assertThat(one.claim(first.id(), "<1@x>", T0)).as("first claim").isTrue();
        assertThat(other.claim(first.id(), "<1@x>", T0)).as("second claim").isFalse();
        assertThat(ledger.liveRuns("2024-W51", "public"))
            .containsExactlyInAnyOrder(one.id(), other.id());
        one.sent(first.id(), "250 OK", T0);
      }

      assertThat(ledger.entries("2024-W51", "public"))
          .extracting(DeliveryLedger.Entry::status)
          .containsExactly(Status.SENT, Status.QUEUED);
      assertThat(ledger.counts("2024-W51").get("public").sent()).isEqualTo(1);
      assertThat(ledger.latestWeek()).hasValue("2024-W51");
    }
  }

  @Test
  void aRunThatLosesItsConnectionReconnectsAndRecordsWhatTheServerAccepted() throws Exception {
    String url = TestPostgres.newDatabase();
    try (Database database = open(url);
        HikariDataSource pool = quickPool(url)) {
      String name = catalog(database);
      DeliveryLedger ledger = new DeliveryLedger(pool, Duration.ofSeconds(30));
      ledger.enqueue("2024-W51", "public", "CLEAR", List.of("a@x.example", "b@x.example"), T0);
      List<DeliveryLedger.Entry> entries = ledger.entries("2024-W51", "public");
      try (DeliveryRun run = ledger.start("2024-W51", "public", T0)) {
        assertThat(run.claim(entries.get(0).id(), "<a@x>", T0)).isTrue();

        TestPostgres.admin(endSessions(name));

        assertThat(
                run.sentThenClaim(entries.get(0).id(), "250 OK", entries.get(1).id(), "<b@x>", T0))
            .as("claimed after reconnecting")
            .isTrue();
        assertThat(ledger.liveRuns("2024-W51", "public"))
            .as("the run holds its lock again")
            .contains(run.id());
        assertThat(run.claim(entries.get(1).id(), "<b@x>", T0))
            .as("a claim repeated after a lost commit is still the run's own")
            .isTrue();
        run.sent(entries.get(1).id(), "250 OK", T0);
      }
      assertThat(ledger.entries("2024-W51", "public"))
          .extracting(DeliveryLedger.Entry::status)
          .containsExactly(Status.SENT, Status.SENT);
    }
  }

  @Test
  void aRunWhoseLockSessionIsEndedTakesItsLockAgainBeforeItClaims() throws Exception {
    String url = TestPostgres.newDatabase();
    try (Database database = open(url);
        HikariDataSource pool = quickPool(url)) {
      String name = catalog(database);
      DeliveryLedger ledger = new DeliveryLedger(pool, Duration.ofSeconds(30));
      ledger.enqueue("2024-W51", "public", "CLEAR", List.of("a@x.example", "b@x.example"), T0);
      List<DeliveryLedger.Entry> entries = ledger.entries("2024-W51", "public");
      try (DeliveryRun run = ledger.start("2024-W51", "public", T0)) {
        assertThat(run.claim(entries.get(0).id(), "<a@x>", T0)).isTrue();
        // only the session holding the lock: an open transaction left idle while the run sends
        TestPostgres.admin(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '"
                + name
                + "' AND state = 'idle in transaction'");
        assertThat(ledger.liveRuns("2024-W51", "public"))
            .as("control: the run has lost its lock")
            .doesNotContain(run.id());

        assertThat(
                run.sentThenClaim(entries.get(0).id(), "250 OK", entries.get(1).id(), "<b@x>", T0))
            .isTrue();

        assertThat(ledger.liveRuns("2024-W51", "public"))
            .as("the run took its lock again before claiming")
            .contains(run.id());
        assertThat(ledger.counts("2024-W51").get("public"))
            .as("its claim is in flight, not uncertain")
            .isEqualTo(new DeliveryLedger.Counts(1, 0, 0, 0, 1));
      }
    }
  }

  @Test
  void aRunGivesUpAfterItsPatienceAndTheDeliveryItCouldNotRecordStaysUncertain() throws Exception {
    String url = TestPostgres.newDatabase();
    try (Database database = open(url);
        HikariDataSource pool = quickPool(url)) {
      String name = catalog(database);
      DeliveryLedger ledger = new DeliveryLedger(pool, Duration.ofSeconds(2));
      ledger.enqueue("2024-W51", "public", "CLEAR", List.of("a@x.example"), T0);
      long id = ledger.entries("2024-W51", "public").get(0).id();
      DeliveryRun run = ledger.start("2024-W51", "public", T0);
      assertThat(run.claim(id, "<a@x>", T0)).isTrue();

      TestPostgres.admin("ALTER DATABASE " + name + " ALLOW_CONNECTIONS false");
      TestPostgres.admin(endSessions(name));
      try {
        assertThatThrownBy(() -> run.sent(id, "250 OK", T0))
            .isInstanceOf(StateUnavailableException.class)
            .hasMessageContaining("did not come back within 2 s")
            .hasMessageContaining("reported uncertain");
        run.close();
      } finally {
        TestPostgres.admin("ALTER DATABASE " + name + " ALLOW_CONNECTIONS true");
      }

      DeliveryLedger after = new DeliveryLedger(database.dataSource());
      DeliveryLedger.Entry entry = after.entries("2024-W51", "public").get(0);
      assertThat(entry.status()).as("uncertain").isEqualTo(Status.SENDING);
      assertThat(after.liveRuns("2024-W51", "public")).doesNotContain(run.id());
      assertThat(after.requeueUncertain("2024-W51", "public", T0))
          .as("resent only on request")
          .isOne();
    }
  }

  /** A pool that gives up on a new connection at once, so a test need not wait 30 s for it. */
  private static HikariDataSource quickPool(String url) {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(url);
    config.setMaximumPoolSize(4);
    // short, so a run notices a lost server soon; stretched, so a busy machine can still connect
    config.setConnectionTimeout(Patience.stretched(Duration.ofSeconds(1)).toMillis());
    config.setInitializationFailTimeout(-1);
    return new HikariDataSource(config);
  }

  private static String endSessions(String database) {
    return "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '"
        + database
        + "' AND pid <> pg_backend_pid()";
  }

  private static String catalog(Database database) throws SQLException {
    try (Connection c = database.dataSource().getConnection()) {
      return c.getCatalog();
    }
  }

  private static List<String> tables(Database database) throws SQLException {
    return strings(
        database,
        "SELECT lower(table_name) FROM information_schema.tables WHERE table_schema = 'public'");
  }

  private static List<String> migrations(Database database) throws SQLException {
    return strings(database, "SELECT version FROM cb_schema_history WHERE success");
  }

  private static List<String> strings(Database database, String sql) throws SQLException {
    List<String> values = new ArrayList<>();
    try (Connection c = database.dataSource().getConnection();
        Statement s = c.createStatement();
        ResultSet r = s.executeQuery(sql)) {
      while (r.next()) {
        values.add(r.getString(1));
      }
    }
    return values;
  }
}
