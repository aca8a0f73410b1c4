package org.certbulletin.cli;

import java.util.Arrays;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code cert-bulletin user reset NAME}: gives a user a new password. */
@Command(
    name = "reset",
    mixinStandardHelpOptions = true,
    description = {
      "Give a user a new password, read as for 'user add' (CERT_BULLETIN_PASSWORD or standard"
          + " input); their sessions end and a lockout is lifted."
    })
final class UserResetCommand implements Callable<Integer> {

  @Mixin ExitCodes.Standard exitCodes;

  @Spec CommandSpec spec;

  @Mixin WorkspaceOptions options;

  @Parameters(paramLabel = "NAME", description = "The user.")
  String name;

  private final SecretInput secrets;

  UserResetCommand() {
    this(SecretInput.standard());
  }

  UserResetCommand(SecretInput secrets) {
    this.secrets = secrets;
  }

  @Override
  public Integer call() {
    return AccessCommands.run(
        spec,
        options,
        (access, operator, out) -> {
          char[] password = secrets.password(name);
          try {
            access.resetPassword(operator, AccessCommands.FROM, name, password);
          } finally {
            Arrays.fill(password, '\0');
          }
          out.println("new password for user " + name + "; their sessions ended");
          return ExitCode.OK;
        });
  }
}
