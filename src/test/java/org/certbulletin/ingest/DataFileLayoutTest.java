package org.certbulletin.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.certbulletin.model.WeekId;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** Files cert-bulletin writes for analysts are laid out as the sample's hand-written files. */
class DataFileLayoutTest {

  private final DataDirectory sample = new DataDirectory(Path.of("data"));

  @Test
  void writesEverySampleWeekBackToItsOwnBytes() throws Exception {
    assertThat(sample.weeks()).hasSize(8);
    for (WeekId id : sample.weeks()) {
      byte[] onDisk = Files.readAllBytes(sample.weekFile(id));
      assertThat(new String(DataFileLayout.write(sample.document(id)), StandardCharsets.UTF_8))
          .as(id.toString())
          .isEqualTo(new String(onDisk, StandardCharsets.UTF_8));
    }
  }

  @Test
  void writesEmptyArraysAndObjectsShort() {
    ObjectNode tree = JsonNodeFactory.instance.objectNode();
    tree.putArray("notes");
    tree.putObject("of_which");
    tree.putArray("cves").add("CVE-2024-1").add("CVE-2024-2");

    assertThat(new String(DataFileLayout.write(tree), StandardCharsets.UTF_8))
        .isEqualTo(
            """
            {
              "notes": [],
              "of_which": {},
              "cves": [
                "CVE-2024-1",
                "CVE-2024-2"
              ]
            }
            """);
  }
}
