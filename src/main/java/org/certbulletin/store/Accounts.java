package org.certbulletin.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.certbulletin.model.Role;
import org.certbulletin.model.Tlp;

/**
 * The user accounts in the state database, with their failed sign-ins and lockouts, so that every
 * node sharing the database sees the same accounts and enforces the same lockouts.
 */
public final class Accounts {

  /**
   * One account as stored.
   *
   * @param passwordHash the Argon2id hash in PHC string form, never the password
   * @param failedLogins failed sign-ins in a row since the last success or lockout
   */
  public record Account(
      String name,
      Set<Role> roles,
      Tlp clearance,
      String passwordHash,
      boolean disabled,
      int failedLogins,
      Optional<Instant> lockedUntil,
      Instant created,
      Instant updated) {

    public Account {
      Objects.requireNonNull(name, "name == null");
      roles = Set.copyOf(roles);
      Objects.requireNonNull(clearance, "clearance == null");
      Objects.requireNonNull(passwordHash, "passwordHash == null");
      Objects.requireNonNull(lockedUntil, "lockedUntil == null");
      Objects.requireNonNull(created, "created == null");
      Objects.requireNonNull(updated, "updated == null");
    }

    /** Whether a lockout holds at {@code now}. */
    public boolean locked(Instant now) {
      return lockedUntil.filter(now::isBefore).isPresent();
    }

    @Override
    public String toString() {
      return "Account[" + name + "]";
    }
  }

  /** What a sign-in attempt came to, once its password was checked. */
  public enum SignIn {
    /** The password matched and nothing stands in the way. */
    GRANTED,
    /** The password did not match; the account is not locked (yet). */
    WRONG_PASSWORD,
    /** The password did not match, and this failure locked the account. */
    LOCKED_NOW,
    /** The account is locked; the password was not considered. */
    LOCKED,
    /** The account is disabled. */
    DISABLED,
    /** There is no such account. */
    UNKNOWN
  }

  private final DataSource dataSource;

  public Accounts(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /**
   * Adds {@code account}.
   *
   * @return false if an account of that name exists
   */
  public boolean add(Account account) {
    String sql =
        "INSERT INTO cb_user (name, roles, clearance, password_hash, disabled, failed_logins,"
            + " locked_until, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)";
    try (Connection c = dataSource.getConnection();
        PreparedStatement s = c.prepareStatement(sql)) {
      s.setString(1, account.name());
      s.setString(2, roles(account.roles()));
      s.setString(3, account.clearance().name());
      s.setString(4, account.passwordHash());
      s.setBoolean(5, account.disabled());
      s.setInt(6, account.failedLogins());
      s.setObject(7, account.lockedUntil().map(Instant::toEpochMilli).orElse(null));
      s.setLong(8, account.created().toEpochMilli());
      s.setLong(9, account.updated().toEpochMilli());
      s.executeUpdate();
      return true;
    } catch (SQLException e) {
      if (Sql.duplicateKey(e)) {
        return false;
      }
      throw new StateUnavailableException(
          "cannot add user " + account.name() + ": " + e.getMessage(), e);
    }
  }

  /** The account named {@code name}. */
  public Optional<Account> find(String name) {
    try (Connection c = dataSource.getConnection()) {
      return find(c, name, false);
    } catch (SQLException e) {
      throw new StateUnavailableException("cannot read user " + name + ": " + e.getMessage(), e);
    }
  }

  /** Every account, by name. */
  public List<Account> all() {
    try (Connection c = dataSource.getConnection();
        PreparedStatement s = c.prepareStatement("SELECT * FROM cb_user ORDER BY name");
        ResultSet r = s.executeQuery()) {
      List<Account> accounts = new ArrayList<>();
      while (r.next()) {
        accounts.add(read(r));
      }
      return accounts;
    } catch (SQLException e) {
      throw new StateUnavailableException("cannot read the users: " + e.getMessage(), e);
    }
  }

  /**
   * Disables or enables the account; enabling also lifts a lockout.
   *
   * @return false if there is no such account
   */
  public boolean setDisabled(String name, boolean disabled, Instant now) {
    return update(
        disabled
            ? "UPDATE cb_user SET disabled = TRUE, updated_at = ? WHERE name = ?"
            : "UPDATE cb_user SET disabled = FALSE, failed_logins = 0, locked_until = NULL,"
                + " updated_at = ? WHERE name = ?",
        name,
        now);
  }

  /**
   * Gives the account a new password hash and lifts a lockout.
   *
   * @return false if there is no such account
   */
  public boolean setPasswordHash(String name, String hash, Instant now) {
    String sql =
        "UPDATE cb_user SET password_hash = ?, failed_logins = 0, locked_until = NULL,"
            + " updated_at = ? WHERE name = ?";
    try (Connection c = dataSource.getConnection();
        PreparedStatement s = c.prepareStatement(sql)) {
      s.setString(1, hash);
      s.setLong(2, now.toEpochMilli());
      s.setString(3, name);
      return s.executeUpdate() == 1;
    } catch (SQLException e) {
      throw new StateUnavailableException("cannot update user " + name + ": " + e.getMessage(), e);
    }
  }

  /**
   * Gives the account new roles and a new clearance.
   *
   * @return false if there is no such account
   */
  public boolean setRoles(String name, Set<Role> roles, Tlp clearance, Instant now) {
    String sql = "UPDATE cb_user SET roles = ?, clearance = ?, updated_at = ? WHERE name = ?";
    try (Connection c = dataSource.getConnection();
        PreparedStatement s = c.prepareStatement(sql)) {
      s.setString(1, roles(roles));
      s.setString(2, clearance.name());
      s.setLong(3, now.toEpochMilli());
      s.setString(4, name);
      return s.executeUpdate() == 1;
    } catch (SQLException e) {
      throw new StateUnavailableException("cannot update user " + name + ": " + e.getMessage(), e);
    }
  }

  /**
   * Settles a sign-in whose password was checked ({@code passwordMatched}), in one transaction
   * holding the account's row, so that nodes signing in at once count every failure: a failure adds
   * one to the account's run of failures, and the {@code failures}-th in a row locks the account
   * for {@code lockout}; a success ends the run. A locked or disabled account is refused whatever
   * the password.
   */
  public SignIn settle(
      String name, boolean passwordMatched, Instant now, int failures, Duration lockout) {
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      try {
        SignIn result = settle(c, name, passwordMatched, now, failures, lockout);
        c.commit();
        return result;
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      }
    } catch (SQLException e) {
      throw new StateUnavailableException(
          "cannot record a sign-in of " + name + ": " + e.getMessage(), e);
    }
  }

