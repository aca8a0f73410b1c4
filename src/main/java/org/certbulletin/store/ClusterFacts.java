package org.certbulletin.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import javax.sql.DataSource;

/** Facts the nodes of a cluster share, by name: the first node to record one decides it. */
public final class ClusterFacts {

  private static final String UNIQUE_VIOLATION = "23505";

  private final DataSource dataSource;

  public ClusterFacts(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /** The value of {@code name}, recording {@code proposed} if there is none yet. */
  public String agree(String name, String proposed) {
    Optional<String> known = get(name);
    if (known.isPresent()) {
      return known.get();
    }
    try (Connection c = dataSource.getConnection();
        PreparedStatement s =
            c.prepareStatement("INSERT INTO cb_cluster (name, val) VALUES (?, ?)")) {
      s.setString(1, name);
      s.setString(2, proposed);
      s.executeUpdate();
      return proposed;
    } catch (SQLException e) {
      if (UNIQUE_VIOLATION.equals(e.getSQLState())) {
        return get(name).orElseThrow();
      }
      throw new StateUnavailableException("cannot record '" + name + "': " + e.getMessage(), e);
    }
  }

  /** The value of {@code name}, if a node recorded one. */
  public Optional<String> get(String name) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement s = c.prepareStatement("SELECT val FROM cb_cluster WHERE name = ?")) {
      s.setString(1, name);
      try (ResultSet r = s.executeQuery()) {
        return r.next() ? Optional.of(r.getString(1)) : Optional.empty();
      }
    } catch (SQLException e) {
      throw new StateUnavailableException("cannot read '" + name + "': " + e.getMessage(), e);
    }
  }
}
