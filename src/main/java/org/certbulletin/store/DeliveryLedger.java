package org.certbulletin.store;

import java.sql.BatchUpdateException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;

/**
 * The delivery ledger: one row per (week, list, recipient). A row is QUEUED until a sender claims
 * it (SENDING, committed before the SMTP transaction starts), then SENT with the server's reply or
 * FAILED with the reason. A row left in SENDING by a process that died is <em>uncertain</em>: the
 * server may have accepted the message, so it is never sent again without an operator's decision.
 */
public final class DeliveryLedger {

  /** Where one delivery stands. */
  public enum Status {
    QUEUED,
    SENDING,
    SENT,
    FAILED
  }

  /** One delivery. */
  public record Entry(
      long id,
      String week,
      String list,
      String recipient,
      String edition,
      Status status,
      int attempts,
      Optional<String> messageId,
      Optional<String> reply,
      Optional<String> lastError,
      Optional<String> claimedBy) {}

  /**
   * How many deliveries of a list are in each state.
   *
   * @param uncertain SENDING in a run that died: the outcome is unknown
   * @param inFlight SENDING in a run that is still alive: being sent right now
   */
  public record Counts(int sent, int pending, int failed, int uncertain, int inFlight) {

    public int total() {
      return sent + pending + failed + uncertain + inFlight;
    }
  }

  /** How long a run waits for a lost connection to the database to come back. */
  public static final Duration RECONNECT_PATIENCE = Duration.ofMinutes(2);

  private static final String UNIQUE_VIOLATION = "23505";

  /** Recipients queued per transaction. */
  private static final int ENQUEUE_BATCH = 1000;

  private final DataSource dataSource;
  private final Duration patience;

  /** A ledger whose commits are as durable as the database's own commits. */
  public DeliveryLedger(DataSource dataSource) {
    this(dataSource, RECONNECT_PATIENCE);
  }

  /**
   * @param patience how long a run waits for a lost connection to the database to come back before
   *     it gives up
   */
  public DeliveryLedger(DataSource dataSource, Duration patience) {
    this.dataSource = dataSource;
    this.patience = patience;
  }

  /**
   * Queues {@code recipients} for the week's edition of {@code list}; recipients already in the
   * ledger, whatever their state, are left as they are.
   *
   * @return how many were queued now
   */
  public int enqueue(
      String week, String list, String edition, Collection<String> recipients, Instant now) {
    return enqueue(week, list, edition, null, recipients, now);
  }

  /**
   * Queues {@code recipients} as above, recording the language of the edition they are sent ({@code
   * language}, a BCP 47 tag; null: the list's, as rows written before it was recorded).
   *
   * @return how many were queued now
   */
  public int enqueue(
      String week,
      String list,
      String edition,
      String language,
      Collection<String> recipients,
      Instant now) {
    Set<String> known = new HashSet<>();
    for (Entry entry : entries(week, list)) {
      known.add(entry.recipient());
    }
    String sql =
        "INSERT INTO cb_delivery (week, list_name, recipient, edition_tlp, edition_language,"
            + " status, attempts, queued_at, updated_at) VALUES (?, ?, ?, ?, ?, 'QUEUED', 0, ?, ?)";
    List<String> fresh = new ArrayList<>();
    for (String recipient : recipients) {
      if (known.add(recipient)) {
        fresh.add(recipient);
      }
    }
    int queued = 0;
    try (Connection c = dataSource.getConnection();
        PreparedStatement s = c.prepareStatement(sql)) {
      for (int from = 0; from < fresh.size(); from += ENQUEUE_BATCH) {
        List<String> batch = fresh.subList(from, Math.min(fresh.size(), from + ENQUEUE_BATCH));
        queued += insertAll(c, s, batch, week, list, edition, language, now);
      }
      return queued;
    } catch (SQLException e) {
      throw new StateUnavailableException(
          "cannot queue deliveries for " + list + ": " + e.getMessage(), e);
    }
  }

