package org.certbulletin.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;

/** Times as the tables keep them: epoch milliseconds, NULL for none. */
final class Times {

  private Times() {}

  static Optional<Instant> optional(ResultSet r, String column) throws SQLException {
    long millis = r.getLong(column);
    return r.wasNull() ? Optional.empty() : Optional.of(Instant.ofEpochMilli(millis));
  }
}
