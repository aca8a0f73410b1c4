package org.certbulletin.mail;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.certbulletin.model.Preferences;
import org.certbulletin.model.Tlp;
import org.certbulletin.model.Week;
import org.certbulletin.model.WeekId;
import org.certbulletin.render.MailChoice;
import org.certbulletin.service.BulletinService;
import org.certbulletin.testing.SampleWorkspace;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which of the sample week's advisories and highlights a subscriber's terms take in full. */
class PreferenceMatchTest {

  private static final WeekId W51 = WeekId.parse("2024-W51");

  Week english;
  Week chinese;

  @TempDir Path scratch;

  @BeforeEach
  void setUp() {
    // the sample as shipped, in English and Chinese
    SampleWorkspace sample = SampleWorkspace.copyAsShipped(scratch);
    BulletinService bulletins = new BulletinService(sample.workspace());
    english = bulletins.data().bulletin(W51, Locale.ENGLISH).editionFor(Tlp.AMBER).week();
    chinese =
        bulletins.data().bulletin(W51, Locale.forLanguageTag("zh-CN")).editionFor(Tlp.AMBER).week();
  }

  @Test
  void aVendorAVendorAndProductAndTheirCpeNamesMatch() {
    assertThat(advisories("adobe")).containsExactly("SNC-2024-0511");
    assertThat(advisories("Google Android")).containsExactly("SNC-2024-0512");
    assertThat(advisories("IBM Cognos Controller")).containsExactly("SNC-2024-0513");
    assertThat(advisories("cpe:2.3:a:ibm:cognos_controller:*:*:*:*:*:*:*:*"))
        .containsExactly("SNC-2024-0513");
    assertThat(advisories("cpe:/a:google")).containsExactly("SNC-2024-0512");
    assertThat(advisories("apache_software_foundation")).containsExactly("SNC-2024-0514");
  }

  @Test
  void aProductAloneOrAnotherVendorMatchesNothing() {
    assertThat(advisories("android")).isEmpty();
    assertThat(advisories("siemens")).isEmpty();
    assertThat(advisories("google")).as("the control").containsExactly("SNC-2024-0512");
  }

  @Test
  void aSectorMatchesAsTheMainLanguageNamesItAndIsNamedAsTheEditionDoes() {
    MailChoice choice =
        PreferenceMatch.choice(new Preferences(List.of("ENERGY"), List.of()), english, chinese);

    assertThat(choice.highlights()).containsExactly(2);
    assertThat(choice.advisories())
        .as("no vendor or product ticked: every advisory")
        .hasSize(english.advisories().size());
    assertThat(choice.names()).containsExactly("能源行业");
    assertThat(
            PreferenceMatch.choice(new Preferences(List.of("能源行业"), List.of()), english, chinese)
                .highlights())
        .as("a sector in another language than the main one is not the main one's")
        .isEmpty();
  }

  @Test
  void nothingChosenOrEverythingChosenIsTheWholeEdition() {
    assertThat(PreferenceMatch.choice(Preferences.EVERYTHING, english, english).whole()).isTrue();
    MailChoice all =
        PreferenceMatch.choice(
            new Preferences(
                List.of("manufacturing", "public administration", "energy"),
                List.of("adobe", "google", "ibm", "apache software foundation")),
            english,
            english);
    assertThat(all.whole()).isFalse();
    assertThat(PreferenceMatch.takesAll(all, english)).isTrue();
    MailChoice some =
        PreferenceMatch.choice(new Preferences(List.of(), List.of("adobe")), english, english);
    assertThat(PreferenceMatch.takesAll(some, english)).as("the control").isFalse();
  }

  private List<String> advisories(String term) {
    return PreferenceMatch.choice(new Preferences(List.of(), List.of(term)), english, english)
        .advisories()
        .stream()
        .sorted()
        .toList();
  }
}
