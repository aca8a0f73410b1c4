package org.certbulletin.cli;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.certbulletin.service.IssuedToken;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code cert-bulletin token create NAME --user USER [--expires P90D]}: makes a token. */
@Command(
    name = "create",
    mixinStandardHelpOptions = true,
    description = {
      "Make an API token acting for a user and print it, once: only its hash is kept. The token"
          + " goes to standard output alone, the notice to standard error."
    })
final class TokenCreateCommand implements Callable<Integer> {

  @Mixin ExitCodes.Standard exitCodes;

  @Spec CommandSpec spec;

  @Mixin WorkspaceOptions options;

  @Parameters(
      paramLabel = "NAME",
      description = "What the token is for (soar-playbook): letters, digits, '.', '_' or '-'.")
  String name;

  @Option(
      names = "--user",
      required = true,
      paramLabel = "USER",
      description = "The user whose roles and clearance the token acts with.")
  String user;

  @Option(
      names = "--expires",
      paramLabel = "DURATION",
      converter = AccessCommands.DurationConverter.class,
      description = "How long it lasts, in ISO 8601: P90D, PT12H (default: until revoked).")
  Duration expires;

  @Override
  public Integer call() {
    return AccessCommands.run(
        spec,
        options,
        (access, operator, out) -> {
          IssuedToken issued =
              access.createToken(
                  operator, AccessCommands.FROM, name, user, Optional.ofNullable(expires));
          out.println(issued.secret());
          out.flush();
          spec.commandLine()
              .getErr()
              .println(
                  "token "
                      + name
                      + " for user "
                      + user
                      + issued
                          .token()
                          .expires()
                          .map(e -> ", valid until " + AccessCommands.time(e))
                          .orElse(", valid until revoked")
                      + ": it will not be shown again; store it now (only its hash is kept)");
          return ExitCode.OK;
        });
  }
}