  private static SignIn settle(
      Connection c,
      String name,
      boolean passwordMatched,
      Instant now,
      int failures,
      Duration lockout)
      throws SQLException {
    Optional<Account> found = find(c, name, true);
    if (found.isEmpty()) {
      return SignIn.UNKNOWN;
    }
    Account account = found.get();
    if (account.disabled()) {
      return SignIn.DISABLED;
    }
    if (account.locked(now)) {
      return SignIn.LOCKED;
    }
    if (passwordMatched) {
      if (account.failedLogins() != 0 || account.lockedUntil().isPresent()) {
        execute(
            c, "UPDATE cb_user SET failed_logins = 0, locked_until = NULL WHERE name = ?", name);
      }
      return SignIn.GRANTED;
    }
    int failed = account.failedLogins() + 1;
    if (failed >= failures) {
      execute(
          c,
          "UPDATE cb_user SET failed_logins = 0, locked_until = ? WHERE name = ?",
          now.plus(lockout).toEpochMilli(),
          name);
      return SignIn.LOCKED_NOW;
    }
    execute(c, "UPDATE cb_user SET failed_logins = ? WHERE name = ?", failed, name);
    return SignIn.WRONG_PASSWORD;
  }

  private static Optional<Account> find(Connection c, String name, boolean forUpdate)
      throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement(
            "SELECT * FROM cb_user WHERE name = ?" + (forUpdate ? " FOR UPDATE" : ""))) {
      s.setString(1, name);
      try (ResultSet r = s.executeQuery()) {
        return r.next() ? Optional.of(read(r)) : Optional.empty();
      }
    }
  }

  private boolean update(String sql, String name, Instant now) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement s = c.prepareStatement(sql)) {
      s.setLong(1, now.toEpochMilli());
      s.setString(2, name);
      return s.executeUpdate() == 1;
    } catch (SQLException e) {
      throw new StateUnavailableException("cannot update user " + name + ": " + e.getMessage(), e);
    }
  }

  private static void execute(Connection c, String sql, Object... args) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(sql)) {
      for (int i = 0; i < args.length; i++) {
        s.setObject(i + 1, args[i]);
      }
      s.executeUpdate();
    }
  }

  private static Account read(ResultSet r) throws SQLException {
    return new Account(
        r.getString("name"),
        roles(r.getString("roles")),
        Tlp.valueOf(r.getString("clearance")),
        r.getString("password_hash"),
        r.getBoolean("disabled"),
        r.getInt("failed_logins"),
        Times.optional(r, "locked_until"),
        Instant.ofEpochMilli(r.getLong("created_at")),
        Instant.ofEpochMilli(r.getLong("updated_at")));
  }

  private static String roles(Set<Role> roles) {
    return roles.stream().sorted().map(Role::code).collect(Collectors.joining(","));
  }

  private static Set<Role> roles(String codes) {
    Set<Role> roles = EnumSet.noneOf(Role.class);
    Arrays.stream(codes.split(","))
        .filter(code -> !code.isEmpty())
        .map(Role::fromCode)
        .forEach(roles::add);
    return roles;
  }
}
