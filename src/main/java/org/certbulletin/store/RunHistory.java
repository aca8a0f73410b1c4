package org.certbulletin.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The record of every scheduled run: one row per execution, written when it starts and when it
 * ends.
 */
public final class RunHistory {

  /** How a run ended; {@code RUNNING} until it does, {@code ABANDONED} if its process died. */
  public enum Outcome {
    RUNNING,
    SUCCEEDED,
    FAILED,
    ABANDONED
  }

  /** One run. */
  public record Run(
      long id,
      String job,
      String trigger,
      String week,
      Instant scheduled,
      Instant started,
      Optional<Instant> finished,
      Outcome outcome,
      int attempt,
      String node,
      Optional<String> detail) {

    public Optional<Duration> duration() {
      return finished.map(f -> Duration.between(started, f));
    }
  }

  private static final int DETAIL_LIMIT = 4000;

  private final DataSource dataSource;

  public RunHistory(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /** Records the start of a run and returns its id. */
  public long start(
      String job,
      String trigger,
      String week,
      Instant scheduled,
      Instant started,
      int attempt,
      String node) {
    String sql =
        "INSERT INTO cb_run_history (job, trigger_kind, week, scheduled_at, started_at, outcome,"
            + " attempt, node) VALUES (?, ?, ?, ?, ?, ?, ?, ?)";
    try (Connection c = dataSource.getConnection();
        PreparedStatement s = c.prepareStatement(sql, Statement.RETURN_GENERATED_KEYS)) {
      s.setString(1, job);
      s.setString(2, trigger);
      s.setString(3, week);
      s.setLong(4, scheduled.toEpochMilli());
      s.setLong(5, started.toEpochMilli());
      s.setString(6, Outcome.RUNNING.name());
      s.setInt(7, attempt);
      s.setString(8, node);
      s.executeUpdate();
      try (ResultSet keys = s.getGeneratedKeys()) {
        keys.next();
        return keys.getLong(1);
      }
    } catch (SQLException e) {
      throw new StateUnavailableException("cannot record the start of a run: " + e.getMessage(), e);
    }
  }

  /** Records how a run ended. */
  public void finish(long id, Outcome outcome, Instant finished, String detail) {
    String sql = "UPDATE cb_run_history SET outcome = ?, finished_at = ?, detail = ? WHERE id = ?";
    try (Connection c = dataSource.getConnection();
        PreparedStatement s = c.prepareStatement(sql)) {
      s.setString(1, outcome.name());
      s.setLong(2, finished.toEpochMilli());
      s.setString(
          3,
          detail == null
              ? null
              : detail.length() > DETAIL_LIMIT ? detail.substring(0, DETAIL_LIMIT) : detail);
      s.setLong(4, id);
      s.executeUpdate();
    } catch (SQLException e) {
      throw new StateUnavailableException(
          "cannot record the end of run " + id + ": " + e.getMessage(), e);
    }
  }

  /**
   * Marks the runs still running on nodes other than {@code live} as abandoned: their process died
   * (it stopped checking in), so they will not finish.
   *
   * @return how many runs were abandoned
   */
  public int abandonRunningExcept(Collection<String> live, Instant now) {
    String sql =
        "UPDATE cb_run_history SET outcome = ?, finished_at = ?, detail = ? WHERE outcome = ?"
            + (live.isEmpty()
                ? ""
                : " AND node NOT IN ("
                    + String.join(", ", Collections.nCopies(live.size(), "?"))
                    + ")");
    try (Connection c = dataSource.getConnection();
        PreparedStatement s = c.prepareStatement(sql)) {
      s.setString(1, Outcome.ABANDONED.name());
      s.setLong(2, now.toEpochMilli());
      s.setString(3, "the process stopped during the run; it is run again on recovery");
      s.setString(4, Outcome.RUNNING.name());
      int i = 5;
      for (String node : live) {
        s.setString(i++, node);
      }
      return s.executeUpdate();
    } catch (SQLException e) {
      throw new StateUnavailableException("cannot update the run history: " + e.getMessage(), e);
    }
  }

  /** The most recent runs, newest first. */
  public List<Run> recent(int limit) {
    return query("SELECT * FROM cb_run_history ORDER BY started_at DESC, id DESC", limit);
  }

  /** Every run, oldest first. */
  public List<Run> all() {
    return query("SELECT * FROM cb_run_history ORDER BY started_at, id", Integer.MAX_VALUE);
  }

  private List<Run> query(String sql, int limit) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement s = c.prepareStatement(sql)) {
      s.setMaxRows(limit == Integer.MAX_VALUE ? 0 : limit);
      List<Run> runs = new ArrayList<>();
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          long finished = r.getLong("finished_at");
          boolean hasFinished = !r.wasNull();
          runs.add(
              new Run(
                  r.getLong("id"),
                  r.getString("job"),
                  r.getString("trigger_kind"),
                  r.getString("week"),
                  Instant.ofEpochMilli(r.getLong("scheduled_at")),
                  Instant.ofEpochMilli(r.getLong("started_at")),
                  hasFinished ? Optional.of(Instant.ofEpochMilli(finished)) : Optional.empty(),
                  Outcome.valueOf(r.getString("outcome")),
                  r.getInt("attempt"),
                  r.getString("node"),
                  Optional.ofNullable(r.getString("detail"))));
        }
      }
      return runs;
    } catch (SQLException e) {
      throw new StateUnavailableException("cannot read the run history: " + e.getMessage(), e);
    }
  }
}
