package org.certbulletin.schedule;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.quartz.utils.ConnectionProvider;

/** Lends Quartz the connections of the state database's pool. */
final class QuartzConnections implements ConnectionProvider {

  private final DataSource dataSource;

  QuartzConnections(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  @Override
  public Connection getConnection() throws SQLException {
    return dataSource.getConnection();
  }

  @Override
  public void shutdown() {
    // the pool belongs to the daemon node, which closes it
  }

  @Override
  public void initialize() {
    // nothing to do: the pool is open
  }
}
