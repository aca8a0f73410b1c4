package org.certbulletin.store;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens a delivery run's connections again after they broke. On the embedded database the process
 * that opened it first serves it to the others (H2's AUTO_SERVER); when that process dies, every
 * other process's connections break. New connections work again once H2 has let one of the
 * survivors become the new server; the run's row is then registered again if a third process has
 * forgotten it meanwhile, and locked again under the same id.
 */
final class RunReconnection {

  /** The run's two connections: the one holding its lock, and the one it works on. */
  record Connections(Connection alive, Connection work) {}

  /** How long to keep trying: H2 needs a moment to hand the database over. */
  private static final int ATTEMPTS = 50;

  private static final long PAUSE_MILLIS = 200;

  private static final Logger log = LoggerFactory.getLogger(RunReconnection.class);

  private final DataSource dataSource;
  private final String id;
  private final String week;
  private final String list;
  private final long startedAt;

  RunReconnection(DataSource dataSource, String id, String week, String list, long startedAt) {
    this.dataSource = dataSource;
    this.id = id;
    this.week = week;
    this.list = list;
    this.startedAt = startedAt;
  }

  /**
   * True for a connection that broke (H2's "connection is broken" and "database closed", any SQL
   * state of class 08), as opposed to a statement the database refused.
   */
  static boolean isBroken(SQLException e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SQLException sql
          && (sql.getErrorCode() == 90067
              || sql.getErrorCode() == 90098
              || sql.getErrorCode() == 90121
              || String.valueOf(sql.getSQLState()).startsWith("08"))) {
        return true;
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return false;
  }

  /** New connections for the run, its row registered and locked again. */
  Connections reopen() throws SQLException {
    for (int attempt = 1; ; attempt++) {
      // the pool's other connections went with the server too; it may hand one out unchecked
      if (dataSource instanceof HikariDataSource pool && pool.getHikariPoolMXBean() != null) {
        pool.getHikariPoolMXBean().softEvictConnections();
      }
      try {
        return openOnce();
      } catch (SQLException e) {
        if (!isBroken(e) || attempt == ATTEMPTS) {
          throw e;
        }
        log.debug("reconnecting run {}, attempt {}: {}", id, attempt, e.getMessage());
        try {
          Thread.sleep(PAUSE_MILLIS);
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          throw new SQLException("interrupted while reconnecting", e);
        }
      }
    }
  }

  private Connections openOnce() throws SQLException {
    Connection alive = dataSource.getConnection();
    Connection work = null;
    try {
      alive.setAutoCommit(false);
      try (PreparedStatement s =
          alive.prepareStatement(
              "INSERT INTO cb_delivery_run (run_id, week, list_name, started_at) SELECT ?, ?, ?,"
                  + " ? WHERE NOT EXISTS (SELECT 1 FROM cb_delivery_run WHERE run_id = ?)")) {
        s.setString(1, id);
        s.setString(2, week);
        s.setString(3, list);
        s.setLong(4, startedAt);
        s.setString(5, id);
        s.executeUpdate();
      }
      alive.commit();
      try (PreparedStatement s =
          alive.prepareStatement(
              "SELECT run_id FROM cb_delivery_run WHERE run_id = ? FOR UPDATE")) {
        s.setString(1, id);
        try (ResultSet r = s.executeQuery()) {
          if (!r.next()) {
            throw new SQLException("the run's own row is missing");
          }
        }
      }
      work = dataSource.getConnection();
      work.setAutoCommit(false);
      return new Connections(alive, work);
    } catch (SQLException e) {
      closeQuietly(work);
      closeQuietly(alive);
      throw e;
    }
  }

  private static void closeQuietly(Connection connection) {
    if (connection != null) {
      try {
        connection.close();
      } catch (SQLException e) {
        // closing after a failure: the first error is the one reported
      }
    }
  }
}
