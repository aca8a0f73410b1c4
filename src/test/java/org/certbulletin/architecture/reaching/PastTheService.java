package org.certbulletin.architecture.reaching;

import java.util.List;
import javax.sql.DataSource;

/**
 * A door of the tests' own that reads the run history from the store itself, naming it in full with
 * no import line: what {@code OneDoorTest} must refuse.
 */
final class PastTheService {

  private PastTheService() {}

  static List<?> runs(DataSource dataSource) {
    return new org.certbulletin.store.RunHistory(dataSource).all();
  }
}
