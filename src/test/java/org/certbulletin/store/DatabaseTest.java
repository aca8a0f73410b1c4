package org.certbulletin.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.stream.Stream;
import org.certbulletin.files.OutputLayout;
import org.certbulletin.model.StateSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Opening the state database skips Flyway when the schema is current: the number it trusts is the
 * newest migration shipped, and any doubt goes to Flyway.
 */
class DatabaseTest {

  @TempDir Path root;

  @Test
  void theLatestVersionIsTheNewestMigrationShipped() throws IOException {
    int newest;
    try (Stream<Path> files = Files.list(Path.of("src/main/resources/db/migration/common"))) {
      newest =
          files
              .map(f -> f.getFileName().toString())
              .filter(name -> name.matches("V[0-9]+__.*\\.sql"))
              .mapToInt(name -> Integer.parseInt(name.substring(1, name.indexOf("__"))))
              .max()
              .orElseThrow();
    }
    assertThat(Database.LATEST_VERSION).isEqualTo(newest);
  }

  @Test
  void aCurrentSchemaIsKnownAsSuchAndAnyDoubtGoesToFlyway() throws Exception {
    OutputLayout layout = new OutputLayout(root.resolve("out"));
    try (Database database = Database.open(StateSettings.defaults(), layout)) {
      assertThat(Database.isCurrent(database.dataSource())).isTrue();
      try (Connection connection = database.dataSource().getConnection();
          Statement statement = connection.createStatement()) {
        statement.executeUpdate(
            "update \"cb_schema_history\" set \"success\" = false where \"version\" = '"
                + Database.LATEST_VERSION
                + "'");
      }
      // control: a failed migration is not current
      assertThat(Database.isCurrent(database.dataSource())).isFalse();
    }
    OutputLayout fresh = new OutputLayout(root.resolve("fresh"));
    try (Database database = Database.open(StateSettings.defaults(), fresh);
        Connection connection = database.dataSource().getConnection();
        Statement statement = connection.createStatement()) {
      statement.executeUpdate(
          "delete from \"cb_schema_history\" where \"version\" = '"
              + Database.LATEST_VERSION
              + "'");
      assertThat(Database.isCurrent(database.dataSource())).as("an older schema").isFalse();
    }
  }
}
