package org.certbulletin.store;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.certbulletin.files.Digests;
import org.certbulletin.files.LockHeldException;

/**
 * A lock held in a PostgreSQL database for every node that shares it (a session advisory lock on a
 * connection of its own): released when closed, and by the server when the holder's connection dies
 * with its process.
 */
public final class DatabaseLock implements AutoCloseable {

  private final Connection connection;
  private final long key;

  private DatabaseLock(Connection connection, long key) {
    this.connection = connection;
    this.key = key;
  }

  /**
   * Takes the lock named {@code name} or fails at once.
   *
   * @throws LockHeldException if another session, on any node, holds it
   * @throws IllegalArgumentException if the database is not PostgreSQL
   */
  public static DatabaseLock acquire(Database database, String name) {
    if (!database.isPostgres()) {
      throw new IllegalArgumentException(
          "database locks need PostgreSQL: " + database.description());
    }
    long key = keyOf(name);
    Connection connection = null;
    try {
      connection = database.dataSource().getConnection();
      connection.setAutoCommit(true);
      try (PreparedStatement s = connection.prepareStatement("SELECT pg_try_advisory_lock(?)")) {
        s.setLong(1, key);
        try (ResultSet r = s.executeQuery()) {
          r.next();
          if (!r.getBoolean(1)) {
            connection.close();
            throw new LockHeldException(
                "another node is doing the "
                    + name
                    + " (it holds the database lock '"
                    + name
                    + "' in "
                    + database.description()
                    + "); wait for it to finish");
          }
        }
      }
      return new DatabaseLock(connection, key);
    } catch (SQLException e) {
      closeQuietly(connection);
      throw new StateUnavailableException(
          "cannot take the database lock '" + name + "': " + e.getMessage(), e);
    }
  }

  @Override
  public void close() {
    try (connection;
        PreparedStatement s = connection.prepareStatement("SELECT pg_advisory_unlock(?)")) {
      s.setLong(1, key);
      s.executeQuery().close();
    } catch (SQLException e) {
      // the connection goes back to the pool broken or is closed: the server drops the lock with
      // the session either way
      throw new StateUnavailableException("cannot release a database lock: " + e.getMessage(), e);
    }
  }

  /** A stable 64-bit key for {@code name}, the same on every node. */
  static long keyOf(String name) {
    byte[] digest =
        Digests.newSha256().digest(("cert-bulletin:" + name).getBytes(StandardCharsets.UTF_8));
    long key = 0;
    for (int i = 0; i < 8; i++) {
      key = (key << 8) | (digest[i] & 0xff);
    }
    return key;
  }

  private static void closeQuietly(Connection connection) {
    if (connection != null) {
      try {
        connection.close();
      } catch (SQLException e) {
        // already failing; the first error is the one reported
      }
    }
  }
}
