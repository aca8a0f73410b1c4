package org.certbulletin.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.certbulletin.model.ProgramName;
import org.certbulletin.model.Release;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.Command;

/**
 * The command line holds only the commands its arguments can run or list, and answers as if it held
 * them all: the help lists every command, a misspelt command is refused as before.
 */
class CommandListTest {

  @Test
  void aNamedCommandIsTheOnlyOneBuilt() {
    assertThat(Main.commandsFor("validate", "2024-W51")).containsExactly(ValidateCommand.class);
    assertThat(Main.commandsFor("-V", "import", "tallies", "x.csv"))
        .containsExactly(ImportCommand.class);
    assertThat(Main.commandsFor("validate", "--help")).containsExactly(ValidateCommand.class);
  }

  @Test
  void theHelpListsEveryCommandAlsoWhenACommandFollowsIt() {
    for (String[] args :
        List.of(new String[] {"--help"}, new String[] {"-h", "validate"}, new String[] {})) {
      CommandLineRun run = CommandLineRun.of(args);

      assertThat(run.exitCode()).as(run.err()).isZero();
      for (Class<?> command : Main.COMMANDS) {
        assertThat(run.out())
            .as("help for %s", String.join(" ", args))
            .containsPattern("(?m)^  " + command.getAnnotation(Command.class).name() + " ");
      }
    }
  }

  @Test
  void aCommandsOwnHelpIsItsOwn() {
    CommandLineRun run = CommandLineRun.of("validate", "--help");

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out())
        .startsWith("Usage: " + ProgramName.COMMAND + " validate [-hV]")
        .contains("Weeks to check");
  }

  @Test
  void theShortVersionOptionIsTheVersion() {
    CommandLineRun run = CommandLineRun.of("-V");

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).isEqualTo("%s%n", Release.current().label());
  }

  @Test
  void theVersionWithACommandIsTheVersion() {
    CommandLineRun run = CommandLineRun.of("--version", "validate");

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).isEqualTo("%s%n", Release.current().label());
  }

  @Test
  void aMisspeltCommandIsBadUsage() {
    CommandLineRun run = CommandLineRun.of("valdate");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err())
        .isEqualTo(
            "error: Unmatched argument at index 0: 'valdate'%nsee: %s --help%n",
            ProgramName.COMMAND);
  }
}
