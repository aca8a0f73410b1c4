package org.certbulletin.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code cert-bulletin user ...}: the people who may use the HTTP API and console. */
@Command(
    name = "user",
    mixinStandardHelpOptions = true,
    description =
        "Manage the people who sign in to the HTTP API and console: their roles (analyst,"
            + " reviewer, operator, admin), TLP clearance and password.",
    subcommands = {
      UserAddCommand.class,
      UserListCommand.class,
      UserDisableCommand.class,
      UserEnableCommand.class,
      UserResetCommand.class
    })
final class UserCommand implements Runnable {

  @Mixin ExitCodes.Group exitCodes;

  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
