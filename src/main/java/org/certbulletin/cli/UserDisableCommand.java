package org.certbulletin.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code cert-bulletin user disable NAME}: the user can no longer sign in or use a token. */
@Command(
    name = "disable",
    mixinStandardHelpOptions = true,
    description =
        "Disable a user: their sessions end and their tokens stop working until they are enabled"
            + " again.")
final class UserDisableCommand implements Callable<Integer> {

  @Mixin ExitCodes.Standard exitCodes;

  @Spec CommandSpec spec;

  @Mixin WorkspaceOptions options;

  @Parameters(paramLabel = "NAME", description = "The user.")
  String name;

  @Override
  public Integer call() {
    return AccessCommands.run(
        spec,
        options,
        (access, operator, out) -> {
          access.disable(operator, AccessCommands.FROM, name);
          out.println(
              "disabled user "
                  + name
                  + ": their sessions ended and their tokens stop working until enabled again");
          return ExitCode.OK;
        });
  }
}
