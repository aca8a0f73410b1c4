package org.certbulletin.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;
import org.certbulletin.model.ReviewAct;
import org.certbulletin.model.ReviewState;
import org.certbulletin.model.WeekVersion;

/**
 * The versions of each week's bulletin and where each stands in review, in the state database so
 * that every node sharing it sees the same. Each change is a compare-and-set on the version's
 * status (or the insert of a new version, which the primary key makes unique), so two people or two
 * nodes acting at once cannot both move the same version: the second is told it lost and reads
 * again. A version's content, once submitted, is kept here: it is what is published.
 */
public final class WeekVersions {

  private static final String COLUMNS =
      "week, version, status, content_hash, edited_by, edited_at, submitted_by, submitted_at, note,"
          + " approved_by, approved_at, release_at, published_by, published_at, rejected_by,"
          + " rejected_at, rejection, updated_at";

  private final DataSource dataSource;

  public WeekVersions(DataSource dataSource) {
    this.dataSource = Objects.requireNonNull(dataSource, "dataSource == null");
  }

  /** The versions of {@code week}, oldest first. */
  public List<WeekVersion> versions(String week) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement s =
            c.prepareStatement(
                "SELECT " + COLUMNS + " FROM cb_week_version WHERE week = ? ORDER BY version")) {
      s.setString(1, week);
      List<WeekVersion> versions = new ArrayList<>();
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          versions.add(read(r));
        }
      }
      return versions;
    } catch (SQLException e) {
      throw unavailable("read the versions of " + week, e);
    }
  }

  /** The versions of every week that has one, by week, oldest first. */
  public Map<String, List<WeekVersion>> all() {
    try (Connection c = dataSource.getConnection();
        PreparedStatement s =
            c.prepareStatement(
                "SELECT " + COLUMNS + " FROM cb_week_version ORDER BY week, version");
        ResultSet r = s.executeQuery()) {
      Map<String, List<WeekVersion>> all = new LinkedHashMap<>();
      while (r.next()) {
        all.computeIfAbsent(r.getString("week"), w -> new ArrayList<>()).add(read(r));
      }
      return all;
    } catch (SQLException e) {
      throw unavailable("read the week versions", e);
    }
  }

  /** The content submitted as version {@code version} of {@code week}, if it has some. */
  public Optional<byte[]> content(String week, int version) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement s =
            c.prepareStatement(
                "SELECT content FROM cb_week_version WHERE week = ? AND version = ?")) {
      s.setString(1, week);
      s.setInt(2, version);
      try (ResultSet r = s.executeQuery()) {
        return r.next() ? Optional.ofNullable(r.getBytes(1)) : Optional.empty();
      }
    } catch (SQLException e) {
      throw unavailable("read version " + version + " of " + week, e);
    }
  }

  /**
   * Starts version {@code version} of {@code week} as a draft last edited by {@code edited}.
   *
   * @return false if that version exists already (someone else started it)
   */
  public boolean startDraft(String week, int version, ReviewAct edited) {
    return insert(week, version, ReviewState.DRAFT, null, null, edited, null, null);
  }

  /**
   * Starts version {@code version} of {@code week} submitted for review with {@code content}.
   *
   * @return false if that version exists already
   */
  public boolean startSubmitted(
      String week,
      int version,
      String hash,
      byte[] content,
      ReviewAct submitted,
      Optional<ReviewAct> edited,
      String note) {
    return insert(
        week, version, ReviewState.IN_REVIEW, hash, content, edited.orElse(null), submitted, note);
  }

  /**
   * Records {@code content} as version 1 of {@code week}, published already: a week the archive had
   * when approval became required.
   *
   * @return false if the week has a version 1 already
   */
  public boolean adopt(String week, String hash, byte[] content, ReviewAct published, String note) {
    String sql =
        "INSERT INTO cb_week_version (week, version, status, content_hash, content, note,"
            + " published_by, published_at, updated_at) VALUES (?, 1, 'PUBLISHED', ?, ?, ?, ?, ?,"
            + " ?)";
    try (Connection c = dataSource.getConnection();
        PreparedStatement s = c.prepareStatement(sql)) {
      s.setString(1, week);
      s.setString(2, hash);
      s.setBytes(3, content);
      s.setString(4, note);
      s.setString(5, published.by());
      s.setLong(6, published.at().toEpochMilli());
      s.setLong(7, published.at().toEpochMilli());
      s.executeUpdate();
      return true;
    } catch (SQLException e) {
      if (Sql.duplicateKey(e)) {
        return false;
      }
      throw unavailable("record the published " + week, e);
    }
  }

  /**
   * Records an edit of the draft {@code version} of {@code week}, or sends a submitted or approved
   * version back to draft, forgetting its content and sign-offs.
   *
   * @return false if the version was not in state {@code from} (someone moved it meanwhile)
   */
  public boolean edited(String week, int version, ReviewState from, ReviewAct edited) {
    return update(
        "UPDATE cb_week_version SET status = 'DRAFT', content_hash = NULL, content = NULL,"
            + " edited_by = ?, edited_at = ?, submitted_by = NULL, submitted_at = NULL,"
            + " approved_by = NULL, approved_at = NULL, release_at = NULL, updated_at = ?"
            + " WHERE week = ? AND version = ? AND status = ?",
        week,
        version,
        edited.by(),
        edited.at().toEpochMilli(),
        edited.at().toEpochMilli(),
        week,
        version,
        from.name());
  }

  /** Submits the draft {@code version} of {@code week} for review with {@code content}. */
  public boolean submit(
      String week, int version, String hash, byte[] content, ReviewAct submitted, String note) {
    return update(
        "UPDATE cb_week_version SET status = 'IN_REVIEW', content_hash = ?, content = ?,"
            + " submitted_by = ?, submitted_at = ?, note = ?, rejected_by = NULL,"
            + " rejected_at = NULL, rejection = NULL, updated_at = ?"
            + " WHERE week = ? AND version = ? AND status = ?",
        week,
        version,
        hash,
        content,
        submitted.by(),
        submitted.at().toEpochMilli(),
        note,
        submitted.at().toEpochMilli(),
        week,
        version,
        ReviewState.DRAFT.name());
  }

  /**
   * Approves {@code version} of {@code week}, if it is still in review with content {@code hash} as
   * submitted by {@code submittedBy}: the approver was checked against that submitter.
   */
  public boolean approve(
      String week,
      int version,
      String hash,
      String submittedBy,
      ReviewAct approved,
      Optional<Instant> releaseAt) {
    return update(
        "UPDATE cb_week_version SET status = 'APPROVED', approved_by = ?, approved_at = ?,"
            + " release_at = ?, updated_at = ?"
            + " WHERE week = ? AND version = ? AND status = ? AND content_hash = ?"
            + " AND submitted_by = ?",
        week,
        version,
        approved.by(),
        approved.at().toEpochMilli(),
        releaseAt.map(Instant::toEpochMilli).orElse(null),
        approved.at().toEpochMilli(),
        week,
        version,
        ReviewState.IN_REVIEW.name(),
        hash,
        submittedBy);
  }

  /** Sends {@code version} of {@code week} back to draft from {@code from}, saying why. */
  public boolean reject(
      String week, int version, ReviewState from, ReviewAct rejected, String reason) {
    return update(
        "UPDATE cb_week_version SET status = 'DRAFT', content_hash = NULL, content = NULL,"
            + " approved_by = NULL, approved_at = NULL, release_at = NULL, rejected_by = ?,"
            + " rejected_at = ?, rejection = ?, updated_at = ?"
            + " WHERE week = ? AND version = ? AND status = ?",
        week,
        version,
        rejected.by(),
        rejected.at().toEpochMilli(),
        reason,
        rejected.at().toEpochMilli(),
        week,
        version,
        from.name());
  }

  /** Marks the approved {@code version} of {@code week} published. */
  public boolean published(String week, int version, ReviewAct published) {
    return update(
        "UPDATE cb_week_version SET status = 'PUBLISHED', published_by = ?, published_at = ?,"
            + " updated_at = ? WHERE week = ? AND version = ? AND status = ?",
        week,
        version,
        published.by(),
        published.at().toEpochMilli(),
        published.at().toEpochMilli(),
        week,
        version,
        ReviewState.APPROVED.name());
  }

  private boolean insert(
      String week,
      int version,
      ReviewState status,
      String hash,
      byte[] content,
      ReviewAct edited,
      ReviewAct submitted,
      String note) {
    String sql =
        "INSERT INTO cb_week_version (week, version, status, content_hash, content, edited_by,"
            + " edited_at, submitted_by, submitted_at, note, updated_at)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    ReviewAct latest = submitted != null ? submitted : edited;
    try (Connection c = dataSource.getConnection();
        PreparedStatement s = c.prepareStatement(sql)) {
      s.setString(1, week);
      s.setInt(2, version);
      s.setString(3, status.name());
      s.setString(4, hash);
      s.setBytes(5, content);
      s.setString(6, edited == null ? null : edited.by());
      s.setObject(7, edited == null ? null : edited.at().toEpochMilli());
      s.setString(8, submitted == null ? null : submitted.by());
      s.setObject(9, submitted == null ? null : submitted.at().toEpochMilli());
      s.setString(10, note);
      s.setLong(11, latest.at().toEpochMilli());
      s.executeUpdate();
      return true;
    } catch (SQLException e) {
      if (Sql.duplicateKey(e)) {
        return false;
      }
      throw unavailable("start version " + version + " of " + week, e);
    }
  }

  /** Runs {@code sql} with {@code parameters}, and whether it changed a row. */
  private boolean update(String sql, String week, int version, Object... parameters) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement s = c.prepareStatement(sql)) {
      for (int i = 0; i < parameters.length; i++) {
        if (parameters[i] instanceof byte[] bytes) {
          s.setBytes(i + 1, bytes);
        } else {
          s.setObject(i + 1, parameters[i]);
        }
      }
      return s.executeUpdate() == 1;
    } catch (SQLException e) {
      throw unavailable("change version " + version + " of " + week, e);
    }
  }

  private static WeekVersion read(ResultSet r) throws SQLException {
    return new WeekVersion(
        r.getInt("version"),
        ReviewState.valueOf(r.getString("status")),
        Optional.ofNullable(r.getString("content_hash")),
        act(r, "edited_by", "edited_at"),
        act(r, "submitted_by", "submitted_at"),
        Optional.ofNullable(r.getString("note")),
        act(r, "approved_by", "approved_at"),
        Times.optional(r, "release_at"),
        act(r, "published_by", "published_at"),
        act(r, "rejected_by", "rejected_at"),
        Optional.ofNullable(r.getString("rejection")));
  }

  private static Optional<ReviewAct> act(ResultSet r, String by, String at) throws SQLException {
    String who = r.getString(by);
    Optional<Instant> when = Times.optional(r, at);
    return who == null || when.isEmpty()
        ? Optional.empty()
        : Optional.of(new ReviewAct(who, when.get()));
  }

  private static StateUnavailableException unavailable(String what, SQLException e) {
    return new StateUnavailableException("cannot " + what + ": " + e.getMessage(), e);
  }
}
