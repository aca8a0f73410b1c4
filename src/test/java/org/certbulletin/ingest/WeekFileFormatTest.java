package org.certbulletin.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.certbulletin.files.JsonMapping;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A week file read as a tree and written back keeps its bytes: a program's edit shows as itself.
 */
class WeekFileFormatTest {

  @Test
  void everyShippedWeekFileIsWrittenBackByteForByte() throws IOException {
    List<Path> files;
    try (Stream<Path> list = Files.list(Path.of("data/weeks"))) {
      files = list.filter(f -> f.toString().endsWith(".json")).sorted().toList();
    }
    assertThat(files).hasSizeGreaterThanOrEqualTo(8);
    for (Path file : files) {
      byte[] bytes = Files.readAllBytes(file);
      JsonNode tree = JsonMapping.mapper().readTree(bytes);
      assertThat(new String(WeekFileFormat.write(tree), StandardCharsets.UTF_8))
          .as(file.toString())
          .isEqualTo(new String(bytes, StandardCharsets.UTF_8));
    }
  }

  @Test
  void aChangedValueChangesOnlyItsLine() throws IOException {
    byte[] bytes = Files.readAllBytes(Path.of("data/weeks/2024-W51.json"));
    ObjectNode tree = (ObjectNode) JsonMapping.mapper().readTree(bytes);
    ((ObjectNode) tree.at("/tallies/data_breaches")).put("value", 3001);

    List<String> before = new String(bytes, StandardCharsets.UTF_8).lines().toList();
    List<String> after =
        new String(WeekFileFormat.write(tree), StandardCharsets.UTF_8).lines().toList();

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
