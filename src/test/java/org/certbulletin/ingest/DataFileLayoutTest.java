package org.certbulletin.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.certbulletin.files.JsonMapping;
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

  @Test
  void aChangedValueChangesOnlyItsLine() throws IOException {
    byte[] bytes = Files.readAllBytes(Path.of("data/weeks/2024-W51.json"));
    ObjectNode tree = (ObjectNode) JsonMapping.mapper().readTree(bytes);
    ((ObjectNode) tree.at("/tallies/data_breaches")).put("value", 3001);

    List<String> before = new String(bytes, StandardCharsets.UTF_8).lines().toList();
    List<String> after =
        new String(DataFileLayout.write(tree), StandardCharsets.UTF_8).lines().toList();

    assertThat(after).hasSameSizeAs(before);
    List<Integer> changed =
        Stream.iterate(0, i -> i + 1)
            .limit(before.size())
            .filter(i -> !before.get(i).equals(after.get(i)))
            .toList();
    assertThat(changed).hasSize(1);
    assertThat(after.get(changed.get(0))).isEqualTo("      \"value\": 3001");
  }
}
