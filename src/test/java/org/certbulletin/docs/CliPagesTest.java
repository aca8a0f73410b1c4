package org.certbulletin.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The CLI reference committed in {@code docs/reference/cli} is what the commands generate now: a
 * changed option, description or exit code without its page fails here.
 */
class CliPagesTest {

  private static final String REFRESH = "mvn -B -q test-compile exec:java@docs";

  private final CliPages generator = new CliPages();

  @Test
  void everyCommittedPageIsAsTheCommandsGenerateIt() throws IOException {
    List<String> stale = new ArrayList<>();
    for (Map.Entry<String, String> page : generator.pages().entrySet()) {
      Path file = Path.of(page.getKey());
      if (!Files.exists(file)) {
        stale.add(page.getKey() + " is missing");
      } else if (!Files.readString(file, StandardCharsets.UTF_8).equals(page.getValue())) {
        stale.add(page.getKey() + " differs from what its command generates");
      }
    }
    assertThat(stale).as("stale CLI reference; refresh it with: %s", REFRESH).isEmpty();
  }

  @Test
  void theFolderHoldsNoPageOfACommandThatIsGone() throws IOException {
    SortedMap<String, String> pages = generator.pages();
    List<String> extra;
    try (Stream<Path> files = Files.list(Path.of(generator.folder()))) {
      extra =
          files
              .map(file -> generator.folder() + "/" + file.getFileName())
              .filter(name -> !pages.containsKey(name))
              .sorted()
              .toList();
    }
    assertThat(extra).as("pages no command generates; remove them with: %s", REFRESH).isEmpty();
  }

  @Test
  void theProgramsPageListsEveryExitCode() {
    String program = generator.pages().get("docs/reference/cli/cert-bulletin.adoc");
    assertThat(program)
        .contains("= cert-bulletin(1)", "\n== Exit codes\n")
        .contains("*0*::", "*1*::", "*2*::", "*3*::", "*75*::", "*143*::");
  }

  @Test
  void pagesNameNoVersionOrDate() {
    String build = generator.pages().get("docs/reference/cli/cert-bulletin-build.adoc");
    assertThat(build).contains(":revnumber: \n", ":mansource: \n").doesNotContain(":revdate:");
  }
}
