package org.certbulletin.http.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.certbulletin.model.Principal;
import org.certbulletin.service.Application;
import org.certbulletin.service.Bulletins;
import org.certbulletin.service.WeekDocuments;
import org.certbulletin.testing.SampleWorkspace;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The editor's form loses nothing it does not show: a week put into the form and saved unchanged is
 * the same file, byte for byte, for every week of the sample in both its languages; a text in a
 * language the bulletin does not have, and a plain string, survive an edit of another field.
 */
class WeekFormTest {

  @TempDir Path root;

  private SampleWorkspace sample;
  private Application application;
  private WeekForm form;

  @BeforeEach
  void open() {
    sample = SampleWorkspace.copyAsShipped(root.resolve("workspace"));
    application = Application.open(sample.workspace(), Map.of(), Clock.systemUTC());
    Bulletins bulletins = application.bulletins(Principal.system("test"), "test");
    form = new WeekForm(bulletins.tallyFields(Locale.ENGLISH), bulletins.languages());
  }

  @AfterEach
  void close() {
    application.close();
  }

  private ObjectNode week(String id) {
    return (ObjectNode) WeekForm.JSON.readTree(sample.readWeek(id));
  }

  @Test
  void everySampleWeekSavedUnchangedIsTheSameFile() {
    assertThat(form.languages()).containsExactly("en", "zh-CN");
    for (String id :
        List.of(
            "2024-W44",
            "2024-W45",
            "2024-W46",
            "2024-W47",
            "2024-W48",
            "2024-W49",
            "2024-W50",
            "2024-W51")) {
      ObjectNode json = week(id);
      Map<String, String> fields = form.fields(json);
      assertThat(form.apply(json, fields)).isEmpty();
      assertThat(new String(WeekDocuments.fileBytes(json), java.nio.charset.StandardCharsets.UTF_8))
          .as(id)
          .isEqualTo(sample.readWeek(id));
    }
  }

  @Test
  void anEditKeepsTextsInOtherLanguagesAndPlainStrings() {
    ObjectNode json = week("2024-W51");
    ((ObjectNode) json.get("situation").get("text")).put("fr", "La situation était bonne.");
    ((ObjectNode) json.withArray("notes").get(0)).removeAll();
    json.withArray("notes")
        .set(0, WeekForm.JSON.getNodeFactory().stringNode("One note for every edition."));
    Map<String, String> fields = new LinkedHashMap<>(form.fields(json));
    fields.put("situation.text.en", "The overall situation was fair.");
    assertThat(fields).containsEntry("notes.0.en", "One note for every edition.");

    form.apply(json, fields);

    JsonNode text = json.get("situation").get("text");
    assertThat(text.get("fr").asString()).isEqualTo("La situation était bonne.");
    assertThat(text.get("en").asString()).isEqualTo("The overall situation was fair.");
    assertThat(text.get("zh-CN").asString()).startsWith("本周网络安全基本态势为良");
    assertThat(json.get("notes").get(0).isString()).isTrue();
    // the control: emptying a language's field removes that language's text
    fields.put("situation.text.zh-CN", "");
    form.apply(json, fields);
    assertThat(json.get("situation").get("text").has("zh-CN")).isFalse();
  }

  @Test
  void aNumberThatIsNotOneChangesNothingAndIsNamed() {
    ObjectNode json = week("2024-W51");
    String before = json.toString();
    Map<String, String> fields = new LinkedHashMap<>(form.fields(json));
    fields.put("tallies.incidents.breakdown.phishing", "38a");
    assertThat(form.apply(json.deepCopy(), fields))
        .containsExactly(new WeekForm.NotANumber("tallies.incidents.breakdown.phishing", "38a"));
    assertThat(json.toString()).isEqualTo(before);
    // thousands separators are read as people type them
    fields.put("tallies.incidents.breakdown.phishing", "38");
    fields.put("tallies.infected_hosts", "2,520,001");
    assertThat(form.apply(json, fields)).isEmpty();
    assertThat(json.at("/tallies/infected_hosts/value").asLong()).isEqualTo(2_520_001L);
  }
}
