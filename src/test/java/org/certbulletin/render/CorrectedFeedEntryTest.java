package org.certbulletin.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.certbulletin.ingest.DataDirectory;
import org.certbulletin.model.ArchiveEntry;
import org.certbulletin.model.Bulletin;
import org.certbulletin.model.WeekId;
import org.certbulletin.testing.SampleWorkspace;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.parser.Parser;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A corrected week keeps its Atom entry, updated at the correction. */
class CorrectedFeedEntryTest {

  @TempDir static Path root;

  static ArchiveRenderer archive;
  static Bulletin bulletin;

  @BeforeAll
  static void load() {
    SampleWorkspace sample = SampleWorkspace.copyTo(root);
    bulletin =
        new DataDirectory(sample.workspace().data())
            .bulletin(WeekId.parse("2024-W51"), Locale.ENGLISH);
    archive = new ArchiveRenderer(sample.workspace().templates());
  }

  @Test
  void theEntryKeepsItsIdAndIsUpdatedAtTheCorrection() {
    ArchiveEntry first = ArchiveEntry.of(bulletin.week(), "inputs", Map.of());
    Bulletin corrected = Corrections.corrected(bulletin, "note");
    ArchiveEntry second =
        ArchiveEntry.of(corrected.week(), corrected.revision(), "inputs", Map.of());

    Element before = entry(feed(first));
    Element after = entry(feed(second));

    assertThat(after.selectFirst("id").text()).isEqualTo(before.selectFirst("id").text());
    assertThat(after.selectFirst("published").text())
        .isEqualTo(before.selectFirst("published").text())
        .isEqualTo("2024-12-25T02:00:00Z");
    assertThat(before.selectFirst("updated").text())
        .as("control")
        .isEqualTo("2024-12-25T02:00:00Z");
    assertThat(after.selectFirst("updated").text()).isEqualTo("2024-12-27T06:30:00Z");
    assertThat(feed(second).selectFirst("feed > updated").text())
        .as("the feed is updated with it")
        .isEqualTo("2024-12-27T06:30:00Z");
  }

  private Document feed(ArchiveEntry entry) {
    return Jsoup.parse(
        new String(archive.feed(List.of(entry), bulletin.config()), StandardCharsets.UTF_8),
        "",
        Parser.xmlParser());
  }

  private static Element entry(Document feed) {
    return feed.selectFirst("entry");
  }
}
