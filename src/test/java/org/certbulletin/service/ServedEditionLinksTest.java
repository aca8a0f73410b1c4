package org.certbulletin.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import org.certbulletin.model.Format;
import org.certbulletin.model.Principal;
import org.certbulletin.model.Tlp;
import org.certbulletin.model.WeekId;
import org.certbulletin.testing.SampleWorkspace;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An HTML edition served by the API links to its translations at their addresses in the API, not to
 * the files beside it in the archive (which the API does not serve); the archive's page keeps its
 * own links.
 */
class ServedEditionLinksTest {

  private static final Principal READER = Principal.system("test");
  private static final WeekId WEEK = WeekId.parse("2024-W51");

  @TempDir Path root;

  @Test
  void aServedPageLinksToItsTranslationsInTheApi() throws Exception {
    SampleWorkspace sample = SampleWorkspace.copyAsShipped(root);
    try (Application application =
        Application.open(sample.workspace(), Map.of(), Clock.systemUTC())) {
      BuildResult built =
          application.rereadBulletins(READER, "test").build(WEEK, EnumSet.allOf(Format.class));
      String served = html(application, "zh-CN", Optional.empty());
      String amber = html(application, "en", Optional.of(Tlp.AMBER));
      String archived =
          Files.readString(built.folder().resolve("bulletin.zh-CN.html"), StandardCharsets.UTF_8);

      assertThat(served).contains("href=\"../en/html\"").doesNotContain("href=\"bulletin.html\"");
      assertThat(amber).contains("href=\"../zh-CN/html?tlp=" + Tlp.AMBER.code() + "\"");
      // control: the archive's page links to the file beside it
      assertThat(archived).contains("href=\"bulletin.html\"");
    }
  }

  private static String html(Application application, String language, Optional<Tlp> tlp) {
    return new String(
        application
            .editions()
            .get(READER, WEEK, Optional.of(language), tlp, Editions.Kind.HTML)
            .bytes(),
        StandardCharsets.UTF_8);
  }
}