  /**
   * Inserts a batch in one transaction; if another run queued one of them meanwhile (a unique
   * violation, which aborts the transaction on PostgreSQL), inserts them one by one instead.
   */
  private static int insertAll(
      Connection c,
      PreparedStatement s,
      List<String> batch,
      String week,
      String list,
      String edition,
      String language,
      Instant now)
      throws SQLException {
    c.setAutoCommit(false);
    try {
      for (String recipient : batch) {
        bindQueued(s, week, list, recipient, edition, language, now);
        s.addBatch();
      }
      s.executeBatch();
      c.commit();
      return batch.size();
    } catch (SQLException e) {
      c.rollback();
      s.clearBatch();
      if (!isUniqueViolation(e)) {
        throw e;
      }
    } finally {
      c.setAutoCommit(true);
    }
    int queued = 0;
    for (String recipient : batch) {
      bindQueued(s, week, list, recipient, edition, language, now);
      try {
        queued += s.executeUpdate();
      } catch (SQLException e) {
        if (!UNIQUE_VIOLATION.equals(e.getSQLState())) {
          throw e;
        }
        // another run queued this recipient at the same moment: it is queued either way
      }
    }
    return queued;
  }

  private static boolean isUniqueViolation(SQLException e) {
    for (SQLException next = e; next != null; next = next.getNextException()) {
      if (UNIQUE_VIOLATION.equals(next.getSQLState())) {
        return true;
      }
    }
    return e instanceof BatchUpdateException
        && e.getCause() instanceof SQLException cause
        && UNIQUE_VIOLATION.equals(cause.getSQLState());
  }

  private static void bindQueued(
      PreparedStatement s,
      String week,
      String list,
      String recipient,
      String edition,
      String language,
      Instant now)
      throws SQLException {
    s.setString(1, week);
    s.setString(2, list);
    s.setString(3, recipient);
    s.setString(4, edition);
    s.setString(5, language);
    s.setLong(6, now.toEpochMilli());
    s.setLong(7, now.toEpochMilli());
  }

  /** Every delivery of the week's edition of {@code list}, in queue order. */
  public List<Entry> entries(String week, String list) {
    return query(
        "SELECT * FROM cb_delivery WHERE week = ? AND list_name = ? ORDER BY id", week, list);
  }

