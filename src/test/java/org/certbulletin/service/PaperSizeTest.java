package org.certbulletin.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.certbulletin.model.Format;
import org.certbulletin.model.WeekId;
import org.certbulletin.testing.SampleWorkspace;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PaperSizeTest {

  @TempDir Path root;

  @Test
  void pdfIsA4ByDefaultAndLetterByConfig() throws IOException {
    SampleWorkspace sample = SampleWorkspace.copyTo(root);
    assertThat(pageSize(sample)).isEqualTo(new float[] {595.3f, 841.9f});
    Path config = sample.data().resolve("config.json");
    Files.writeString(
        config,
        Files.readString(config).replace("\"page_size\": \"A4\"", "\"page_size\": \"Letter\""));
    assertThat(pageSize(sample)).isEqualTo(new float[] {612f, 792f});
  }

  private static float[] pageSize(SampleWorkspace sample) throws IOException {
    new BulletinService(sample.workspace()).build(WeekId.parse("2024-W51"), EnumSet.of(Format.PDF));
    try (PDDocument document =
        Loader.loadPDF(sample.out().resolve("site/2024/W51/bulletin.pdf").toFile())) {
      PDRectangle box = document.getPage(0).getMediaBox();
      return new float[] {
        Math.round(box.getWidth() * 10) / 10f, Math.round(box.getHeight() * 10) / 10f
      };
    }
  }
}
