package org.certbulletin.store;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.certbulletin.files.Digests;
import org.certbulletin.model.DistributionList;
import org.certbulletin.model.Preferences;
import org.certbulletin.model.Subscriber;
import org.certbulletin.model.Subscriber.Status;

/**
 * The lists' subscribers in the state database, the addresses that asked to be forgotten (as
 * digests) and the single-use tokens already used. Every change of status is a compare-and-set on
 * the status it expects, so two nodes (or a reader's two clicks) cannot both apply it.
 */
public final class Subscribers {

  private final DataSource dataSource;

  public Subscribers(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /**
   * Adds {@code subscriber} (its id is ignored).
   *
   * @return the row as stored, or empty if the list already has that address
   */
  public Optional<Subscriber> add(Subscriber subscriber) {
    String sql =
        "INSERT INTO cb_subscriber (list_name, address, status, origin, language, format, sectors,"
            + " products, organisation, soft_bounces, status_reason, decided_by, created_at,"
            + " confirmed_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    try (Connection c = dataSource.getConnection();
        PreparedStatement s = c.prepareStatement(sql)) {
      s.setString(1, subscriber.list());
      s.setString(2, subscriber.address());
      s.setString(3, subscriber.status().name());
      s.setString(4, subscriber.origin().name());
      s.setString(5, subscriber.language().map(Locale::toLanguageTag).orElse(null));
      s.setString(6, subscriber.format().map(Enum::name).orElse(null));
      s.setString(7, String.join("\n", subscriber.preferences().sectors()));
      s.setString(8, String.join("\n", subscriber.preferences().products()));
      s.setString(9, subscriber.organisation().orElse(null));
      s.setInt(10, subscriber.softBounces());
      s.setString(11, subscriber.reason().orElse(null));
      s.setString(12, subscriber.decidedBy().orElse(null));
      s.setLong(13, subscriber.created().toEpochMilli());
      s.setObject(14, subscriber.confirmed().map(Instant::toEpochMilli).orElse(null));
      s.setLong(15, subscriber.updated().toEpochMilli());
      s.executeUpdate();
    } catch (SQLException e) {
      if (Sql.duplicateKey(e)) {
        return Optional.empty();
      }
      throw failure("cannot add a subscriber to " + subscriber.list(), e);
    }
    return find(subscriber.list(), subscriber.address());
  }

  /** The subscriber of {@code list} at {@code address} (normalised). */
  public Optional<Subscriber> find(String list, String address) {
    // the same reader whatever the case of its local part: the oldest row if there are two
    return one(
        "SELECT * FROM cb_subscriber WHERE list_name = ? AND LOWER(address) = LOWER(?) ORDER BY id",
        list,
        address);
  }

