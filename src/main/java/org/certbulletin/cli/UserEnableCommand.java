package org.certbulletin.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code cert-bulletin user enable NAME}: undoes a disable, and lifts a lockout. */
@Command(
    name = "enable",
    mixinStandardHelpOptions = true,
    description = "Enable a disabled user again; also lifts a lockout after failed sign-ins.")
final class UserEnableCommand implements Callable<Integer> {

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
          access.enable(operator, AccessCommands.FROM, name);
          out.println("enabled user " + name);
          return ExitCode.OK;
        });
  }
}
