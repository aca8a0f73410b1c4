package org.certbulletin.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.certbulletin.model.Principal;
import org.certbulletin.model.Role;
import org.certbulletin.model.Tlp;
import org.certbulletin.model.WeekId;
import org.certbulletin.service.Application;
import org.certbulletin.testing.SampleWorkspace;
import org.certbulletin.testing.SampleWorkspaceExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code review} and {@code report} on the command line, with approval and four eyes configured:
 * the shell user submits, cannot approve what they submitted, another person approves, and only
 * then does {@code publish} put the week in the archive.
 */
@ExtendWith(SampleWorkspaceExtension.class)
class ReviewCommandTest {

  private static final Principal BOB =
      new Principal(Principal.Kind.USER, "bob", "bob", Set.of(Role.REVIEWER), Tlp.RED);

  private SampleWorkspace sample;

  @BeforeEach
  void configure(SampleWorkspace sample) {
    this.sample = sample;
    sample.configure("approval", "{\"required\": true, \"distinct_approver\": true}");
  }

  private CommandLineRun run(String... args) {
    return CommandLineRun.of(CommandLineRun.join(sample.options(), args));
  }

  @Test
  void theShellUserSubmitsAnotherApprovesAndOnlyThenIsTheWeekPublished() throws Exception {
    CommandLineRun early = run("publish");
    assertThat(early.exitCode()).as(early.err()).isZero();
    assertThat(early.out()).contains("held back 2024-W51: not submitted for review");
    assertThat(sample.out().resolve("site/2024/W51/bulletin.pdf")).doesNotExist();

    CommandLineRun submitted = run("review", "submit", "2024-W51", "--note", "first issue");
    assertThat(submitted.exitCode()).as(submitted.err()).isZero();
    assertThat(submitted.out()).contains("2024-W51 version 1 submitted for review");

    CommandLineRun own = run("review", "approve", "2024-W51");
    assertThat(own.exitCode()).isEqualTo(ExitCode.BAD_INPUT);
    assertThat(own.err()).contains("four eyes").doesNotContain("Exception");
    assertThat(run("review", "reject", "2024-W51").exitCode()).isEqualTo(ExitCode.BAD_INPUT);

    try (Application application =
        Application.open(sample.workspace(), Map.of(), Clock.systemUTC())) {
      application.bulletins(BOB, "local").approve(WeekId.parse("2024-W51"));
    }
    CommandLineRun shown = run("review", "show", "2024-W51");
    assertThat(shown.out()).contains("2024-W51: approved").contains("approved by bob");

    CommandLineRun published = run("publish");
    assertThat(published.exitCode()).as(published.err()).isZero();
    assertThat(published.out()).doesNotContain("held back 2024-W51");
    assertThat(sample.out().resolve("site/2024/W51/bulletin.pdf")).exists();

    CommandLineRun report = run("report", "2024-W51");
    assertThat(report.exitCode()).as(report.err()).isZero();
    assertThat(report.out())
        .contains("2024-W51: published")
        .contains("approved by   bob")
        .contains("submitted by  cli:");
    CommandLineRun json = run("report", "2024-W51", "--json");
    assertThat(json.out()).contains("\"state\" : \"published\"");
    assertThat(Files.exists(sample.out().resolve("site/2024/W50/bulletin.pdf")))
        .as("a week never submitted stays out")
        .isFalse();
    assertThat(Optional.of(run("review", "submit", "2024-W99").exitCode()))
        .contains(ExitCode.BAD_INPUT);
  }
}
