package org.certbulletin.cli;

import java.util.concurrent.Callable;
import org.certbulletin.service.ApiToken;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code cert-bulletin token revoke NAME}: the token stops working, for good. */
@Command(
    name = "revoke",
    mixinStandardHelpOptions = true,
    description = "Revoke an API token: it stops working at once, for good.")
final class TokenRevokeCommand implements Callable<Integer> {

  @Mixin ExitCodes.Standard exitCodes;

  @Spec CommandSpec spec;

  @Mixin WorkspaceOptions options;

  @Parameters(paramLabel = "NAME", description = "The token.")
  String name;

  @Override
  public Integer call() {
    return AccessCommands.run(
        spec,
        options,
        (access, operator, out) -> {
          ApiToken revoked = access.revokeToken(operator, AccessCommands.FROM, name);
          out.println("revoked token " + revoked.name() + " (user " + revoked.user() + ")");
          return ExitCode.OK;
        });
  }
}
