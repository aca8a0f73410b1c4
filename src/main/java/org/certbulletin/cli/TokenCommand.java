package org.certbulletin.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code cert-bulletin token ...}: API tokens for programs. */
@Command(
    name = "token",
    mixinStandardHelpOptions = true,
    description =
        "Manage API tokens for programs (Authorization: Bearer): each acts with its user's roles"
            + " and clearance.",
    subcommands = {TokenCreateCommand.class, TokenListCommand.class, TokenRevokeCommand.class})
final class TokenCommand implements Runnable {

  @Mixin ExitCodes.Group exitCodes;

  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