  /**
   * The language each recipient of the week's edition of {@code list} was queued in, as a BCP 47
   * tag; recipients queued before the language was recorded are left out (theirs is the list's).
   */
  public Map<String, String> languages(String week, String list) {
    Map<String, String> languages = new HashMap<>();
    try (Connection c = dataSource.getConnection();
        PreparedStatement s =
            c.prepareStatement(
                "SELECT recipient, edition_language FROM cb_delivery WHERE week = ? AND list_name ="
                    + " ? AND edition_language IS NOT NULL")) {
      bind(s, week, list);
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          languages.put(r.getString(1), r.getString(2));
        }
      }
      return languages;
    } catch (SQLException e) {
      throw new StateUnavailableException("cannot read the delivery ledger: " + e.getMessage(), e);
    }
  }

  /**
   * Starts a run sending the week's edition of {@code list}: it claims deliveries and records their
   * outcomes until it is closed, waiting out a lost connection to the database for up to the
   * ledger's patience.
   */
  public DeliveryRun start(String week, String list, Instant now) {
    return DeliveryRun.start(dataSource, week, list, now, patience);
  }

  /**
   * The runs sending the week's edition of {@code list} now, in this process or another; runs that
   * died are forgotten on the way, so their SENDING rows read as uncertain.
   */
  public Set<String> liveRuns(String week, String list) {
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      try {
        forgetDeadRuns(c, week, list);
        Set<String> live = new HashSet<>();
        try (PreparedStatement s =
            c.prepareStatement(
                "SELECT run_id FROM cb_delivery_run WHERE week = ? AND list_name = ?")) {
          bind(s, week, list);
          try (ResultSet r = s.executeQuery()) {
            while (r.next()) {
              live.add(r.getString(1));
            }
          }
        }
        c.commit();
        return live;
      } catch (SQLException e) {
        c.rollback();
        throw e;
      }
    } catch (SQLException e) {
      throw new StateUnavailableException("cannot read the delivery ledger: " + e.getMessage(), e);
    }
  }

  /**
   * Deletes the rows of runs whose lock nobody holds: their processes died (the lock is released
   * with the connection). {@code SKIP LOCKED} passes over the rows of live runs without waiting.
   */
  private static void forgetDeadRuns(Connection c, String week, String list) throws SQLException {
    deleteUnlocked(
        c,
        "SELECT run_id FROM cb_delivery_run WHERE week = ? AND list_name = ? FOR UPDATE SKIP"
            + " LOCKED",
        week,
        list);
  }

  /** Deletes the rows of the week's runs whose lock nobody holds, on every list. */
  private static void forgetDeadRuns(Connection c, String week) throws SQLException {
    deleteUnlocked(
        c, "SELECT run_id FROM cb_delivery_run WHERE week = ? FOR UPDATE SKIP LOCKED", week);
  }

  private static void deleteUnlocked(Connection c, String select, Object... args)
      throws SQLException {
    List<String> dead = new ArrayList<>();
    try (PreparedStatement s = c.prepareStatement(select)) {
      bind(s, args);
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          dead.add(r.getString(1));
        }
      }
    }
    try (PreparedStatement s = c.prepareStatement("DELETE FROM cb_delivery_run WHERE run_id = ?")) {
      for (String run : dead) {
        s.setString(1, run);
        s.executeUpdate();
      }
    }
  }

  /**
   * Queues uncertain deliveries again, on an operator's decision (after checking the mail server's
   * log for their Message-IDs): they will be sent again, possibly a second time. Deliveries claimed
   * by a run that is still sending are in flight, not uncertain, and are left alone.
   */
  public int requeueUncertain(String week, String list, Instant now) {
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      try (PreparedStatement s =
          c.prepareStatement(
              "UPDATE cb_delivery SET status = 'QUEUED', last_error = 'queued again by an operator"
                  + " after an unknown outcome', updated_at = ? WHERE week = ? AND list_name = ?"
                  + " AND status = 'SENDING' AND (claimed_by IS NULL OR claimed_by NOT IN (SELECT"
                  + " run_id FROM cb_delivery_run))")) {
        forgetDeadRuns(c, week, list);
        bind(s, now.toEpochMilli(), week, list);
        int requeued = s.executeUpdate();
        c.commit();
        return requeued;
      } catch (SQLException e) {
        c.rollback();
        throw e;
      }
    } catch (SQLException e) {
      throw new StateUnavailableException(
          "cannot update the delivery ledger: " + e.getMessage(), e);
    }
  }

  /**
   * Counts of each list's deliveries for {@code week}. A SENDING delivery counts as in flight while
   * the run that claimed it is alive (it holds its lock), as uncertain once that run is gone.
   */
  public Map<String, Counts> counts(String week) {
    String sql =
        "SELECT d.list_name, d.status, r.run_id IS NOT NULL, COUNT(*) FROM cb_delivery d LEFT JOIN"
            + " cb_delivery_run r ON r.run_id = d.claimed_by WHERE d.week = ? GROUP BY d.list_name,"
            + " d.status, r.run_id IS NOT NULL ORDER BY d.list_name";
    Map<String, Map<Status, Integer>> raw = new LinkedHashMap<>();
    Map<String, Integer> inFlight = new HashMap<>();
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      try (PreparedStatement s = c.prepareStatement(sql)) {
        forgetDeadRuns(c, week);
        s.setString(1, week);
        try (ResultSet r = s.executeQuery()) {
          while (r.next()) {
            String list = r.getString(1);
            Status status = Status.valueOf(r.getString(2));
            Map<Status, Integer> byStatus =
                raw.computeIfAbsent(list, k -> new EnumMap<>(Status.class));
            if (status == Status.SENDING && r.getBoolean(3)) {
              inFlight.merge(list, r.getInt(4), Integer::sum);
            } else {
              byStatus.merge(status, r.getInt(4), Integer::sum);
            }
          }
        }
        c.commit();
      } catch (SQLException e) {
        c.rollback();
        throw e;
      }
    } catch (SQLException e) {
      throw new StateUnavailableException("cannot read the delivery ledger: " + e.getMessage(), e);
    }
    Map<String, Counts> counts = new LinkedHashMap<>();
    raw.forEach(
        (list, n) ->
            counts.put(
                list,
                new Counts(
                    n.getOrDefault(Status.SENT, 0),
                    n.getOrDefault(Status.QUEUED, 0),
                    n.getOrDefault(Status.FAILED, 0),
                    n.getOrDefault(Status.SENDING, 0),
                    inFlight.getOrDefault(list, 0))));
    return counts;
  }

  /** Delivery {@code id}, if the ledger has it. */
  public Optional<Entry> byId(long id) {
    return query("SELECT * FROM cb_delivery WHERE id = ?", id).stream().findFirst();
  }

  /** A bounce recorded against a delivery: {@code hard}, {@code soft} or {@code unsubscribe}. */
  public record Bounce(String kind, Instant at) {}

  /** The bounce recorded against delivery {@code id}, if any. */
  public Optional<Bounce> bounce(long id) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement s =
            c.prepareStatement("SELECT bounce, bounced_at FROM cb_delivery WHERE id = ?")) {
      s.setLong(1, id);
      try (ResultSet r = s.executeQuery()) {
        if (!r.next() || r.getString(1) == null) {
          return Optional.empty();
        }
        return Optional.of(new Bounce(r.getString(1), Instant.ofEpochMilli(r.getLong(2))));
      }
    } catch (SQLException e) {
      throw new StateUnavailableException("cannot read the delivery ledger: " + e.getMessage(), e);
    }
  }

  /**
   * Records a bounce of {@code kind} against delivery {@code id}, unless one is recorded already (a
   * hard bounce replaces a soft one): a delivery counts once however many reports name it.
   *
   * @return whether it was recorded now
   */
  public boolean recordBounce(long id, String kind, Instant at) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement s =
            c.prepareStatement(
                "UPDATE cb_delivery SET bounce = ?, bounced_at = ? WHERE id = ? AND (bounce IS"
                    + " NULL OR (bounce = 'soft' AND ? = 'hard'))")) {
      bind(s, kind, at.toEpochMilli(), id, kind);
      return s.executeUpdate() == 1;
    } catch (SQLException e) {
      throw new StateUnavailableException(
          "cannot record a bounce in the delivery ledger: " + e.getMessage(), e);
    }
  }

  /**
   * How many of the deliveries to {@code recipient} on {@code list} up to delivery {@code upTo},
   * newest first, bounced in a row (counting at most {@code limit}).
   */
  public int bouncedInARow(String list, String recipient, long upTo, int limit) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement s =
            c.prepareStatement(
                "SELECT bounce FROM cb_delivery WHERE list_name = ? AND recipient = ? AND id <= ?"
                    + " AND status <> 'QUEUED' ORDER BY id DESC LIMIT ?")) {
      bind(s, list, recipient, upTo, limit);
      int row = 0;
      try (ResultSet r = s.executeQuery()) {
        while (r.next() && r.getString(1) != null) {
          row++;
        }
      }
      return row;
    } catch (SQLException e) {
      throw new StateUnavailableException("cannot read the delivery ledger: " + e.getMessage(), e);
    }
  }

  /** The latest week that has deliveries, if any. */
  public Optional<String> latestWeek() {
    try (Connection c = dataSource.getConnection();
        PreparedStatement s =
            c.prepareStatement("SELECT MAX(week) FROM cb_delivery WHERE week NOT LIKE '%/v%'");
        ResultSet r = s.executeQuery()) {
      return r.next() ? Optional.ofNullable(r.getString(1)) : Optional.empty();
    } catch (SQLException e) {
      throw new StateUnavailableException("cannot read the delivery ledger: " + e.getMessage(), e);
    }
  }

  private List<Entry> query(String sql, Object... args) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement s = c.prepareStatement(sql)) {
      bind(s, args);
      List<Entry> entries = new ArrayList<>();
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          entries.add(
              new Entry(
                  r.getLong("id"),
                  r.getString("week"),
                  r.getString("list_name"),
                  r.getString("recipient"),
                  r.getString("edition_tlp"),
                  Status.valueOf(r.getString("status")),
                  r.getInt("attempts"),
                  Optional.ofNullable(r.getString("message_id")),
                  Optional.ofNullable(r.getString("server_reply")),
                  Optional.ofNullable(r.getString("last_error")),
                  Optional.ofNullable(r.getString("claimed_by"))));
        }
      }
      return entries;
    } catch (SQLException e) {
      throw new StateUnavailableException("cannot read the delivery ledger: " + e.getMessage(), e);
    }
  }

  private static void bind(PreparedStatement statement, Object... args) throws SQLException {
    for (int i = 0; i < args.length; i++) {
      statement.setObject(i + 1, args[i]);
    }
  }
}
