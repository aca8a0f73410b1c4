package org.certbulletin.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * One run sending a list's edition: it claims deliveries and records their outcomes, each change
 * committed before the method returns, over one connection with its statements prepared once. While
 * the run is open it holds a lock on its row in {@code cb_delivery_run}, which the database
 * releases when the process dies, so other processes can tell its claims (in flight) from those of
 * a dead run (uncertain). Claims are conditional updates of QUEUED rows, so two runs on the same
 * list never claim the same delivery and both make progress. Not thread-safe: one per sending
 * thread.
 */
public final class DeliveryRun implements AutoCloseable {

  private static final String CLAIM =
      "UPDATE cb_delivery SET status = 'SENDING', attempts = attempts + 1, message_id = ?,"
          + " claimed_by = ?, updated_at = ? WHERE id = ? AND status = 'QUEUED'";
  private static final String SENT =
      "UPDATE cb_delivery SET status = 'SENT', server_reply = ?, last_error = NULL, sent_at = ?,"
          + " updated_at = ? WHERE id = ? AND claimed_by = ?";
  private static final String FAILED =
      "UPDATE cb_delivery SET status = 'FAILED', last_error = ?, updated_at = ? WHERE id = ? AND"
          + " (status = 'QUEUED' OR claimed_by = ?)";
  private static final String REQUEUE =
      "UPDATE cb_delivery SET status = 'QUEUED', last_error = ?, updated_at = ? WHERE id = ? AND"
          + " claimed_by = ?";
  private static final String UNCERTAIN =
      "UPDATE cb_delivery SET last_error = ?, updated_at = ? WHERE id = ? AND status = 'SENDING'"
          + " AND claimed_by = ?";

  private static final int ERROR_LIMIT = 2000;
  private static final int REPLY_LIMIT = 1000;

  private final String id;
  private final Connection alive;
  private final Connection connection;
  private final PreparedStatement claim;
  private final PreparedStatement sent;
  private final PreparedStatement failed;
  private final PreparedStatement requeue;
  private final PreparedStatement uncertain;
  private final boolean syncEachCommit;

  private DeliveryRun(String id, Connection alive, Connection connection, boolean syncEachCommit)
      throws SQLException {
    this.id = id;
    this.alive = alive;
    this.connection = connection;
    this.syncEachCommit = syncEachCommit;
    this.claim = connection.prepareStatement(CLAIM);
    this.sent = connection.prepareStatement(SENT);
    this.failed = connection.prepareStatement(FAILED);
    this.requeue = connection.prepareStatement(REQUEUE);
    this.uncertain = connection.prepareStatement(UNCERTAIN);
  }

  /**
   * Registers a run and takes its lock; the lock lasts until {@link #close} or the process dies.
   */
  static DeliveryRun start(
      DataSource dataSource, String week, String list, Instant now, boolean syncEachCommit) {
    String id = UUID.randomUUID().toString();
    Connection alive = null;
    Connection connection = null;
    try {
      alive = dataSource.getConnection();
      alive.setAutoCommit(false);
      try (PreparedStatement s =
          alive.prepareStatement(
              "INSERT INTO cb_delivery_run (run_id, week, list_name, started_at) VALUES (?, ?, ?,"
                  + " ?)")) {
        s.setString(1, id);
        s.setString(2, week);
        s.setString(3, list);
        s.setLong(4, now.toEpochMilli());
        s.executeUpdate();
      }
      alive.commit();
      try (PreparedStatement s =
              alive.prepareStatement(
                  "SELECT run_id FROM cb_delivery_run WHERE run_id = ? FOR UPDATE");
          ResultSet r = lock(s, id)) {
        if (!r.next()) {
          throw new SQLException("the run's own row is missing");
        }
      }
      connection = dataSource.getConnection();
      connection.setAutoCommit(false);
      return new DeliveryRun(id, alive, connection, syncEachCommit);
    } catch (SQLException e) {
      closeQuietly(connection);
      closeQuietly(alive);
      throw new StateUnavailableException(
          "cannot start sending " + list + " for " + week + ": " + e.getMessage(), e);
    }
  }

  private static ResultSet lock(PreparedStatement s, String id) throws SQLException {
    s.setString(1, id);
    return s.executeQuery();
  }

