package org.certbulletin.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import org.certbulletin.model.Format;
import org.certbulletin.model.Tlp;
import org.certbulletin.model.WeekId;
import org.certbulletin.testing.PdfText;
import org.certbulletin.testing.SampleWorkspace;
import org.certbulletin.testing.SampleWorkspaceExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** A build is the edition at the week's own TLP: stricter items stay out of every output file. */
@ExtendWith(SampleWorkspaceExtension.class)
class EditionTest {

  private static final WeekId W51 = WeekId.parse("2024-W51");

  SampleWorkspace sample;

  @BeforeEach
  void copySample(SampleWorkspace sample) {
    this.sample = sample;
  }

  @Test
  void leavesItemsMarkedAboveTheWeekOutOfEveryFile() throws IOException {
    sample.editWeek(
        "2024-W51",
        json ->
            json.replace(
                "\"sector\": \"Public administration\",",
                "\"sector\": \"Public administration\", \"tlp\": \"AMBER\","));

    BuildResult result =
        new BulletinService(sample.workspace()).build(W51, EnumSet.allOf(Format.class));

    assertThat(result.edition()).isEqualTo(Tlp.CLEAR);
    Path folder = sample.out().resolve("site/2024/W51");
    String secret = "Microsoft Exchange flaw";
    assertThat(Files.readString(folder.resolve("bulletin.html")))
        .doesNotContain(secret)
        .contains("Document-security");
    assertThat(Files.readString(folder.resolve("bulletin.json"))).doesNotContain(secret);
    assertThat(String.join("\n", PdfText.pages(Files.readAllBytes(folder.resolve("bulletin.pdf")))))
        .doesNotContain(secret);
  }

  @Test
  void figuresOfAnEarlierWeekMarkedAboveTheEditionAppearInNoChangeOrTrend() throws IOException {
    sample.editWeek("2024-W50", json -> json.replace("\"tlp\": \"CLEAR\"", "\"tlp\": \"AMBER\""));

    new BulletinService(sample.workspace()).build(W51, EnumSet.of(Format.HTML));

    String html = Files.readString(sample.out().resolve("site/2024/W51/bulletin.html"));
    assertThat(html)
        .doesNotContain("3,126", "from 138")
        .contains("no figure for the previous week");
    assertThat(html)
        .as("the trend shows W50 as a gap, with no figure of it")
        .doesNotContain("W50: ");
  }

  @Test
  void filesOfTheArchiveAreReadableByAllAndRestrictedOnesByTheirOwnerOnly() throws IOException {
    sample.editWeek("2024-W50", json -> json.replace("\"tlp\": \"CLEAR\"", "\"tlp\": \"AMBER\""));
    BulletinService service = new BulletinService(sample.workspace());
    service.build(W51, EnumSet.of(Format.HTML));
    service.build(WeekId.parse("2024-W50"), EnumSet.of(Format.HTML));

    assertThat(
            java.nio.file.attribute.PosixFilePermissions.toString(
                Files.getPosixFilePermissions(sample.out().resolve("site/2024/W51/bulletin.html"))))
        .isEqualTo("rw-r--r--");
    assertThat(
            java.nio.file.attribute.PosixFilePermissions.toString(
                Files.getPosixFilePermissions(
                    sample.out().resolve("restricted/amber/2024/W50/bulletin.html"))))
        .isEqualTo("rw-------");
  }

  @Test
  void aWeekMarkedAmberIsBuiltOutsideThePublicSite() {
    sample.editWeek("2024-W51", json -> json.replace("\"tlp\": \"CLEAR\"", "\"tlp\": \"AMBER\""));

    BuildResult result =
        new BulletinService(sample.workspace()).build(W51, EnumSet.of(Format.HTML));

    assertThat(result.folder()).isEqualTo(sample.out().resolve("restricted/amber/2024/W51"));
    assertThat(sample.out().resolve("site")).doesNotExist();
    assertThat(result.folder().resolve("bulletin.html"))
        .content(StandardCharsets.UTF_8)
        .contains("TLP:AMBER");
  }
}
