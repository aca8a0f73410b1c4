package org.certbulletin.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import org.certbulletin.model.Format;
import org.certbulletin.model.WeekId;
import org.certbulletin.testing.SampleWorkspace;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The same input gives the same bytes, wherever and whenever it is built. */
class DeterministicBuildTest {

  @TempDir Path first;

  @TempDir Path second;

  @Test
  void twoBuildsInDifferentFoldersAreByteIdentical() throws IOException {
    Path a = buildIn(first);
    Path b = buildIn(second);
    for (String file : new String[] {"bulletin.html", "bulletin.pdf", "bulletin.json"}) {
      assertThat(Files.readAllBytes(a.resolve(file)))
          .as(file)
          .isEqualTo(Files.readAllBytes(b.resolve(file)));
    }
  }

  @Test
  void aChangedFigureChangesTheDocumentId() throws IOException {
    byte[] before = Files.readAllBytes(buildIn(first).resolve("bulletin.pdf"));
    SampleWorkspace other = SampleWorkspace.copyTo(second);
    other.editWeek("2024-W51", json -> json.replace("\"value\": 2950", "\"value\": 2951"));
    new BulletinService(other.workspace())
        .build(WeekId.parse("2024-W51"), EnumSet.allOf(Format.class));
    byte[] after = Files.readAllBytes(other.out().resolve("site/2024/W51/bulletin.pdf"));
    assertThat(trailerId(after)).isNotEqualTo(trailerId(before));
  }

  private static Path buildIn(Path root) {
    SampleWorkspace sample = SampleWorkspace.copyTo(root);
    new BulletinService(sample.workspace())
        .build(WeekId.parse("2024-W51"), EnumSet.allOf(Format.class));
    return sample.out().resolve("site/2024/W51");
  }

  private static String trailerId(byte[] pdf) throws IOException {
    try (var document = org.apache.pdfbox.Loader.loadPDF(pdf)) {
      return document
          .getDocument()
          .getTrailer()
          .getCOSArray(org.apache.pdfbox.cos.COSName.ID)
          .toString();
    }
  }
}
