package org.certbulletin.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The reports read from the bounce mailbox and acted on (bounces, unsubscribe requests, forged
 * reports refused), once each by the report's own id: a report read again, from the mailbox or a
 * pipe, is known.
 */
public final class BounceReports {

  /**
   * One report as recorded.
   *
   * @param reportId the report's Message-ID, or a digest of its bytes
   * @param kind {@code hard}, {@code soft}, {@code unsubscribe} or {@code refused}
   */
  public record Report(
      String reportId,
      Optional<Long> delivery,
      Optional<String> list,
      Optional<String> address,
      String kind,
      Optional<String> statusCode,
      Optional<String> diagnostic,
      Instant received) {

    public Report {
      Objects.requireNonNull(reportId, "reportId == null");
      Objects.requireNonNull(kind, "kind == null");
      Objects.requireNonNull(received, "received == null");
    }
  }

  private final DataSource dataSource;

  public BounceReports(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /** The report recorded under {@code reportId}, if it was. */
  public Optional<Report> find(String reportId) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement s = c.prepareStatement("SELECT * FROM cb_bounce WHERE report_id = ?")) {
      s.setString(1, reportId);
      try (ResultSet r = s.executeQuery()) {
        if (!r.next()) {
          return Optional.empty();
        }
        long delivery = r.getLong("delivery_id");
        boolean noDelivery = r.wasNull();
        return Optional.of(
            new Report(
                r.getString("report_id"),
                noDelivery ? Optional.empty() : Optional.of(delivery),
                Optional.ofNullable(r.getString("list_name")),
                Optional.ofNullable(r.getString("address")),
                r.getString("kind"),
                Optional.ofNullable(r.getString("status_code")),
                Optional.ofNullable(r.getString("diagnostic")),
                Instant.ofEpochMilli(r.getLong("received_at"))));
      }
    } catch (SQLException e) {
      throw failure("cannot read the bounce reports", e);
    }
  }

  /**
   * Records {@code report}.
   *
   * @return false if a report with its id was recorded before
   */
  public boolean record(Report report) {
    String sql =
        "INSERT INTO cb_bounce (report_id, delivery_id, list_name, address, kind, status_code,"
            + " diagnostic, received_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)";
    try (Connection c = dataSource.getConnection();
        PreparedStatement s = c.prepareStatement(sql)) {
      s.setString(1, report.reportId());
      if (report.delivery().isPresent()) {
        s.setLong(2, report.delivery().get());
      } else {
        s.setNull(2, Types.BIGINT);
      }
      s.setString(3, report.list().orElse(null));
      s.setString(4, report.address().orElse(null));
      s.setString(5, report.kind());
      s.setString(6, report.statusCode().orElse(null));
      s.setString(7, report.diagnostic().orElse(null));
      s.setLong(8, report.received().toEpochMilli());
      s.executeUpdate();
      return true;
    } catch (SQLException e) {
      if (Sql.duplicateKey(e)) {
        return false;
      }
      throw failure("cannot record a bounce report", e);
    }
  }

  private static StateUnavailableException failure(String what, SQLException e) {
    return new StateUnavailableException(what + ": " + e.getMessage(), e);
  }
}
