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
import java.util.function.Function;
import javax.sql.DataSource;

/**
 * The daemons that use the state database: each registers at start, checks in while it runs, and
 * records when it stops. A node that stopped, or has not checked in for a while, is dead: its runs
 * may be taken over.
 */
public final class NodeRegistry {

  /**
   * One daemon process.
   *
   * @param id unique per process, never reused
   * @param schedule the node's schedule in a form that compares (cron, zone, misfire)
   */
  public record Node(
      String id,
      String host,
      long pid,
      Instant started,
      Instant checkedIn,
      Optional<Instant> stopped,
      boolean clustered,
      String schedule) {

    public Node {
      Objects.requireNonNull(id, "id == null");
      Objects.requireNonNull(host, "host == null");
      Objects.requireNonNull(stopped, "stopped == null");
      Objects.requireNonNull(schedule, "schedule == null");
    }

    /**
     * True unless the node stopped, missed its check-ins for {@code deadAfter}, or runs on {@code
     * thisHost} and its process is gone.
     */
    public boolean alive(Instant now, Duration deadAfter, String thisHost) {
      if (stopped.isPresent() || checkedIn.plus(deadAfter).isBefore(now)) {
        return false;
      }
      return !host.equals(thisHost)
          || ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }
  }

  private final DataSource dataSource;

  public NodeRegistry(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /**
   * Registers {@code self} if {@code admission}, shown every other registered node, finds no reason
   * to refuse it. Nodes starting at once decide one after the other.
   *
   * @return the reason {@code self} was refused, or empty once it is registered
   */
  public Optional<String> join(Node self, Function<List<Node>, Optional<String>> admission) {
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      try {
        try (PreparedStatement lock =
            c.prepareStatement(
                "SELECT name FROM cb_node_admission WHERE name = 'nodes' FOR UPDATE")) {
          lock.executeQuery().close();
        }
        List<Node> others = new ArrayList<>();
        for (Node node : read(c)) {
          if (!node.id().equals(self.id())) {
            others.add(node);
          }
        }
        Optional<String> refusal = admission.apply(others);
        if (refusal.isPresent()) {
          c.rollback();
          return refusal;
        }
        try (PreparedStatement s =
            c.prepareStatement(
                "INSERT INTO cb_node (node_id, host, pid, started_at, checked_in_at, clustered,"
                    + " schedule) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
          s.setString(1, self.id());
          s.setString(2, self.host());
          s.setLong(3, self.pid());
          s.setLong(4, self.started().toEpochMilli());
          s.setLong(5, self.checkedIn().toEpochMilli());
          s.setBoolean(6, self.clustered());
          s.setString(7, self.schedule());
          s.executeUpdate();
        }
        c.commit();
        return Optional.empty();
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      }
    } catch (SQLException e) {
      throw new StateUnavailableException("cannot register this node: " + e.getMessage(), e);
    }
  }

  /** Records that {@code node} is alive at {@code now}. */
  public void checkIn(String node, Instant now) {
    update("UPDATE cb_node SET checked_in_at = ? WHERE node_id = ?", now, node);
  }

  /** Records that {@code node} stopped at {@code now}. */
  public void stopped(String node, Instant now) {
    update("UPDATE cb_node SET stopped_at = ? WHERE node_id = ?", now, node);
  }

  /** Every node that has registered, most recently started first. */
  public List<Node> all() {
    try (Connection c = dataSource.getConnection()) {
      return read(c);
    } catch (SQLException e) {
      throw new StateUnavailableException("cannot read the node registry: " + e.getMessage(), e);
    }
  }

  private static List<Node> read(Connection c) throws SQLException {
    List<Node> nodes = new ArrayList<>();
    try (PreparedStatement s =
            c.prepareStatement("SELECT * FROM cb_node ORDER BY started_at DESC, node_id");
        ResultSet r = s.executeQuery()) {
      while (r.next()) {
        long stopped = r.getLong("stopped_at");
        boolean hasStopped = !r.wasNull();
        nodes.add(
            new Node(
                r.getString("node_id"),
                r.getString("host"),
                r.getLong("pid"),
                Instant.ofEpochMilli(r.getLong("started_at")),
                Instant.ofEpochMilli(r.getLong("checked_in_at")),
                hasStopped ? Optional.of(Instant.ofEpochMilli(stopped)) : Optional.empty(),
                r.getBoolean("clustered"),
                r.getString("schedule")));
      }
    }
    return nodes;
  }

  private void update(String sql, Instant now, String node) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement s = c.prepareStatement(sql)) {
      s.setLong(1, now.toEpochMilli());
      s.setString(2, node);
      s.executeUpdate();
    } catch (SQLException e) {
      throw new StateUnavailableException("cannot update the node registry: " + e.getMessage(), e);
    }
  }
}
