package org.certbulletin.testing;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;

/**
 * A PostgreSQL server of a test's own, which the test can stop and start again on the same data
 * folder and port, as an operator restarts the database under running clients. (The shared {@link
 * TestPostgres} server must never be stopped.)
 */
public final class RestartablePostgres implements AutoCloseable {

  private final Path folder;
  private final int port;
  private EmbeddedPostgres server;

  private RestartablePostgres(Path folder, int port) {
    this.folder = folder;
    this.port = port;
  }

  /** Creates and starts a server keeping its data in {@code folder}, on a free port. */
  public static RestartablePostgres start(Path folder) {
    RestartablePostgres postgres = new RestartablePostgres(folder, freePort());
    postgres.startAgain();
    return postgres;
  }

  /** The JDBC URL of the {@code postgres} database, user and password in it. */
  public String jdbcUrl() {
    return server.getJdbcUrl("postgres", "postgres");
  }

  /** Stops the server (fast shutdown: open sessions are ended, as on a restart). */
  public void stop() {
    if (server == null) {
      return;
    }
    try {
      server.close();
      server = null;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot stop the embedded PostgreSQL", e);
    }
  }

  /** Starts the server again on the same data and port. */
  public void startAgain() {
    try {
      server =
          EmbeddedPostgres.builder()
              .setDataDirectory(folder)
              .setCleanDataDirectory(false)
              .setPort(port)
              .start();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the embedded PostgreSQL in " + folder, e);
    }
  }

  @Override
  public void close() {
    stop();
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
