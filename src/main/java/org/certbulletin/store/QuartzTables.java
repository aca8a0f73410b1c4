package org.certbulletin.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import org.flywaydb.core.api.migration.Context;
import org.flywaydb.core.api.migration.JavaMigration;

/**
 * Migration 1: the Quartz job store's tables, from the DDL script that ships inside the Quartz jar
 * for the database in use, so the schema always matches the Quartz version.
 */
public final class QuartzTables implements JavaMigration {

  @Override
  public org.flywaydb.core.api.MigrationVersion getVersion() {
    return org.flywaydb.core.api.MigrationVersion.fromVersion("1");
  }

  @Override
  public String getDescription() {
    return "Quartz tables";
  }

  @Override
  public Integer getChecksum() {
    return null;
  }

  @Override
  public boolean canExecuteInTransaction() {
    return true;
  }

  @Override
  public void migrate(Context context) throws SQLException, IOException {
    Connection connection = context.getConnection();
    String product = connection.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT);
    String script = product.contains("postgres") ? "tables_postgres.sql" : "tables_h2.sql";
    String sql;
    try (InputStream in =
        org.quartz.Scheduler.class.getResourceAsStream("/org/quartz/impl/jdbcjobstore/" + script)) {
      if (in == null) {
        throw new IOException("the Quartz jar has no " + script);
      }
      sql = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    try (Statement statement = connection.createStatement()) {
      for (String command : statements(sql)) {
        statement.execute(command);
      }
    }
  }

  /**
   * The script's statements without comments, transaction commands or drops (the database is new).
   */
  static java.util.List<String> statements(String sql) {
    StringBuilder clean = new StringBuilder();
    for (String line : sql.split("\n", -1)) {
      String trimmed = line.strip();
      if (!trimmed.startsWith("--") && !trimmed.startsWith("#")) {
        clean.append(line).append('\n');
      }
    }
    java.util.List<String> statements = new java.util.ArrayList<>();
    for (String part : clean.toString().split(";", -1)) {
      String command = part.strip();
      String upper = command.toUpperCase(Locale.ROOT);
      if (!command.isEmpty()
          && !upper.startsWith("DROP ")
          && !upper.equals("COMMIT")
          && !upper.startsWith("BEGIN")) {
        statements.add(command);
      }
    }
    return statements;
  }
}
