package org.certbulletin.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.certbulletin.files.IoFailures;
import org.certbulletin.files.OutputLayout;
import org.certbulletin.model.StateSettings;
import org.flywaydb.core.Flyway;

/**
 * The state database of the scheduler and the delivery ledger: H2 in a file under {@code
 * out/state/} by default (other processes, such as {@code status}, connect to it while the daemon
 * runs), PostgreSQL when configured. The schema is created and migrated on open. Credentials come
 * from {@code CERT_BULLETIN_DB_USER} and {@code CERT_BULLETIN_DB_PASSWORD}.
 */
public final class Database implements AutoCloseable {

  private final HikariDataSource dataSource;
  private final String url;
  private final boolean postgres;

  private Database(HikariDataSource dataSource, String url) {
    this.dataSource = dataSource;
    this.url = url;
    this.postgres = url.startsWith("jdbc:postgresql:");
  }

  /**
   * Opens (and creates or migrates) the database for {@code settings}, defaulting to the embedded
   * database of {@code layout}.
   */
  public static Database open(StateSettings settings, OutputLayout layout) {
    return open(settings, layout, 0);
  }

  /**
   * Opens the database for a scheduler with {@code schedulerThreads} worker threads: each may hold
   * a connection for its job's store calls while the job itself uses others.
   */
  public static Database open(StateSettings settings, OutputLayout layout, int schedulerThreads) {
    if (settings.jdbcUrl().isEmpty()) {
      // made here, so that a folder the product may not write is said as the other writes say it
      try {
        Files.createDirectories(layout.embeddedDatabase().getParent());
      } catch (IOException e) {
        throw new StateUnavailableException(
            "cannot make the state database's folder: " + IoFailures.describe(e), e);
      }
    }
    String url = settings.jdbcUrl().orElseGet(() -> defaultUrl(layout));
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(url);
    String user = System.getenv("CERT_BULLETIN_DB_USER");
    if (user != null || url.startsWith("jdbc:h2:")) {
      config.setUsername(user == null ? "sa" : user);
    }
    String password = System.getenv("CERT_BULLETIN_DB_PASSWORD");
    if (password != null) {
      config.setPassword(password);
    }
    config.setMaximumPoolSize(poolSize(schedulerThreads));
    config.setMinimumIdle(1);
    config.setPoolName("cert-bulletin-state");
    config.setAutoCommit(true);
    config.setInitializationFailTimeout(10_000);
    HikariDataSource dataSource;
    try {
      dataSource = new HikariDataSource(config);
    } catch (RuntimeException e) {
      throw new StateUnavailableException(
          "cannot open the state database " + safe(url) + ": " + rootMessage(e), e);
    }
    Database database = new Database(dataSource, url);
    if (isCurrent(dataSource)) {
      return database;
    }
    try {
      Flyway.configure()
          .dataSource(dataSource)
          .locations("classpath:db/migration/common")
          .javaMigrations(new QuartzTables())
          .table("cb_schema_history")
          .load()
          .migrate();
    } catch (RuntimeException e) {
      database.close();
      throw new StateUnavailableException(
          "cannot prepare the state database " + safe(url) + ": " + rootMessage(e), e);
    }
    return database;
  }

  /**
   * The newest migration in {@code db/migration/common} (V1 is {@link QuartzTables}); {@code
   * DatabaseTest} checks that it is.
   */
  static final int LATEST_VERSION = 8;

  /**
   * Whether the schema is at {@link #LATEST_VERSION} already, every migration applied: then there
   * is nothing for Flyway to do, and loading it (a second of a command's start) is skipped. Any
   * doubt (no history table, a failed or a newer migration) leaves the answer to Flyway.
   */
  static boolean isCurrent(DataSource dataSource) {
    try (Connection connection = dataSource.getConnection();
        Statement statement = connection.createStatement();
        ResultSet rows =
            statement.executeQuery("select \"version\", \"success\" from \"cb_schema_history\"")) {
      int newest = 0;
      while (rows.next()) {
        String version = rows.getString(1);
        if (!rows.getBoolean(2)) {
          return false;
        }
        if (version != null) {
          newest = Math.max(newest, Integer.parseInt(version));
        }
      }
      return newest == LATEST_VERSION;
    } catch (SQLException | NumberFormatException e) {
      return false;
    }
  }

  /**
   * Connections for a scheduler's threads, plus Quartz's own (its misfire handler and cluster
   * check-in), plus the application's: run history, ledger, node check-in, the publish lock.
   */
  static int poolSize(int schedulerThreads) {
    return schedulerThreads + 2 + 4;
  }

  /**
   * The embedded database, on H2's {@code async:} file system: a thread interrupted while it writes
   * (Quartz interrupts its misfire handler when it stops) would otherwise close the whole database
   * for every thread, as {@code FileChannel} does on an interrupt.
   */
  static String defaultUrl(OutputLayout layout) {
    return "jdbc:h2:async:" + layout.embeddedDatabase() + ";AUTO_SERVER=TRUE;WRITE_DELAY=0";
  }

  public DataSource dataSource() {
    return dataSource;
  }

  public boolean isPostgres() {
    return postgres;
  }

  /** The JDBC URL without credentials, for messages. */
  public String description() {
    return safe(url);
  }

  @Override
  public void close() {
    dataSource.close();
  }

  private static String safe(String url) {
    return url.replaceAll("(?i)(password|user)=[^;&]*", "$1=***");
  }

  private static String rootMessage(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return String.valueOf(root.getMessage()).lines().findFirst().orElse("");
  }
}
