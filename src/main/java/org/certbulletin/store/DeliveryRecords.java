package org.certbulletin.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The delivery ledger as an auditor reads it: every delivery of a week, its first version (key
 * {@code 2024-W51}) and its corrections ({@code 2024-W51/v2}, ...), read only.
 */
public final class DeliveryRecords {

  /**
   * One delivery as recorded.
   *
   * @param key the ledger's key: the week for its first version, {@code WEEK/vN} for version N
   * @param version the version it delivers: 1, or N of {@code WEEK/vN}
   * @param liveRun whether the run that claimed it is alive (a SENDING row of a dead run is
   *     uncertain)
   */
  public record Delivery(
      String key,
      int version,
      String list,
      String recipient,
      String editionTlp,
      Optional<String> editionLanguage,
      DeliveryLedger.Status status,
      Optional<Instant> sentAt,
      boolean liveRun) {

    public Delivery {
      Objects.requireNonNull(key, "key == null");
      Objects.requireNonNull(list, "list == null");
      Objects.requireNonNull(recipient, "recipient == null");
      Objects.requireNonNull(editionTlp, "editionTlp == null");
      Objects.requireNonNull(editionLanguage, "editionLanguage == null");
      Objects.requireNonNull(status, "status == null");
      Objects.requireNonNull(sentAt, "sentAt == null");
    }
  }

  private final DataSource dataSource;

  public DeliveryRecords(DataSource dataSource) {
    this.dataSource = Objects.requireNonNull(dataSource, "dataSource == null");
  }

  /** Every delivery of {@code week}'s versions, by list, version and queue order. */
  public List<Delivery> of(String week) {
    String sql =
        "SELECT d.week, d.list_name, d.recipient, d.edition_tlp, d.edition_language, d.status,"
            + " d.sent_at, r.run_id FROM cb_delivery d LEFT JOIN cb_delivery_run r"
            + " ON r.run_id = d.claimed_by WHERE d.week = ? OR d.week LIKE ?"
            + " ORDER BY d.list_name, d.week, d.id";
    try (Connection c = dataSource.getConnection();
        PreparedStatement s = c.prepareStatement(sql)) {
      s.setString(1, week);
      s.setString(2, week + "/v%");
      List<Delivery> all = new ArrayList<>();
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          String key = r.getString(1);
          all.add(
              new Delivery(
                  key,
                  version(key),
                  r.getString(2),
                  r.getString(3),
                  r.getString(4),
                  Optional.ofNullable(r.getString(5)),
                  DeliveryLedger.Status.valueOf(r.getString(6)),
                  Times.optional(r, "sent_at"),
                  r.getString(8) != null));
        }
      }
      return all;
    } catch (SQLException e) {
      throw new StateUnavailableException(
          "cannot read the deliveries of " + week + ": " + e.getMessage(), e);
    }
  }

  private static int version(String key) {
    int slash = key.indexOf("/v");
    return slash < 0 ? 1 : Integer.parseInt(key.substring(slash + 2));
  }
}
