package org.certbulletin.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import org.certbulletin.model.WeekId;
import org.certbulletin.service.BulletinService;
import org.certbulletin.testing.SampleWorkspace;
import org.certbulletin.testing.SampleWorkspaceExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A user's template cannot reach Java through the model, nor take the process down: endless
 * recursion and runaway output become errors naming the template, and the next render works.
 */
@ExtendWith(SampleWorkspaceExtension.class)
class HostileTemplateTest {

  private static final WeekId W51 = WeekId.parse("2024-W51");

  @Test
  void aTemplateCannotReadClassMetadata(SampleWorkspace sample) throws Exception {
    inject(sample, "<p id=\"probe\">${b.getClass().getName()}</p>");
    assertThatThrownBy(() -> build(sample))
        .isInstanceOf(RenderException.class)
        .hasMessageContaining("bulletin.ftlh");
    inject(sample, "<p id=\"probe\">${b.class.name}</p>");
    assertThatThrownBy(() -> build(sample)).isInstanceOf(RenderException.class);
  }

  @Test
  void controlTheViewItselfIsReadable(SampleWorkspace sample) throws Exception {
    inject(sample, "<p id=\"probe\">${b.weekId} ${b.issuer.name}</p>");
    Path folder = build(sample);
    assertThat(Files.readString(folder.resolve("bulletin.html")))
        .contains("<p id=\"probe\">2024-W51 Sample National CERT</p>");
  }

  @Test
  void endlessRecursionIsAnErrorNamingTheTemplateAndTheNextRenderWorks(SampleWorkspace sample)
      throws Exception {
    inject(sample, "<#macro again n><@again n + 1/></#macro><@again 0/>");
    assertThatThrownBy(() -> build(sample))
        .isInstanceOf(RenderException.class)
        .hasMessageContaining("bulletin.ftlh")
        .hasMessageContaining("nests too deeply");
    inject(sample, "");
    assertThat(build(sample)).as("control: the same process renders again").exists();
  }

  @Test
  void runawayOutputStopsAtTheLimit(SampleWorkspace sample) throws Exception {
    inject(sample, "<#list 1..2000000000 as i>runaway output </#list>");
    assertThatThrownBy(() -> build(sample))
        .isInstanceOf(RenderException.class)
        .hasMessageContaining("wrote more than");
  }

  private static void inject(SampleWorkspace sample, String fragment) throws Exception {
    Path template = sample.templates().resolve("bulletin/bulletin.ftlh");
    Path pristine = sample.root().resolve("bulletin.ftlh.orig");
    if (!Files.exists(pristine)) {
      Files.copy(template, pristine);
    }
    String text = Files.readString(pristine);
    int body = text.indexOf("<body");
    int after = text.indexOf('>', body) + 1;
    Files.writeString(template, text.substring(0, after) + fragment + text.substring(after));
  }

  private static Path build(SampleWorkspace sample) {
    return new BulletinService(sample.workspace()).build(W51, EnumSet.allOf(Format.class)).folder();
  }
}
