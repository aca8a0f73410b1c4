package org.certbulletin.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The sessions of signed-in people, in the state database so that every node behind a load balancer
 * knows them: only the SHA-256 of each session id is kept.
 */
public final class Sessions {

  /** How much later a session's activity is recorded again: not a write per request. */
  static final Duration LAST_SEEN_GRAIN = Duration.ofSeconds(30);

  /**
   * One session as stored.
   *
   * @param idHash the SHA-256 of the session id, in lower-case hex
   * @param csrfToken what a form of this session must carry
   * @param expires the absolute end, however active the session
   */
  public record Session(
      String idHash,
      String user,
      String csrfToken,
      Instant created,
      Instant lastSeen,
      Instant expires) {

    public Session {
      Objects.requireNonNull(idHash, "idHash == null");
      Objects.requireNonNull(user, "user == null");
      Objects.requireNonNull(csrfToken, "csrfToken == null");
      Objects.requireNonNull(created, "created == null");
      Objects.requireNonNull(lastSeen, "lastSeen == null");
      Objects.requireNonNull(expires, "expires == null");
    }

    /** Whether the session is still open at {@code now}, ending after {@code idle} unused. */
    public boolean open(Instant now, Duration idle) {
      return now.isBefore(expires) && now.isBefore(lastSeen.plus(idle));
    }

    @Override
    public String toString() {
      return "Session[" + user + ", created " + created + "]";
    }
  }

  private final DataSource dataSource;

  public Sessions(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /**
   * Starts {@code session}, in one transaction ending the session {@code replaced} (the one the
   * browser had before signing in) and every session that ended by time at {@code now}.
   */
  public void start(Session session, Optional<String> replaced, Duration idle) {
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      try {
        if (replaced.isPresent()) {
          execute(c, "DELETE FROM cb_session WHERE id_hash = ?", replaced.get());
        }
        long now = session.created().toEpochMilli();
        execute(
            c,
            "DELETE FROM cb_session WHERE expires_at <= ? OR last_seen_at <= ?",
            now,
            now - idle.toMillis());
        execute(
            c,
            "INSERT INTO cb_session (id_hash, user_name, csrf_token, created_at, last_seen_at,"
                + " expires_at) VALUES (?, ?, ?, ?, ?, ?)",
            session.idHash(),
            session.user(),
            session.csrfToken(),
            now,
            session.lastSeen().toEpochMilli(),
            session.expires().toEpochMilli());
        c.commit();
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      }
    } catch (SQLException e) {
      throw new StateUnavailableException("cannot start a session: " + e.getMessage(), e);
    }
  }

  /** The session whose id has the SHA-256 {@code idHash}, open or not. */
  public Optional<Session> find(String idHash) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement s = c.prepareStatement("SELECT * FROM cb_session WHERE id_hash = ?")) {
      s.setString(1, idHash);
      try (ResultSet r = s.executeQuery()) {
        if (!r.next()) {
          return Optional.empty();
        }
        return Optional.of(
            new Session(
                r.getString("id_hash"),
                r.getString("user_name"),
                r.getString("csrf_token"),
                Instant.ofEpochMilli(r.getLong("created_at")),
                Instant.ofEpochMilli(r.getLong("last_seen_at")),
                Instant.ofEpochMilli(r.getLong("expires_at"))));
      }
    } catch (SQLException e) {
      throw new StateUnavailableException("cannot read a session: " + e.getMessage(), e);
    }
  }

  /** Records activity at {@code now}, unless some was recorded just before. */
  public void seen(String idHash, Instant now) {
    update(
        "UPDATE cb_session SET last_seen_at = ? WHERE id_hash = ? AND last_seen_at < ?",
        now.toEpochMilli(),
        idHash,
        now.minus(LAST_SEEN_GRAIN).toEpochMilli());
  }

  /**
   * Ends one session.
   *
   * @return false if there was none
   */
  public boolean end(String idHash) {
    return update("DELETE FROM cb_session WHERE id_hash = ?", idHash) == 1;
  }

  /**
   * Ends every session of {@code user}.
   *
   * @return how many there were
   */
  public int endAll(String user) {
    return update("DELETE FROM cb_session WHERE user_name = ?", user);
  }

  private int update(String sql, Object... args) {
    try (Connection c = dataSource.getConnection()) {
      return execute(c, sql, args);
    } catch (SQLException e) {
      throw new StateUnavailableException("cannot update the sessions: " + e.getMessage(), e);
    }
  }

  private static int execute(Connection c, String sql, Object... args) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(sql)) {
      for (int i = 0; i < args.length; i++) {
        s.setObject(i + 1, args[i]);
      }
      return s.executeUpdate();
    }
  }
}
