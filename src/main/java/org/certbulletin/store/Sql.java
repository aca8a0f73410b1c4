package org.certbulletin.store;

import java.sql.SQLException;

/** What a database's error means, the same on H2 and PostgreSQL. */
final class Sql {

  private Sql() {}

  /** Whether {@code e} is a unique or primary key violation (SQLSTATE 23505 on both). */
  static boolean duplicateKey(SQLException e) {
    for (Throwable t = e; t != null && t.getCause() != t; t = t.getCause()) {
      if (t instanceof SQLException sql && "23505".equals(sql.getSQLState())) {
        return true;
      }
    }
    return false;
  }
}
