package org.certbulletin.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;

/** The API tokens in the state database: only the SHA-256 of each secret is kept. */
public final class ApiTokens {

  /** How much later a use is recorded again: a busy token is not a write per request. */
  static final Duration LAST_USED_GRAIN = Duration.ofMinutes(1);

  /**
   * One token as stored.
   *
   * @param user the user it acts for
   * @param secretHash the SHA-256 of the secret, in lower-case hex
   */
  public record Token(
      String name,
      String user,
      String secretHash,
      Instant created,
      Optional<Instant> expires,
      Optional<Instant> revoked,
      Optional<Instant> lastUsed) {

    public Token {
      Objects.requireNonNull(name, "name == null");
      Objects.requireNonNull(user, "user == null");
      Objects.requireNonNull(secretHash, "secretHash == null");
      Objects.requireNonNull(created, "created == null");
      Objects.requireNonNull(expires, "expires == null");
      Objects.requireNonNull(revoked, "revoked == null");
      Objects.requireNonNull(lastUsed, "lastUsed == null");
    }
  }

  private final DataSource dataSource;

  public ApiTokens(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /**
   * Adds {@code token}; its user must exist.
   *
   * @return false if a token of that name exists
   */
  public boolean add(Token token) {
    String sql =
        "INSERT INTO cb_api_token (name, user_name, secret_hash, created_at, expires_at) VALUES"
            + " (?, ?, ?, ?, ?)";
    try (Connection c = dataSource.getConnection();
        PreparedStatement s = c.prepareStatement(sql)) {
      s.setString(1, token.name());
      s.setString(2, token.user());
      s.setString(3, token.secretHash());
      s.setLong(4, token.created().toEpochMilli());
      s.setObject(5, token.expires().map(Instant::toEpochMilli).orElse(null));
      s.executeUpdate();
      return true;
    } catch (SQLException e) {
      if (Sql.duplicateKey(e)) {
        return false;
      }
      throw new StateUnavailableException(
          "cannot add token " + token.name() + ": " + e.getMessage(), e);
    }
  }

  /** The token named {@code name}. */
  public Optional<Token> find(String name) {
    return one("SELECT * FROM cb_api_token WHERE name = ?", name);
  }

  /** The token whose secret has the SHA-256 {@code secretHash}. */
  public Optional<Token> bySecretHash(String secretHash) {
    return one("SELECT * FROM cb_api_token WHERE secret_hash = ?", secretHash);
  }

  /** Every token, by name. */
  public List<Token> all() {
    try (Connection c = dataSource.getConnection();
        PreparedStatement s = c.prepareStatement("SELECT * FROM cb_api_token ORDER BY name");
        ResultSet r = s.executeQuery()) {
      List<Token> tokens = new ArrayList<>();
      while (r.next()) {
        tokens.add(read(r));
      }
      return tokens;
    } catch (SQLException e) {
      throw new StateUnavailableException("cannot read the API tokens: " + e.getMessage(), e);
    }
  }

  /**
   * Revokes the token for good.
   *
   * @return false if there is no such token or it was revoked already
   */
  public boolean revoke(String name, Instant now) {
    return update(
        "UPDATE cb_api_token SET revoked_at = ? WHERE name = ? AND revoked_at IS NULL",
        now,
        name,
        null);
  }

  /** Records that the token was used at {@code now}, unless a use was recorded just before. */
  public void used(String name, Instant now) {
    update(
        "UPDATE cb_api_token SET last_used_at = ? WHERE name = ? AND (last_used_at IS NULL OR"
            + " last_used_at < ?)",
        now,
        name,
        now.minus(LAST_USED_GRAIN));
  }

  private boolean update(String sql, Instant now, String name, Instant before) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement s = c.prepareStatement(sql)) {
      s.setLong(1, now.toEpochMilli());
      s.setString(2, name);
      if (before != null) {
        s.setLong(3, before.toEpochMilli());
      }
      return s.executeUpdate() == 1;
    } catch (SQLException e) {
      throw new StateUnavailableException("cannot update token " + name + ": " + e.getMessage(), e);
    }
  }

  private Optional<Token> one(String sql, String key) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement s = c.prepareStatement(sql)) {
      s.setString(1, key);
      try (ResultSet r = s.executeQuery()) {
        return r.next() ? Optional.of(read(r)) : Optional.empty();
      }
    } catch (SQLException e) {
      throw new StateUnavailableException("cannot read the API tokens: " + e.getMessage(), e);
    }
  }

  private static Token read(ResultSet r) throws SQLException {
    return new Token(
        r.getString("name"),
        r.getString("user_name"),
        r.getString("secret_hash"),
        Instant.ofEpochMilli(r.getLong("created_at")),
        Times.optional(r, "expires_at"),
        Times.optional(r, "revoked_at"),
        Times.optional(r, "last_used_at"));
  }
}
