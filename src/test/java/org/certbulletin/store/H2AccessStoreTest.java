package org.certbulletin.store;

import java.nio.file.Path;
import org.certbulletin.files.OutputLayout;
import org.certbulletin.model.StateSettings;
import org.junit.jupiter.api.io.TempDir;

/** The access tables on the embedded H2 database. */
class H2AccessStoreTest extends AccessStoreContract {

  @TempDir Path out;

  @Override
  Database open() {
    return Database.open(StateSettings.defaults(), new OutputLayout(out));
  }
}
