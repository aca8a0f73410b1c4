package org.certbulletin.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.certbulletin.model.AuditEntry;
import org.certbulletin.model.Principal;

/**
 * The audit log in the state database: append-only. There is no way to change an entry; the only
 * deletion is {@link #pruneBefore} (an explicit retention), so every node sharing the database
 * writes to and reads the same log.
 */
public final class AuditLog {

  static final int ACTOR_LIMIT = 200;
  static final int OPERATION_LIMIT = 64;
  static final int TARGET_LIMIT = 300;
  static final int FROM_LIMIT = 100;
  static final int DETAIL_LIMIT = 2000;

  private final DataSource dataSource;

  public AuditLog(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /**
   * Appends an entry (its {@code id} is ignored; texts longer than the columns are cut) and returns
   * the id it was given.
   */
  public long append(AuditEntry entry) {
    String sql =
        "INSERT INTO cb_audit (occurred_at, actor, actor_kind, operation, target, from_address,"
            + " outcome, detail) VALUES (?, ?, ?, ?, ?, ?, ?, ?)";
    try (Connection c = dataSource.getConnection();
        PreparedStatement s = c.prepareStatement(sql, Statement.RETURN_GENERATED_KEYS)) {
      s.setLong(1, entry.at().toEpochMilli());
      s.setString(2, cut(entry.actor(), ACTOR_LIMIT));
      s.setString(3, entry.actorKind().name());
      s.setString(4, cut(entry.operation(), OPERATION_LIMIT));
      s.setString(5, cut(entry.target(), TARGET_LIMIT));
      s.setString(6, cut(entry.from(), FROM_LIMIT));
      s.setString(7, entry.outcome().name());
      s.setString(8, cut(entry.detail(), DETAIL_LIMIT));
      s.executeUpdate();
      try (ResultSet keys = s.getGeneratedKeys()) {
        keys.next();
        return keys.getLong(1);
      }
    } catch (SQLException e) {
      throw new StateUnavailableException("cannot write to the audit log: " + e.getMessage(), e);
    }
  }

  /**
   * The newest entries matching every filter given, newest first, at most {@code limit}.
   *
   * @param since only entries at or after this time
   * @param before only entries with a smaller id (the next page after an entry)
   */
  public List<AuditEntry> newest(
      Optional<String> actor,
      Optional<String> operation,
      Optional<Instant> since,
      Optional<Long> before,
      int limit) {
    if (limit < 1) {
      throw new IllegalArgumentException("limit < 1: " + limit);
    }
    StringBuilder sql = new StringBuilder("SELECT * FROM cb_audit WHERE 1 = 1");
    List<Object> args = new ArrayList<>();
    actor.ifPresent(
        a -> {
          sql.append(" AND actor = ?");
          args.add(a);
        });
    operation.ifPresent(
        o -> {
          sql.append(" AND operation = ?");
          args.add(o);
        });
    since.ifPresent(
        t -> {
          sql.append(" AND occurred_at >= ?");
          args.add(t.toEpochMilli());
        });
    before.ifPresent(
        id -> {
          sql.append(" AND id < ?");
          args.add(id);
        });
    sql.append(" ORDER BY id DESC");
    try (Connection c = dataSource.getConnection();
        PreparedStatement s = c.prepareStatement(sql.toString())) {
      for (int i = 0; i < args.size(); i++) {
        s.setObject(i + 1, args.get(i));
      }
      s.setMaxRows(limit);
      List<AuditEntry> entries = new ArrayList<>();
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          entries.add(read(r));
        }
      }
      return entries;
    } catch (SQLException e) {
      throw new StateUnavailableException("cannot read the audit log: " + e.getMessage(), e);
    }
  }

  /**
   * Deletes the entries older than {@code cutoff}: the one deletion there is, for a retention an
   * operator set.
   *
   * @return how many entries were deleted
   */
  public int pruneBefore(Instant cutoff) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement s = c.prepareStatement("DELETE FROM cb_audit WHERE occurred_at < ?")) {
      s.setLong(1, cutoff.toEpochMilli());
      return s.executeUpdate();
    } catch (SQLException e) {
      throw new StateUnavailableException("cannot prune the audit log: " + e.getMessage(), e);
    }
  }

  private static AuditEntry read(ResultSet r) throws SQLException {
    return new AuditEntry(
        r.getLong("id"),
        Instant.ofEpochMilli(r.getLong("occurred_at")),
        r.getString("actor"),
        Principal.Kind.valueOf(r.getString("actor_kind")),
        r.getString("operation"),
        r.getString("target"),
        r.getString("from_address"),
        AuditEntry.Outcome.valueOf(r.getString("outcome")),
        r.getString("detail"));
  }

  /**
   * {@code text} cut to {@code limit} characters (never between the halves of a surrogate pair),
   * with NUL, which PostgreSQL refuses in text, replaced.
   */
  static String cut(String text, int limit) {
    String kept = text.replace((char) 0, '\uFFFD');
    if (kept.length() <= limit) {
      return kept;
    }
    int end = Character.isHighSurrogate(kept.charAt(limit - 1)) ? limit - 1 : limit;
    return kept.substring(0, end);
  }
}
