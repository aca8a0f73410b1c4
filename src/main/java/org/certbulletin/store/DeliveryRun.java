package org.certbulletin.store;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
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
 * list never claim the same delivery and both make progress.
 *
 * <p>If the connection to the database is lost (the server restarts, the network drops), each
 * method waits for it to come back, up to the run's patience, then takes the lock again and repeats
 * its change; every change can be repeated safely, whether or not the lost commit had reached the
 * database. Not thread-safe: one per sending thread.
 */
public final class DeliveryRun implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(DeliveryRun.class);

  /** A claim repeated after a lost commit finds the delivery already claimed by this run. */
  private static final String CLAIM =
      "UPDATE cb_delivery SET status = 'SENDING', attempts = attempts + 1, message_id = ?,"
          + " claimed_by = ?, updated_at = ? WHERE id = ? AND (status = 'QUEUED' OR (status ="
          + " 'SENDING' AND claimed_by = ? AND message_id = ?))";

  private static final String SENT =
      "UPDATE cb_delivery SET status = 'SENT', server_reply = ?, last_error = NULL, sent_at = ?,"
          + " updated_at = ? WHERE id = ? AND claimed_by = ?";
  private static final String FAILED =
      "UPDATE cb_delivery SET status = 'FAILED', last_error = ?, updated_at = ? WHERE id = ? AND"
          + " (status = 'QUEUED' OR claimed_by = ?)";
  private static final String REQUEUE =
      "UPDATE cb_delivery SET status = 'QUEUED', last_error = ?, updated_at = ? WHERE id = ? AND"
          + " claimed_by = ?";
  private static final String HOLD =
      "UPDATE cb_delivery SET last_error = ?, updated_at = ? WHERE id = ? AND status = 'QUEUED'";
  private static final String UNCERTAIN =
      "UPDATE cb_delivery SET last_error = ?, updated_at = ? WHERE id = ? AND status = 'SENDING'"
          + " AND claimed_by = ?";

  private static final int ERROR_LIMIT = 2000;
  private static final int REPLY_LIMIT = 1000;
  private static final Duration LONGEST_PAUSE = Duration.ofSeconds(2);
  private static final int LOCK_CHECK_SECONDS = 5;
  private static final int CONFLICT_RETRIES = 10;

  private final String id;
  private final String week;
  private final String list;
  private final DataSource dataSource;
  private final Duration patience;
  private final Instant started;
  private Connection alive;
  private Connection connection;
  private PreparedStatement claim;
  private PreparedStatement sent;
  private PreparedStatement failed;
  private PreparedStatement requeue;
  private PreparedStatement uncertain;
  private PreparedStatement hold;

  private DeliveryRun(
      String id,
      String week,
      String list,
      DataSource dataSource,
      Duration patience,
      Instant started) {
    this.id = id;
    this.week = week;
    this.list = list;
    this.dataSource = dataSource;
    this.patience = patience;
    this.started = started;
  }

  /**
   * Registers a run and takes its lock; the lock lasts until {@link #close} or the process dies.
   *
   * @param patience how long a method waits for a lost database connection to come back
   */
  static DeliveryRun start(
      DataSource dataSource, String week, String list, Instant now, Duration patience) {
    DeliveryRun run =
        new DeliveryRun(UUID.randomUUID().toString(), week, list, dataSource, patience, now);
    try {
      run.connect();
      return run;
    } catch (SQLException e) {
      run.disconnect();
      throw new StateUnavailableException(
          "cannot start sending " + list + " for " + week + ": " + e.getMessage(), e);
    }
  }

  /**
   * Opens both connections, registers the run if its row is missing (a new run, or one whose row
   * another process removed while this one was cut off) and locks it, and prepares the statements.
   */
  private void connect() throws SQLException {
    alive = dataSource.getConnection();
    if ("PostgreSQL".equals(alive.getMetaData().getDatabaseProductName())) {
      // the lock is an open transaction that stays idle while the run sends: a server-wide
      // idle_in_transaction_session_timeout must not end it
      try (var s = alive.createStatement()) {
        s.execute("SET idle_in_transaction_session_timeout = 0");
      }
    }
    alive.setAutoCommit(false);
    for (int attempt = 1; !lockOwnRow(); attempt++) {
      if (attempt == 3) {
        throw new SQLException("the run's own row keeps disappearing");
      }
      try (PreparedStatement s =
          alive.prepareStatement(
              "INSERT INTO cb_delivery_run (run_id, week, list_name, started_at) VALUES (?, ?, ?,"
                  + " ?)")) {
        s.setString(1, id);
        s.setString(2, week);
        s.setString(3, list);
        s.setLong(4, started.toEpochMilli());
        s.executeUpdate();
      }
      alive.commit();
    }
    connection = dataSource.getConnection();
    connection.setAutoCommit(false);
    claim = connection.prepareStatement(CLAIM);
    sent = connection.prepareStatement(SENT);
    failed = connection.prepareStatement(FAILED);
    requeue = connection.prepareStatement(REQUEUE);
    uncertain = connection.prepareStatement(UNCERTAIN);
    hold = connection.prepareStatement(HOLD);
  }

  private boolean lockOwnRow() throws SQLException {
    try (PreparedStatement s =
        alive.prepareStatement("SELECT run_id FROM cb_delivery_run WHERE run_id = ? FOR UPDATE")) {
      s.setString(1, id);
      try (ResultSet r = s.executeQuery()) {
        return r.next();
      }
    }
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
    return change(() -> bindClaim(delivery, messageId, now).executeUpdate() == 1);
  }

  /**
   * Records that the server accepted {@code delivery} and claims {@code next} in the same
   * transaction: one commit per message, and no moment when neither is recorded.
   *
   * @return whether {@code next} was claimed (false if another run claimed it)
   */
  public boolean sentThenClaim(
      long delivery, String reply, long next, String nextMessageId, Instant now) {
    return change(
        () -> {
          bindSent(delivery, reply, now).executeUpdate();
          return bindClaim(next, nextMessageId, now).executeUpdate() == 1;
        });
  }

  /** Records that the server accepted the message. */
  public void sent(long delivery, String reply, Instant now) {
    change(() -> bindSent(delivery, reply, now).executeUpdate());
  }

  /** Records that the message was refused for good (a 5xx reply, a bad mailbox). */
  public void failed(long delivery, String error, Instant now) {
    change(() -> execute(failed, cut(error, ERROR_LIMIT), now.toEpochMilli(), delivery, id));
  }

  /** Puts a claimed delivery back in the queue: the server refused it for now. */
  public void requeue(long delivery, String error, Instant now) {
    change(() -> execute(requeue, cut(error, ERROR_LIMIT), now.toEpochMilli(), delivery, id));
  }

  /**
   * Records why a queued delivery was not sent (a list requires encryption and the recipient has no
   * key): it stays QUEUED, so the next run tries it again.
   */
  public void hold(long delivery, String reason, Instant now) {
    change(() -> execute(hold, cut(reason, ERROR_LIMIT), now.toEpochMilli(), delivery));
  }

  /**
   * Records why a delivery's outcome is unknown (the connection broke during its transaction); it
   * stays SENDING, so it is not sent again without an operator's decision.
   */
  public void uncertain(long delivery, String error, Instant now) {
    String reason = cut("outcome unknown: " + error, ERROR_LIMIT);
    change(() -> execute(uncertain, reason, now.toEpochMilli(), delivery, id));
  }

  /** A change to the ledger, run in one transaction and repeated whole after a reconnection. */
  private interface Change<T> {
    T apply() throws SQLException;
  }

  /**
   * Makes a change in one transaction and commits it. First it checks that the connection holding
   * the run's lock is still there: a run that lost its lock (the session was ended, a proxy dropped
   * it) must not claim anything until it holds the lock again, or other processes would take its
   * claim for a dead run's and an operator might send it again. A lost connection is waited out
   * (see {@link #reconnect}); a transaction the database rolled back to resolve a conflict is made
   * again.
   */
  private <T> T change(Change<T> change) {
    long deadline = 0;
    int conflicts = 0;
    while (true) {
      try {
        if (!alive.isValid(LOCK_CHECK_SECONDS)) {
          throw new SQLException("the connection holding the run's lock is gone", "08003");
        }
        T result = change.apply();
        connection.commit();
        if (deadline != 0) {
          log.info("{} {}: the state database is back; sending goes on", week, list);
        }
        return result;
      } catch (SQLException e) {
        rollbackQuietly();
        if (conflict(e) && ++conflicts <= CONFLICT_RETRIES) {
          log.debug(
              "{} {}: the database rolled a change back ({}); again", week, list, e.toString());
          pause(Duration.ofMillis(20L * conflicts));
          continue;
        }
        if (!lost(e)) {
          throw new StateUnavailableException(
              "cannot update the delivery ledger: " + e.getMessage(), e);
        }
        if (deadline == 0) {
          deadline = System.nanoTime() + patience.toNanos();
          log.warn(
              "{} {}: lost the connection to the state database ({}); waiting up to {} s for it"
                  + " to come back",
              week,
              list,
              firstLine(e),
              patience.toSeconds());
        }
        reconnect(deadline, e);
      }
    }
  }

  private static void pause(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StateUnavailableException("interrupted while updating the delivery ledger", e);
    }
  }

  /**
   * Whether {@code e} means the connection is gone (rather than a refused statement): a
   * connection-class SQLSTATE, a server shutting down or starting, or a connection no longer valid.
   */
  private boolean lost(SQLException e) {
    for (Throwable t = e; t != null && t.getCause() != t; t = t.getCause()) {
      if (t instanceof SQLException sql && lostConnectionCode(sql)) {
        return true;
      }
    }
    try {
      return !connection.isValid(2);
    } catch (SQLException invalid) {
      return true;
    }
  }

  /**
   * A connection-class SQLSTATE (08), PostgreSQL shutting down or starting (57P), or H2's
   * "connection is broken", "database is closed" and "database called at shutdown" (the process
   * serving the embedded database through AUTO_SERVER ended).
   */
  private static boolean lostConnectionCode(SQLException e) {
    String state = String.valueOf(e.getSQLState());
    return state.startsWith("08")
        || state.startsWith("57P")
        || e.getErrorCode() == 90067
        || e.getErrorCode() == 90098
        || e.getErrorCode() == 90121;
  }

  /**
   * Whether the database rolled the transaction back to resolve a conflict (a deadlock, a
   * serialization failure, H2's lock timeout): the change can simply be made again.
   */
  private static boolean conflict(SQLException e) {
    for (Throwable t = e; t != null && t.getCause() != t; t = t.getCause()) {
      if (t instanceof SQLException sql) {
        String state = String.valueOf(sql.getSQLState());
        if (state.equals("40001")
            || state.equals("40P01")
            || state.equals("HYT00")
            || sql.getErrorCode() == 50200) {
          return true;
        }
      }
    }
    return false;
  }

  /**
   * Opens new connections and retakes the lock, pausing between attempts, until the deadline. The
   * pool's other connections went with the server too, and it may hand one out unchecked: they are
   * evicted first.
   */
  private void reconnect(long deadline, SQLException first) {
    Duration pause = Duration.ofMillis(250);
    while (true) {
      disconnect();
      if (System.nanoTime() - deadline > 0) {
        throw new StateUnavailableException(
            "lost the connection to the state database and it did not come back within "
                + patience.toSeconds()
                + " s ("
                + firstLine(first)
                + "); run the same command again when it is back: the deliveries whose"
                + " acceptance could not be recorded are reported uncertain, the rest are due",
            first);
      }
      try {
        Thread.sleep(pause.toMillis());
      } catch (InterruptedException interrupted) {
        Thread.currentThread().interrupt();
        throw new StateUnavailableException(
            "interrupted while waiting for the state database", first);
      }
      Duration longer = pause.multipliedBy(2);
      pause = longer.compareTo(LONGEST_PAUSE) > 0 ? LONGEST_PAUSE : longer;
      if (dataSource instanceof HikariDataSource pool && pool.getHikariPoolMXBean() != null) {
        pool.getHikariPoolMXBean().softEvictConnections();
      }
      try {
        connect();
        return;
      } catch (SQLException | RuntimeException stillDown) {
        log.debug("{} {}: the state database is still away: {}", week, list, stillDown.toString());
      }
    }
  }

  private PreparedStatement bindClaim(long delivery, String messageId, Instant now)
      throws SQLException {
    claim.setString(1, messageId);
    claim.setString(2, id);
    claim.setLong(3, now.toEpochMilli());
    claim.setLong(4, delivery);
    claim.setString(5, id);
    claim.setString(6, messageId);
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

  private static int execute(PreparedStatement statement, Object... args) throws SQLException {
    for (int i = 0; i < args.length; i++) {
      statement.setObject(i + 1, args[i]);
    }
    return statement.executeUpdate();
  }

  private void rollbackQuietly() {
    try {
      connection.rollback();
    } catch (SQLException ignored) {
      // the connection is gone; the transaction is rolled back with it
    }
  }

  /** Ends the run: its claims still SENDING become uncertain for other processes. */
  @Override
  public void close() {
    if (connection == null || alive == null) {
      disconnect();
      return;
    }
    rollbackQuietly();
    try (PreparedStatement s =
        alive.prepareStatement("DELETE FROM cb_delivery_run WHERE run_id = ?")) {
      s.setString(1, id);
      s.executeUpdate();
      alive.commit();
    } catch (SQLException e) {
      // the lock goes with the connection; a row left behind reads as a dead run
    }
    disconnect();
  }

  private void disconnect() {
    closeQuietly(connection);
    closeQuietly(alive);
    connection = null;
    alive = null;
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

  private static String firstLine(Throwable e) {
    return String.valueOf(e.getMessage()).lines().findFirst().orElse("");
  }

  private static String cut(String text, int limit) {
    return text == null || text.length() <= limit ? text : text.substring(0, limit);
  }
}
