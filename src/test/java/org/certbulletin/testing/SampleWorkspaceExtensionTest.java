package org.certbulletin.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The workspace each test gets: a full copy of the sample, its own, and gone once the test is over.
 */
@ExtendWith(SampleWorkspaceExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SampleWorkspaceExtensionTest {

  private static final List<Path> testRoots = new ArrayList<>();
  private static SampleWorkspace forTheClass;

  private SampleWorkspace fromBeforeEach;

  @BeforeAll
  static void rememberTheClassWorkspace(SampleWorkspace sample) {
    forTheClass = sample;
  }

  @BeforeEach
  void rememberTheTestWorkspace(SampleWorkspace sample) {
    fromBeforeEach = sample;
    testRoots.add(sample.root());
  }

  @Test
  @Order(1)
  void aTestGetsTheWorkspaceItsBeforeEachGot(SampleWorkspace sample) {
    assertThat(sample).isSameAs(fromBeforeEach);
  }

  @Test
  @Order(2)
  void theWorkspaceIsACopyOfTheSampleDataAndTemplates(SampleWorkspace sample) throws IOException {
    String shipped = Files.readString(Path.of("data/weeks/2024-W51.json"));
    assertThat(shipped).contains("\"zh-CN\": ");
    assertThat(sample.readWeek("2024-W51"))
        .as("the sample in English only, every text a plain string")
        .doesNotContain("zh-CN")
        .contains("\"text\": \"The overall situation was good.");
    assertThat(Files.readString(sample.data().resolve("config.json")))
        .contains("\"languages\": [\"en\"]")
        .contains("\"name\": \"Sample National CERT\"");
    assertThat(sample.templates().resolve("bulletin/bulletin.ftlh")).isRegularFile();
    assertThat(sample.out()).doesNotExist();
    assertThat(sample.data()).isNotEqualTo(Path.of("data").toAbsolutePath());

    sample.editWeek("2024-W51", json -> json.replace("\"tlp\": \"CLEAR\"", "\"tlp\": \"AMBER\""));
  }

  @Test
  @Order(3)
  void eachTestGetsAFreshCopyAndTheLastOneIsGone(SampleWorkspace sample) {
    assertThat(sample.readWeek("2024-W51"))
        .as("the edit of the test before is not here")
        .contains("\"tlp\": \"CLEAR\"");
    assertThat(sample.root()).isDirectory();
    assertThat(testRoots).hasSize(3).doesNotHaveDuplicates();
    assertThat(testRoots.get(1)).as("the folder of the test before").doesNotExist();
  }

  @Test
  @Order(4)
  void theClassHasAWorkspaceOfItsOwnForAllItsTests(SampleWorkspace sample) {
    assertThat(forTheClass).isNotSameAs(sample);
    assertThat(forTheClass.root()).isDirectory().isNotIn(testRoots);
  }

  @AfterAll
  static void everyTestsFolderIsDeleted() {
    assertThat(testRoots).hasSize(4).allSatisfy(root -> assertThat(root).doesNotExist());
  }
}