  /** The subscriber with row {@code id}. */
  public Optional<Subscriber> find(long id) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement s = c.prepareStatement("SELECT * FROM cb_subscriber WHERE id = ?")) {
      s.setLong(1, id);
      try (ResultSet r = s.executeQuery()) {
        return r.next() ? Optional.of(read(r)) : Optional.empty();
      }
    } catch (SQLException e) {
      throw failure("cannot read subscriber " + id, e);
    }
  }

  /**
   * The subscribers of {@code list} (every list if empty) whose status is one of {@code statuses}
   * (any if empty), by list and address.
   */
  public List<Subscriber> list(Optional<String> list, Set<Status> statuses) {
    StringBuilder sql = new StringBuilder("SELECT * FROM cb_subscriber WHERE 1 = 1");
    list.ifPresent(l -> sql.append(" AND list_name = ?"));
    if (!statuses.isEmpty()) {
      sql.append(" AND status IN (")
          .append(statuses.stream().map(x -> "?").collect(Collectors.joining(", ")))
          .append(')');
    }
    sql.append(" ORDER BY list_name, address");
    try (Connection c = dataSource.getConnection();
        PreparedStatement s = c.prepareStatement(sql.toString())) {
      int i = 1;
      if (list.isPresent()) {
        s.setString(i++, list.get());
      }
      for (Status status : statuses.stream().sorted().toList()) {
        s.setString(i++, status.name());
      }
      List<Subscriber> found = new ArrayList<>();
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          found.add(read(r));
        }
      }
      return found;
    } catch (SQLException e) {
      throw failure("cannot read the subscribers", e);
    }
  }

  /**
   * Moves subscriber {@code id} from one of {@code from} to {@code to}, with {@code reason} and
   * {@code by} (either may be null), confirming it if {@code to} is past confirmation.
   *
   * @return false if the subscriber is gone or not in one of {@code from}
   */
  public boolean move(long id, Set<Status> from, Status to, String reason, String by, Instant now) {
    String sql =
        "UPDATE cb_subscriber SET status = ?, status_reason = ?, decided_by = COALESCE(?,"
            + " decided_by), soft_bounces = CASE WHEN ? THEN 0 ELSE soft_bounces END,"
            + " confirmed_at = CASE WHEN ? AND confirmed_at IS NULL THEN ? ELSE confirmed_at END,"
            + " updated_at = ? WHERE id = ? AND status IN ("
            + from.stream().map(x -> "?").collect(Collectors.joining(", "))
            + ")";
    try (Connection c = dataSource.getConnection();
        PreparedStatement s = c.prepareStatement(sql)) {
      s.setString(1, to.name());
      s.setString(2, reason);
      s.setString(3, by);
      s.setBoolean(4, to == Status.ACTIVE);
      s.setBoolean(5, to != Status.UNCONFIRMED);
      s.setLong(6, now.toEpochMilli());
      s.setLong(7, now.toEpochMilli());
      s.setLong(8, id);
      int i = 9;
      for (Status status : from.stream().sorted().toList()) {
        s.setString(i++, status.name());
      }
      return s.executeUpdate() == 1;
    } catch (SQLException e) {
      throw failure("cannot update subscriber " + id, e);
    }
  }

  /**
   * Replaces what subscriber {@code id} chose.
   *
   * @return false if there is no such subscriber
   */
  public boolean choose(
      long id,
      Optional<Locale> language,
      Optional<DistributionList.Format> format,
      Preferences preferences,
      Optional<String> organisation,
      Instant now) {
    String sql =
        "UPDATE cb_subscriber SET language = ?, format = ?, sectors = ?, products = ?,"
            + " organisation = COALESCE(?, organisation), updated_at = ? WHERE id = ?";
    try (Connection c = dataSource.getConnection();
        PreparedStatement s = c.prepareStatement(sql)) {
      s.setString(1, language.map(Locale::toLanguageTag).orElse(null));
      s.setString(2, format.map(Enum::name).orElse(null));
      s.setString(3, String.join("\n", preferences.sectors()));
      s.setString(4, String.join("\n", preferences.products()));
      s.setString(5, organisation.orElse(null));
      s.setLong(6, now.toEpochMilli());
      s.setLong(7, id);
      return s.executeUpdate() == 1;
    } catch (SQLException e) {
      throw failure("cannot update subscriber " + id, e);
    }
  }

  /**
   * Counts a soft bounce of subscriber {@code id}.
   *
   * @return the soft bounces in a row now, or 0 if there is no such subscriber
   */
  public int softBounce(long id, Instant now) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement s =
            c.prepareStatement(
                "UPDATE cb_subscriber SET soft_bounces = soft_bounces + 1, updated_at = ?"
                    + " WHERE id = ?")) {
      s.setLong(1, now.toEpochMilli());
      s.setLong(2, id);
      if (s.executeUpdate() == 0) {
        return 0;
      }
    } catch (SQLException e) {
      throw failure("cannot update subscriber " + id, e);
    }
    return find(id).map(Subscriber::softBounces).orElse(0);
  }

  /**
   * One message the ledger holds for an address.
   *
   * @param week the ledger's key ({@code 2024-W51}, {@code 2024-W51/v2})
   * @param status QUEUED, SENDING, SENT or FAILED
   * @param bounce HARD or SOFT, if it bounced
   */
  public record Delivery(
      String week,
      String status,
      String edition,
      Optional<Instant> sent,
      Optional<String> bounce) {}

  /** What the ledger holds for {@code address} on {@code list}, oldest first. */
  public List<Delivery> deliveries(String list, String address) {
    String sql =
        "SELECT week, status, edition_tlp, sent_at, bounce FROM cb_delivery WHERE list_name = ?"
            + " AND LOWER(recipient) = LOWER(?) ORDER BY id";
    try (Connection c = dataSource.getConnection();
        PreparedStatement s = c.prepareStatement(sql)) {
      s.setString(1, list);
      s.setString(2, address);
      List<Delivery> found = new ArrayList<>();
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          long sent = r.getLong("sent_at");
          boolean never = r.wasNull();
          found.add(
              new Delivery(
                  r.getString("week"),
                  r.getString("status"),
                  r.getString("edition_tlp"),
                  never ? Optional.empty() : Optional.of(Instant.ofEpochMilli(sent)),
                  Optional.ofNullable(r.getString("bounce"))));
        }
      }
      return found;
    } catch (SQLException e) {
      throw failure("cannot read the deliveries of a subscriber of " + list, e);
    }
  }

  /**
   * Forgets {@code address} on {@code list}: its row goes, the ledger's rows and the bounces that
   * name it keep only a digest of it in its place, and that digest stays so that the list never
   * mails it again. The ledger keeps its rows: a send resumed later still knows they were sent.
   *
   * @return whether a row was deleted
   */
  public boolean forget(String list, String address, Instant now) {
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      try {
        int deleted;
        try (PreparedStatement s =
            c.prepareStatement(
                "DELETE FROM cb_subscriber WHERE list_name = ? AND LOWER(address) = LOWER(?)")) {
          s.setString(1, list);
          s.setString(2, address);
          deleted = s.executeUpdate();
        }
        try (PreparedStatement s =
            c.prepareStatement(
                "UPDATE cb_delivery SET recipient = ?, server_reply = NULL, last_error = NULL"
                    + " WHERE list_name = ? AND LOWER(recipient) = LOWER(?)")) {
          s.setString(1, FORGOTTEN + digest(address));
          s.setString(2, list);
          s.setString(3, address);
          s.executeUpdate();
        }
        try (PreparedStatement s =
            c.prepareStatement(
                "UPDATE cb_bounce SET address = NULL, diagnostic = NULL WHERE list_name = ?"
                    + " AND LOWER(address) = LOWER(?)")) {
          s.setString(1, list);
          s.setString(2, address);
          s.executeUpdate();
        }
        try (PreparedStatement s =
            c.prepareStatement(
                "INSERT INTO cb_suppression (list_name, address_sha256, created_at)"
                    + " VALUES (?, ?, ?)")) {
          s.setString(1, list);
          s.setString(2, digest(address));
          s.setLong(3, now.toEpochMilli());
          s.executeUpdate();
        } catch (SQLException e) {
          if (!Sql.duplicateKey(e)) {
            throw e;
          }
        }
        c.commit();
        return deleted == 1;
      } catch (SQLException e) {
        c.rollback();
        throw e;
      }
    } catch (SQLException e) {
      throw failure("cannot forget a subscriber of " + list, e);
    }
  }

  /** What the ledger holds in place of a forgotten address, before its digest. */
  public static final String FORGOTTEN = "forgotten:";

  /** Lets {@code address} be mailed on {@code list} again: it asked to join anew. */
  public void unsuppress(String list, String address) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement s =
            c.prepareStatement(
                "DELETE FROM cb_suppression WHERE list_name = ? AND address_sha256 = ?")) {
      s.setString(1, list);
      s.setString(2, digest(address));
      s.executeUpdate();
    } catch (SQLException e) {
      throw failure("cannot update the suppressed addresses of " + list, e);
    }
  }

  /** Whether {@code address} asked {@code list} to forget it. */
  public boolean suppressed(String list, String address) {
    return suppressions(list).contains(digest(address));
  }

  /** The digests of the addresses that asked {@code list} to forget them. */
  public Set<String> suppressions(String list) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement s =
            c.prepareStatement("SELECT address_sha256 FROM cb_suppression WHERE list_name = ?")) {
      s.setString(1, list);
      Set<String> digests = new HashSet<>();
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          digests.add(r.getString(1));
        }
      }
      return digests;
    } catch (SQLException e) {
      throw failure("cannot read the suppressed addresses of " + list, e);
    }
  }

  /** The digest an address is suppressed under. */
  public static String digest(String address) {
    return Digests.sha256(address.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Records single-use token {@code tokenId} as used.
   *
   * @return false if it was used before
   */
  public boolean use(String tokenId, Instant expires, Instant now) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement s =
            c.prepareStatement(
                "INSERT INTO cb_used_token (token_id, used_at, expires_at) VALUES (?, ?, ?)")) {
      s.setString(1, tokenId);
      s.setLong(2, now.toEpochMilli());
      s.setLong(3, expires.toEpochMilli());
      s.executeUpdate();
      return true;
    } catch (SQLException e) {
      if (Sql.duplicateKey(e)) {
        return false;
      }
      throw failure("cannot record a used token", e);
    }
  }

  /**
   * Deletes the requests never confirmed that were made before {@code before}, and the used tokens
   * that have expired by {@code now} (an expired token is refused anyway).
   *
   * @return the requests deleted
   */
  public int purge(Instant before, Instant now) {
    try (Connection c = dataSource.getConnection()) {
      int deleted;
      try (PreparedStatement s =
          c.prepareStatement(
              "DELETE FROM cb_subscriber WHERE status = ? AND confirmed_at IS NULL AND origin = ?"
                  + " AND created_at < ?")) {
        s.setString(1, Status.UNCONFIRMED.name());
        s.setString(2, Subscriber.Origin.SIGNUP.name());
        s.setLong(3, before.toEpochMilli());
        deleted = s.executeUpdate();
      }
      try (PreparedStatement s =
          c.prepareStatement("DELETE FROM cb_used_token WHERE expires_at < ?")) {
        s.setLong(1, now.toEpochMilli());
        s.executeUpdate();
      }
      return deleted;
    } catch (SQLException e) {
      throw failure("cannot purge the unconfirmed requests", e);
    }
  }

  private Optional<Subscriber> one(String sql, String list, String address) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement s = c.prepareStatement(sql)) {
      s.setString(1, list);
      s.setString(2, address);
      try (ResultSet r = s.executeQuery()) {
        return r.next() ? Optional.of(read(r)) : Optional.empty();
      }
    } catch (SQLException e) {
      throw failure("cannot read a subscriber of " + list, e);
    }
  }

  private static Subscriber read(ResultSet r) throws SQLException {
    long confirmed = r.getLong("confirmed_at");
    boolean unconfirmed = r.wasNull();
    String format = r.getString("format");
    return new Subscriber(
        r.getLong("id"),
        r.getString("list_name"),
        r.getString("address"),
        Status.valueOf(r.getString("status")),
        Subscriber.Origin.valueOf(r.getString("origin")),
        Optional.ofNullable(r.getString("language")).map(Locale::forLanguageTag),
        Optional.ofNullable(format).map(DistributionList.Format::valueOf),
        new Preferences(terms(r.getString("sectors")), terms(r.getString("products"))),
        Optional.ofNullable(r.getString("organisation")),
        r.getInt("soft_bounces"),
        Optional.ofNullable(r.getString("status_reason")),
        Optional.ofNullable(r.getString("decided_by")),
        Instant.ofEpochMilli(r.getLong("created_at")),
        unconfirmed ? Optional.empty() : Optional.of(Instant.ofEpochMilli(confirmed)),
        Instant.ofEpochMilli(r.getLong("updated_at")));
  }

  private static List<String> terms(String stored) {
    return stored == null || stored.isEmpty() ? List.of() : Arrays.asList(stored.split("\n"));
  }

  private static StateUnavailableException failure(String what, SQLException e) {
    return new StateUnavailableException(what + ": " + e.getMessage(), e);
  }
}
