package org.certbulletin.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
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
      Optional<String> lastError) {}

  /** How many deliveries of a list are in each state. */
  public record Counts(int sent, int pending, int failed, int uncertain) {

    public int total() {
      return sent + pending + failed + uncertain;
    }
  }

  private static final String UNIQUE_VIOLATION = "23505";
  private static final int ERROR_LIMIT = 2000;
  private static final int REPLY_LIMIT = 1000;

  private final DataSource dataSource;

  public DeliveryLedger(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /**
   * Queues {@code recipients} for the week's edition of {@code list}; recipients already in the
   * ledger, whatever their state, are left as they are.
   *
   * @return how many were queued now
   */
  public int enqueue(
      String week, String list, String edition, Collection<String> recipients, Instant now) {
    Set<String> known = new HashSet<>();
    for (Entry entry : entries(week, list)) {
      known.add(entry.recipient());
    }
    String sql =
        "INSERT INTO cb_delivery (week, list_name, recipient, edition_tlp, status, attempts,"
            + " queued_at, updated_at) VALUES (?, ?, ?, ?, 'QUEUED', 0, ?, ?)";
    int queued = 0;
    try (Connection c = dataSource.getConnection();
        PreparedStatement s = c.prepareStatement(sql)) {
      for (String recipient : recipients) {
        if (!known.add(recipient)) {
          continue;
        }
        s.setString(1, week);
        s.setString(2, list);
        s.setString(3, recipient);
        s.setString(4, edition);
        s.setLong(5, now.toEpochMilli());
        s.setLong(6, now.toEpochMilli());
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
    } catch (SQLException e) {
      throw new StateUnavailableException(
          "cannot queue deliveries for " + list + ": " + e.getMessage(), e);
    }
  }

  /** Every delivery of the week's edition of {@code list}, in queue order. */
  public List<Entry> entries(String week, String list) {
    return query(
        "SELECT * FROM cb_delivery WHERE week = ? AND list_name = ? ORDER BY id", week, list);
  }

  /** Deliveries still due: queued, in queue order. */
  public List<Entry> due(String week, String list) {
    return query(
        "SELECT * FROM cb_delivery WHERE week = ? AND list_name = ? AND status = 'QUEUED' ORDER BY"
            + " id",
        week,
        list);
  }

  /**
   * Claims a queued delivery for sending; committed before the message goes out.
   *
   * @return false if another run claimed it first
   */
  public boolean markSending(long id, String messageId, Instant now) {
    return update(
            "UPDATE cb_delivery SET status = 'SENDING', attempts = attempts + 1, message_id = ?,"
                + " updated_at = ? WHERE id = ? AND status = 'QUEUED'",
            messageId,
            now.toEpochMilli(),
            id)
        == 1;
  }

  /** Records that the server accepted the message. */
  public void markSent(long id, String reply, Instant now) {
    update(
        "UPDATE cb_delivery SET status = 'SENT', server_reply = ?, last_error = NULL, sent_at = ?,"
            + " updated_at = ? WHERE id = ?",
        cut(reply, REPLY_LIMIT),
        now.toEpochMilli(),
        now.toEpochMilli(),
        id);
  }

  /** Records that the message was refused for good (a 5xx reply, a bad mailbox). */
  public void markFailed(long id, String error, Instant now) {
    update(
        "UPDATE cb_delivery SET status = 'FAILED', last_error = ?, updated_at = ? WHERE id = ?",
        cut(error, ERROR_LIMIT),
        now.toEpochMilli(),
        id);
  }

  /** Puts a delivery back in the queue: the server refused it for now, so it was not accepted. */
  public void markQueued(long id, String error, Instant now) {
    update(
        "UPDATE cb_delivery SET status = 'QUEUED', last_error = ?, updated_at = ? WHERE id = ?",
        cut(error, ERROR_LIMIT),
        now.toEpochMilli(),
        id);
  }

  /**
   * Records why a delivery's outcome is unknown (the connection broke during its transaction); it
   * stays SENDING, so it is not sent again without an operator's decision.
   */
  public void markUncertain(long id, String error, Instant now) {
    update(
        "UPDATE cb_delivery SET last_error = ?, updated_at = ? WHERE id = ? AND status = 'SENDING'",
        cut("outcome unknown: " + error, ERROR_LIMIT),
        now.toEpochMilli(),
        id);
  }

  /**
   * Queues uncertain deliveries again, on an operator's decision (after checking the mail server's
   * log for their Message-IDs): they will be sent again, possibly a second time.
   */
  public int requeueUncertain(String week, String list, Instant now) {
    return update(
        "UPDATE cb_delivery SET status = 'QUEUED', last_error = 'queued again by an operator after"
            + " an unknown outcome', updated_at = ? WHERE week = ? AND list_name = ? AND status ="
            + " 'SENDING'",
        now.toEpochMilli(),
        week,
        list);
  }

  /** Counts of each list's deliveries for {@code week}. */
  public Map<String, Counts> counts(String week) {
    String sql =
        "SELECT list_name, status, COUNT(*) FROM cb_delivery WHERE week = ? GROUP BY list_name,"
            + " status ORDER BY list_name";
    Map<String, Map<Status, Integer>> raw = new LinkedHashMap<>();
    try (Connection c = dataSource.getConnection();
        PreparedStatement s = c.prepareStatement(sql)) {
      s.setString(1, week);
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          raw.computeIfAbsent(r.getString(1), k -> new EnumMap<>(Status.class))
              .put(Status.valueOf(r.getString(2)), r.getInt(3));
        }
      }
    } catch (SQLException e) {
      throw new StateUnavailableException("cannot read the delivery ledger: " + e.getMessage(), e);
    }
    Map<String, Counts> counts = new LinkedHashMap<>();
    raw.forEach(
        (list, c) ->
            counts.put(
                list,
                new Counts(
                    c.getOrDefault(Status.SENT, 0),
                    c.getOrDefault(Status.QUEUED, 0),
                    c.getOrDefault(Status.FAILED, 0),
                    c.getOrDefault(Status.SENDING, 0))));
    return counts;
  }

  /** The latest week that has deliveries, if any. */
  public Optional<String> latestWeek() {
    try (Connection c = dataSource.getConnection();
        PreparedStatement s = c.prepareStatement("SELECT MAX(week) FROM cb_delivery");
        ResultSet r = s.executeQuery()) {
      return r.next() ? Optional.ofNullable(r.getString(1)) : Optional.empty();
    } catch (SQLException e) {
      throw new StateUnavailableException("cannot read the delivery ledger: " + e.getMessage(), e);
    }
  }

  private int update(String sql, Object... args) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement s = c.prepareStatement(sql)) {
      bind(s, args);
      return s.executeUpdate();
    } catch (SQLException e) {
      throw new StateUnavailableException(
          "cannot update the delivery ledger: " + e.getMessage(), e);
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
                  Optional.ofNullable(r.getString("last_error"))));
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

  private static String cut(String text, int limit) {
    return text == null || text.length() <= limit ? text : text.substring(0, limit);
  }
}