  /** The run's id, recorded in the rows it claims. */
  public String id() {
    return id;
  }

  /**
   * Claims a queued delivery: SENDING, committed before this returns, so before the message goes
   * out.
   *
   * @return false if it is not queued any more (another run claimed it)
   */
  public boolean claim(long delivery, String messageId, Instant now) {
    try {
      boolean claimed = bindClaim(delivery, messageId, now).executeUpdate() == 1;
      commit();
      return claimed;
    } catch (SQLException e) {
      throw failure(e);
    }
  }

  /**
   * Records that the server accepted {@code delivery} and claims {@code next} in the same
   * transaction: one commit per message, and no moment when neither is recorded.
   *
   * @return whether {@code next} was claimed (false if another run claimed it)
   */
  public boolean sentThenClaim(
      long delivery, String reply, long next, String nextMessageId, Instant now) {
    try {
      bindSent(delivery, reply, now).executeUpdate();
      boolean claimed = bindClaim(next, nextMessageId, now).executeUpdate() == 1;
      commit();
      return claimed;
    } catch (SQLException e) {
      throw failure(e);
    }
  }

  /** Records that the server accepted the message. */
  public void sent(long delivery, String reply, Instant now) {
    try {
      bindSent(delivery, reply, now).executeUpdate();
      commit();
    } catch (SQLException e) {
      throw failure(e);
    }
  }

  /** Records that the message was refused for good (a 5xx reply, a bad mailbox). */
  public void failed(long delivery, String error, Instant now) {
    execute(failed, cut(error, ERROR_LIMIT), now.toEpochMilli(), delivery, id);
  }

  /** Puts a claimed delivery back in the queue: the server refused it for now. */
  public void requeue(long delivery, String error, Instant now) {
    execute(requeue, cut(error, ERROR_LIMIT), now.toEpochMilli(), delivery, id);
  }

  /**
   * Records why a delivery's outcome is unknown (the connection broke during its transaction); it
   * stays SENDING, so it is not sent again without an operator's decision.
   */
  public void uncertain(long delivery, String error, Instant now) {
    execute(
        uncertain, cut("outcome unknown: " + error, ERROR_LIMIT), now.toEpochMilli(), delivery, id);
  }

  private PreparedStatement bindClaim(long delivery, String messageId, Instant now)
      throws SQLException {
    claim.setString(1, messageId);
    claim.setString(2, id);
    claim.setLong(3, now.toEpochMilli());
    claim.setLong(4, delivery);
    return claim;
  }

  private PreparedStatement bindSent(long delivery, String reply, Instant now) throws SQLException {
    sent.setString(1, cut(reply, REPLY_LIMIT));
    sent.setLong(2, now.toEpochMilli());
    sent.setLong(3, now.toEpochMilli());
    sent.setLong(4, delivery);
    sent.setString(5, id);
    return sent;
  }

  private void execute(PreparedStatement statement, Object... args) {
    try {
      for (int i = 0; i < args.length; i++) {
        statement.setObject(i + 1, args[i]);
      }
      statement.executeUpdate();
      commit();
    } catch (SQLException e) {
      throw failure(e);
    }
  }

  private void commit() throws SQLException {
    connection.commit();
    if (syncEachCommit) {
      try (var s = connection.createStatement()) {
        s.execute("CHECKPOINT SYNC");
      }
    }
  }

  private StateUnavailableException failure(SQLException e) {
    try {
      connection.rollback();
    } catch (SQLException ignored) {
      // the connection is gone; the transaction is rolled back with it
    }
    return new StateUnavailableException("cannot update the delivery ledger: " + e.getMessage(), e);
  }

  /** Ends the run: its claims still SENDING become uncertain for other processes. */
  @Override
  public void close() {
    try (connection) {
      connection.rollback();
    } catch (SQLException e) {
      // nothing is pending: every change was committed when it was made
    }
    try (alive) {
      try (PreparedStatement s =
          alive.prepareStatement("DELETE FROM cb_delivery_run WHERE run_id = ?")) {
        s.setString(1, id);
        s.executeUpdate();
      }
      alive.commit();
    } catch (SQLException e) {
      // the lock goes with the connection; a row left behind reads as a dead run
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

  private static String cut(String text, int limit) {
    return text == null || text.length() <= limit ? text : text.substring(0, limit);
  }
}
