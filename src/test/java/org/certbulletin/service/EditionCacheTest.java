package org.certbulletin.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.certbulletin.files.OutputLayout;
import org.certbulletin.mail.ListEdition;
import org.certbulletin.model.DistributionList;
import org.certbulletin.model.WeekId;
import org.certbulletin.render.MailBodies;
import org.certbulletin.testing.SampleWorkspace;
import org.certbulletin.testing.SampleWorkspaceExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** A list's edition is rendered once and kept: a send started again reuses it, byte for byte. */
@ExtendWith(SampleWorkspaceExtension.class)
class EditionCacheTest {

  private static final WeekId W51 = WeekId.parse("2024-W51");

  SampleWorkspace sample;
  Path file;

  @BeforeEach
  void setUp(SampleWorkspace sample) {
    this.sample = sample;
    this.file = new OutputLayout(sample.out()).editionCache(W51, "public");
  }

  @Test
  void aSecondRenderInAnotherServiceGivesTheSameBytes() throws Exception {
    ListEdition first = render();
    ListEdition second = render();

    assertThat(file).exists();
    assertThat(second.pdf()).isEqualTo(first.pdf());
    assertThat(second.bodies()).isEqualTo(first.bodies());
  }

  @Test
  void theKeptEditionIsUsedWhileItsInputsAreUnchanged() throws Exception {
    ListEdition rendered = render();
    keep(keyIn(file), new MailBodies("kept subject", "<p>kept</p>", "kept"), rendered.pdf());

    assertThat(render().bodies().subject()).isEqualTo("kept subject");
  }

  @Test
  void aChangedWeekIsRenderedAgain() throws Exception {
    ListEdition rendered = render();
    keep(keyIn(file), new MailBodies("kept subject", "<p>kept</p>", "kept"), rendered.pdf());

    sample.editWeek("2024-W51", json -> json.replace("\"value\": 2950", "\"value\": 2951"));

    assertThat(render().bodies().subject()).isEqualTo(rendered.bodies().subject());
  }

  @Test
  void aDamagedFileIsRenderedAgainAndReplaced() throws Exception {
    ListEdition rendered = render();
    byte[] bytes = Files.readAllBytes(file);
    bytes[bytes.length / 2] ^= 1;
    Files.write(file, bytes);

    assertThat(new EditionCache(file).read(keyIn(file))).isEmpty();
    assertThat(render().pdf()).isEqualTo(rendered.pdf());
    assertThat(new EditionCache(file).read(keyIn(file))).isPresent();
  }

  @Test
  void anotherKeyIsAMiss() throws Exception {
    EditionCache cache = new EditionCache(file);
    cache.write("one", new EditionCache.Entry(new MailBodies("s", "h", "t"), new byte[] {1, 2}));

    assertThat(cache.read("two")).isEmpty();
    assertThat(cache.read("one"))
        .hasValueSatisfying(e -> assertThat(e.pdf()).containsExactly(1, 2));
  }

  private ListEdition render() {
    BulletinService bulletins = new BulletinService(sample.workspace());
    DistributionList list = bulletins.data().config().list("public").orElseThrow();
    return new MailService(bulletins, (smtp, environment) -> null).renderForList(W51, list);
  }

  private void keep(String key, MailBodies bodies, byte[] pdf) {
    new EditionCache(file).write(key, new EditionCache.Entry(bodies, pdf));
  }

  /** The key the file was written under (its second block, after the format's name). */
  private static String keyIn(Path file) throws Exception {
    try (DataInputStream in =
        new DataInputStream(new ByteArrayInputStream(Files.readAllBytes(file)))) {
      in.skipNBytes(in.readInt());
      return new String(in.readNBytes(in.readInt()), StandardCharsets.UTF_8);
    }
  }
}
