package org.certbulletin.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.UUID;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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

  private static final Logger log = LoggerFactory.getLogger(DeliveryRun.class);

  private static final int ERROR_LIMIT = 2000;
  private static final int REPLY_LIMIT = 1000;

  private final String id;
  private final boolean syncEachCommit;
  private final RunReconnection reconnection;
  // replaced together when the connection to the database breaks (see RunReconnection)
  private Connection alive;
  private Connection connection;
  private PreparedStatement claim;
  private PreparedStatement sent;
  private PreparedStatement failed;
  private PreparedStatement requeue;
  private PreparedStatement uncertain;

  private DeliveryRun(
      String id,
      Connection alive,
      Connection connection,
      boolean syncEachCommit,
      RunReconnection reconnection)
      throws SQLException {
    this.id = id;
    this.syncEachCommit = syncEachCommit;
    this.reconnection = reconnection;
    use(alive, connection);
  }

  private void use(Connection alive, Connection connection) throws SQLException {
    this.alive = alive;
    this.connection = connection;
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
      return new DeliveryRun(
          id,
          alive,
          connection,
          syncEachCommit,
          new RunReconnection(dataSource, id, week, list, now.toEpochMilli()));
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
    return reconnecting(
        again -> {
          boolean claimed = bindClaim(delivery, messageId, now).executeUpdate() == 1;
          commit();
          return claimed || (again && claimedHere(delivery));
        });
  }

  /**
   * Records that the server accepted {@code delivery} and claims {@code next} in the same
   * transaction: one commit per message, and no moment when neither is recorded.
   *
   * @return whether {@code next} was claimed (false if another run claimed it)
   */
  public boolean sentThenClaim(
      long delivery, String reply, long next, String nextMessageId, Instant now) {
    return reconnecting(
        again -> {
          bindSent(delivery, reply, now).executeUpdate();
          boolean claimed = bindClaim(next, nextMessageId, now).executeUpdate() == 1;
          commit();
          return claimed || (again && claimedHere(next));
        });
  }

  /** Records that the server accepted the message. */
  public void sent(long delivery, String reply, Instant now) {
    reconnecting(
        again -> {
          bindSent(delivery, reply, now).executeUpdate();
          commit();
          return true;
        });
  }

  /** Records that the message was refused for good (a 5xx reply, a bad mailbox). */
  public void failed(long delivery, String error, Instant now) {
    execute(Statement.FAILED, cut(error, ERROR_LIMIT), now.toEpochMilli(), delivery, id);
  }

  /** Puts a claimed delivery back in the queue: the server refused it for now. */
  public void requeue(long delivery, String error, Instant now) {
    execute(Statement.REQUEUE, cut(error, ERROR_LIMIT), now.toEpochMilli(), delivery, id);
  }

  /**
   * Records why a delivery's outcome is unknown (the connection broke during its transaction); it
   * stays SENDING, so it is not sent again without an operator's decision.
   */
  public void uncertain(long delivery, String error, Instant now) {
    execute(
        Statement.UNCERTAIN,
        cut("outcome unknown: " + error, ERROR_LIMIT),
        now.toEpochMilli(),
        delivery,
        id);
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

  private void execute(Statement which, Object... args) {
    reconnecting(
        again -> {
          PreparedStatement statement =
              switch (which) {
                case FAILED -> failed;
                case REQUEUE -> requeue;
                case UNCERTAIN -> uncertain;
              };
          for (int i = 0; i < args.length; i++) {
            statement.setObject(i + 1, args[i]);
          }
          statement.executeUpdate();
          commit();
          return true;
        });
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

  // Every step is safe to repeat after a reconnection (RunReconnection): recording an outcome only
  // touches the run's own claims, and a claim that went through before the break is recognised
  // as the run's own.

  private enum Statement {
    FAILED,
    REQUEUE,
    UNCERTAIN
  }

  /** A step of the run; {@code again} is true when it is repeated after a reconnection. */
  @FunctionalInterface
  private interface Step {
    boolean run(boolean again) throws SQLException;
  }

  private boolean reconnecting(Step step) {
    try {
      return step.run(false);
    } catch (SQLException e) {
      if (!RunReconnection.isBroken(e)) {
        throw failure(e);
      }
      try {
        reconnect(e);
        return step.run(true);
      } catch (SQLException again) {
        throw failure(again);
      }
    }
  }

  private void reconnect(SQLException cause) throws SQLException {
    log.warn(
        "the connection to the state database broke ({}); the process serving it may have ended."
            + " Reconnecting run {}",
        cause.getMessage(),
        id);
    closeQuietly(connection);
    closeQuietly(alive);
    RunReconnection.Connections connections = reconnection.reopen();
    use(connections.alive(), connections.work());
    log.warn("run {} reconnected to the state database and goes on", id);
  }

  /** Whether {@code delivery} is SENDING under this run's claim (a claim made before a break). */
  private boolean claimedHere(long delivery) throws SQLException {
    try (PreparedStatement s =
        connection.prepareStatement(
            "SELECT 1 FROM cb_delivery WHERE id = ? AND status = 'SENDING' AND claimed_by = ?")) {
      s.setLong(1, delivery);
      s.setString(2, id);
      try (ResultSet r = s.executeQuery()) {
        return r.next();
      }
    }
  }

  /** Ends the run: its claims still SENDING become uncertain for other processes. */
  @Override
  public void close() {
    try (Connection work = connection) {
      work.rollback();
    } catch (SQLException e) {
      // nothing is pending: every change was committed when it was made
    }
    try (Connection lock = alive) {
      try (PreparedStatement s =
          lock.prepareStatement("DELETE FROM cb_delivery_run WHERE run_id = ?")) {
        s.setString(1, id);
        s.executeUpdate();
      }
      lock.commit();
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
