package org.certbulletin.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import org.certbulletin.model.Format;
import org.certbulletin.model.InvalidDataException;
import org.certbulletin.model.WeekId;
import org.certbulletin.publish.WeekFailure;
import org.certbulletin.service.BulletinService;
import org.certbulletin.testing.Patience;
import org.certbulletin.testing.SampleWorkspace;
import org.certbulletin.testing.SampleWorkspaceExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
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

  @Test
  void aHugeStringFromABuiltInIsARenderFailureNamingTheTemplate(SampleWorkspace sample)
      throws Exception {
    inject(sample, "<#assign huge = \"x\"?left_pad(2000000000)>${huge?length}");
    assertThatThrownBy(() -> build(sample))
        .isInstanceOf(RenderException.class)
        .hasMessageContaining("bulletin")
        .hasMessageContaining("ran out of memory");
    inject(sample, "");
    assertThat(build(sample)).as("control: the same process renders again").exists();
  }

  @Test
  @Timeout(value = 600, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  void aLoopThatWritesNothingStopsAtTheTimeLimitNamingTemplateAndLine(SampleWorkspace sample)
      throws Exception {
    sample.configure("render", "{\"time_limit\": \"PT3S\"}");
    String runaway = "<#list 1..2000000000 as i><#list 1..2000000000 as j></#list></#list>";
    inject(sample, "\n" + runaway);
    String text = Files.readString(sample.templates().resolve("bulletin/bulletin.ftlh"));
    int line = (int) text.substring(0, text.indexOf(runaway)).lines().count() + 1;
    long start = System.nanoTime();
    assertThatThrownBy(() -> build(sample))
        .isInstanceOf(TemplateTimeLimitException.class)
        .hasMessageContaining("bulletin.ftlh:")
        .hasMessageContaining("did not finish within 3 seconds")
        .satisfies(
            e ->
                assertThat(WeekFailure.of((RuntimeException) e).timeLimit())
                    .as("the daemon does not retry it")
                    .isTrue())
        .satisfies(e -> assertThat(lineOf((InvalidDataException) e)).isEqualTo(line));
    assertThat(Duration.ofNanos(System.nanoTime() - start))
        .as("stopped near the limit, not after the loop")
        .isLessThan(Patience.stretched(Duration.ofSeconds(30)));
    inject(sample, "");
    assertThat(build(sample)).as("control: the same process renders again").exists();
  }

  @Test
  void anIncludeThroughALinkOutOfTheTemplatesFolderIsBadInputNamingTheTemplate(
      SampleWorkspace sample) throws Exception {
    Path outside = sample.root().resolve("secret.ftlh");
    Files.writeString(outside, "<p id=\"probe\">outside</p>");
    Files.createSymbolicLink(sample.templates().resolve("bulletin/part.ftlh"), outside);
    inject(sample, "<#include \"part.ftlh\">");
    assertThatThrownBy(() -> build(sample))
        .isInstanceOf(InvalidDataException.class)
        .hasMessageContaining("bulletin.ftlh")
        .hasMessageContaining("part.ftlh")
        .hasMessageContaining("outside the templates folder");
    Files.delete(sample.templates().resolve("bulletin/part.ftlh"));
    Files.writeString(sample.templates().resolve("bulletin/part.ftlh"), "<p>inside</p>");
    assertThat(build(sample)).as("control: an include inside the folder works").exists();
  }

  private static int lineOf(InvalidDataException e) {
    return e.problems().get(0).location().line();
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
