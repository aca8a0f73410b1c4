package org.certbulletin.store;

import java.nio.file.Path;
import java.util.Optional;
import org.certbulletin.files.OutputLayout;
import org.certbulletin.model.StateSettings;
import org.certbulletin.testing.TestPostgres;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;

/** The access tables on a real PostgreSQL 15. */
@Tag("slow")
class PostgresAccessStoreTest extends AccessStoreContract {

  @TempDir Path out;

  @Override
  Database open() {
    return Database.open(
        new StateSettings(Optional.of(TestPostgres.newDatabase()), true), new OutputLayout(out));
  }
}
