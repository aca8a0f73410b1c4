package org.certbulletin.publish;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.certbulletin.model.ArchiveEntry;
import org.certbulletin.model.Issue;
import org.certbulletin.model.Tlp;
import org.certbulletin.model.WeekId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The manifest keeps when a week was corrected, and reads entries written before corrections. */
class PublishManifestTest {

  private static final Instant CORRECTED = Instant.parse("2024-12-27T06:30:00Z");

  @TempDir Path folder;

  @Test
  void keepsWhenAWeekWasCorrected() throws IOException {
    ArchiveEntry corrected = entry("2024-W51").correctedAt(CORRECTED);
    ArchiveEntry plain = entry("2024-W50");
    Path file = folder.resolve("publish.json");
    PublishManifest.of(List.of(corrected, plain)).save(file);

    PublishManifest read = PublishManifest.load(file);
    assertThat(read.get(WeekId.parse("2024-W51"))).contains(corrected);
    assertThat(read.get(WeekId.parse("2024-W50"))).contains(plain);
    assertThat(read.get(WeekId.parse("2024-W50")).orElseThrow().corrected()).isEmpty();
    assertThat(Files.readString(file))
        .containsOnlyOnce("\"corrected\"")
        .doesNotContain("\"updated\"");
  }

  private static ArchiveEntry entry(String week) {
    return new ArchiveEntry(
        WeekId.parse(week),
        new Issue(2024, 51, OptionalInt.empty()),
        OffsetDateTime.parse("2024-12-25T10:00:00+08:00"),
        Tlp.CLEAR,
        false,
        146,
        OptionalLong.of(92),
        OptionalLong.empty(),
        4,
        1,
        "inputs",
        Map.of("bulletin.html", new ArchiveEntry.FileDigest(10, "ab")));
  }
}
